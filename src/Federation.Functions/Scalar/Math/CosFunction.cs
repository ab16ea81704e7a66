using Federation.Common.Types;

namespace Federation.Functions.Scalar.Math;

/// <summary>COS(x) of radians; an infinite x is an error. Computed in double precision.</summary>
public sealed class CosFunction : ScalarFunction
{
    public override string Name => "cos";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) => DoubleFunctions.BindUnary(this, argumentTypes, Kernel);

    private static ColumnarValue Kernel(ReadOnlySpan<ColumnarValue> args, in KernelContext context) =>
        MapKernels.Map<double, double, Op>(args, context, SqlType.Float64, default);

    private readonly struct Op : IUnaryOp<double, double>
    {
        public double Apply(double value)
        {
            return System.Math.Cos(DoubleFunctions.CheckFiniteInput(value));
        }
    }
}
