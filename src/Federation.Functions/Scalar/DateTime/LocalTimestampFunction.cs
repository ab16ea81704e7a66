using Federation.Common.Types;

namespace Federation.Functions.Scalar.DateTime;

/// <summary>LOCALTIMESTAMP / SYSDATE (Redshift): the statement's start as timestamp without time zone (UTC).</summary>
public sealed class LocalTimestampFunction : ScalarFunction
{
    public override string Name => "localtimestamp";

    public override IReadOnlyList<string> Aliases => ["sysdate"];

    public override Volatility Volatility => Volatility.Stable;

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) =>
        argumentTypes.Count == 0 ? Binding([], SqlType.Timestamp, Kernel) : null;

    private static ColumnarValue Kernel(ReadOnlySpan<ColumnarValue> args, in KernelContext context) =>
        ColumnarValue.FromScalar(ScalarValue.Timestamp(context.TimeZone.ToLocal(context.StatementTimestampMicros)));
}
