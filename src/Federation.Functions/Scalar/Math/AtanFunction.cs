using Federation.Common.Types;

namespace Federation.Functions.Scalar.Math;

/// <summary>ATAN(x) in radians. Computed in double precision.</summary>
public sealed class AtanFunction : ScalarFunction
{
    public override string Name => "atan";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) => DoubleFunctions.BindUnary(this, argumentTypes, Kernel);

    private static ColumnarValue Kernel(ReadOnlySpan<ColumnarValue> args, in KernelContext context) =>
        MapKernels.Map<double, double, Op>(args, context, SqlType.Float64, default);

    private readonly struct Op : IUnaryOp<double, double>
    {
        public double Apply(double value)
        {
            return System.Math.Atan(value);
        }
    }
}
