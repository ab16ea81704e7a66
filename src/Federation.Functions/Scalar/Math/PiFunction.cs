using Federation.Common.Types;

namespace Federation.Functions.Scalar.Math;

/// <summary>PI(): the constant π as double precision.</summary>
public sealed class PiFunction : ScalarFunction
{
    public override string Name => "pi";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) =>
        argumentTypes.Count == 0 ? Binding([], SqlType.Float64, Kernel) : null;

    private static ColumnarValue Kernel(ReadOnlySpan<ColumnarValue> args, in KernelContext context) =>
        ColumnarValue.FromScalar(ScalarValue.Float64(System.Math.PI));
}
