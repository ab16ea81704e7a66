using Federation.Common.Types;

namespace Federation.Functions.Scalar.Math;

/// <summary>RADIANS(x): degrees to radians. Computed in double precision.</summary>
public sealed class RadiansFunction : ScalarFunction
{
    public override string Name => "radians";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) => DoubleFunctions.BindUnary(this, argumentTypes, Kernel);

    private static ColumnarValue Kernel(ReadOnlySpan<ColumnarValue> args, in KernelContext context) =>
        MapKernels.Map<double, double, Op>(args, context, SqlType.Float64, default);

    private readonly struct Op : IUnaryOp<double, double>
    {
        public double Apply(double value)
        {
            return value * (System.Math.PI / 180.0);
        }
    }
}
