using Federation.Common.Types;

namespace Federation.Functions.Scalar.DateTime;

/// <summary>CURRENT_DATE: the date (UTC) of the statement's start.</summary>
public sealed class CurrentDateFunction : ScalarFunction
{
    public override string Name => "current_date";

    public override Volatility Volatility => Volatility.Stable;

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) =>
        argumentTypes.Count == 0 ? Binding([], SqlType.Date, Kernel) : null;

    private static ColumnarValue Kernel(ReadOnlySpan<ColumnarValue> args, in KernelContext context) =>
        ColumnarValue.FromScalar(ScalarValue.Date(DateTimeMath.DateOfTimestamp(context.TimeZone.ToLocal(context.StatementTimestampMicros))));
}
