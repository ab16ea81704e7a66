using Federation.Common.Types;

namespace Federation.Functions.Scalar.Math;

/// <summary>LOG10(x): the base-10 logarithm; zero and negative x are errors. Computed in double precision.</summary>
public sealed class Log10Function : ScalarFunction
{
    public override string Name => "log10";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) => DoubleFunctions.BindUnary(this, argumentTypes, Kernel);

    private static ColumnarValue Kernel(ReadOnlySpan<ColumnarValue> args, in KernelContext context) =>
        MapKernels.Map<double, double, Op>(args, context, SqlType.Float64, default);

    private readonly struct Op : IUnaryOp<double, double>
    {
        public double Apply(double value)
        {
            return DoubleFunctions.Logarithm(value, System.Math.Log10(value));
        }
    }
}
