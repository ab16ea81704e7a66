using Federation.Common.Types;

namespace Federation.Functions.Scalar.Math;

/// <summary>EXP(x): e raised to x; a result too large or too small for double precision is an error, as PostgreSQL's float8 exp. Computed in double precision.</summary>
public sealed class ExpFunction : ScalarFunction
{
    public override string Name => "exp";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) => DoubleFunctions.BindUnary(this, argumentTypes, Kernel);

    private static ColumnarValue Kernel(ReadOnlySpan<ColumnarValue> args, in KernelContext context) =>
        MapKernels.Map<double, double, Op>(args, context, SqlType.Float64, default);

    private readonly struct Op : IUnaryOp<double, double>
    {
        public double Apply(double value)
        {
            var result = System.Math.Exp(value);
            if (double.IsInfinity(result) && !double.IsInfinity(value))
            {
                ScalarErrors.FloatOverflow();
            }

            if (result == 0 && !double.IsNegativeInfinity(value))
            {
                ScalarErrors.FloatUnderflow();
            }

            return result;
        }
    }
}
