using Federation.Common.Types;

namespace Federation.Functions.Scalar.Math;

/// <summary>LN(x): the natural logarithm; zero and negative x are errors. Computed in double precision.</summary>
public sealed class LnFunction : ScalarFunction
{
    public override string Name => "ln";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) => DoubleFunctions.BindUnary(this, argumentTypes, Kernel);

    private static ColumnarValue Kernel(ReadOnlySpan<ColumnarValue> args, in KernelContext context) =>
        MapKernels.Map<double, double, Op>(args, context, SqlType.Float64, default);

    private readonly struct Op : IUnaryOp<double, double>
    {
        public double Apply(double value)
        {
            return DoubleFunctions.Logarithm(value, System.Math.Log(value));
        }
    }
}
