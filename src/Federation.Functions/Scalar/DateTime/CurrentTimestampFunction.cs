using Federation.Common.Types;

namespace Federation.Functions.Scalar.DateTime;

/// <summary>CURRENT_TIMESTAMP/NOW(): the statement's start as timestamp with time zone.</summary>
public sealed class CurrentTimestampFunction : ScalarFunction
{
    public override string Name => "current_timestamp";

    public override IReadOnlyList<string> Aliases => ["now"];

    public override Volatility Volatility => Volatility.Stable;

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) =>
        argumentTypes.Count == 0 ? Binding([], SqlType.TimestampTz, Kernel) : null;

    private static ColumnarValue Kernel(ReadOnlySpan<ColumnarValue> args, in KernelContext context) =>
        ColumnarValue.FromScalar(ScalarValue.TimestampTz(context.StatementTimestampMicros));
}
