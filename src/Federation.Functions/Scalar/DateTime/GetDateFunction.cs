using Federation.Common.Types;

namespace Federation.Functions.Scalar.DateTime;

/// <summary>GETDATE() (Redshift): the statement's start as timestamp without time zone, truncated to whole seconds.</summary>
public sealed class GetDateFunction : ScalarFunction
{
    public override string Name => "getdate";

    public override Volatility Volatility => Volatility.Stable;

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) =>
        argumentTypes.Count == 0 ? Binding([], SqlType.Timestamp, Kernel) : null;

    private static ColumnarValue Kernel(ReadOnlySpan<ColumnarValue> args, in KernelContext context) =>
        ColumnarValue.FromScalar(ScalarValue.Timestamp(
            DateTimeMath.FloorDiv(context.TimeZone.ToLocal(context.StatementTimestampMicros), Interval.MicrosPerSecond) * Interval.MicrosPerSecond));
}
