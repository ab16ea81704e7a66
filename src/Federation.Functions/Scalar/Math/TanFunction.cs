using Federation.Common.Types;

namespace Federation.Functions.Scalar.Math;

/// <summary>TAN(x) of radians; an infinite x is an error. Computed in double precision.</summary>
public sealed class TanFunction : ScalarFunction
{
    public override string Name => "tan";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) => DoubleFunctions.BindUnary(this, argumentTypes, Kernel);

    private static ColumnarValue Kernel(ReadOnlySpan<ColumnarValue> args, in KernelContext context) =>
        MapKernels.Map<double, double, Op>(args, context, SqlType.Float64, default);

    private readonly struct Op : IUnaryOp<double, double>
    {
        public double Apply(double value)
        {
            return System.Math.Tan(DoubleFunctions.CheckFiniteInput(value));
        }
    }
}
