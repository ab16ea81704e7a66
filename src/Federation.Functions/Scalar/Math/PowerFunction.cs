using Federation.Common;
using Federation.Common.Types;

namespace Federation.Functions.Scalar.Math;

/// <summary>
/// POWER/POW(a, b): a raised to b in double precision, with PostgreSQL's float8 rules: 0 to a negative power and
/// a negative number to a non-integer power are errors, as are results that overflow or underflow.
/// </summary>
public sealed class PowerFunction : ScalarFunction
{
    public override string Name => "power";

    public override IReadOnlyList<string> Aliases => ["pow"];

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) => DoubleFunctions.BindBinary(this, argumentTypes, Kernel);

    private static ColumnarValue Kernel(ReadOnlySpan<ColumnarValue> args, in KernelContext context) =>
        MapKernels.Map2<double, double, double, Op>(args, context, SqlType.Float64, default);

    private readonly struct Op : IBinaryOp<double, double, double>
    {
        public double Apply(double left, double right)
        {
            if (double.IsNaN(left))
            {
                return double.IsNaN(right) || right != 0 ? double.NaN : 1;
            }

            if (double.IsNaN(right))
            {
                return left != 1 ? double.NaN : 1;
            }

            if (left == 0 && right < 0)
            {
                ScalarErrors.Throw(ErrorCode.InvalidArgument, "zero raised to a negative power is undefined");
            }

            if (left < 0 && System.Math.Floor(right) != right && !double.IsInfinity(right))
            {
                ScalarErrors.Throw(ErrorCode.InvalidArgument, "a negative number raised to a non-integer power yields a complex result");
            }

            var result = System.Math.Pow(left, right);
            if (double.IsInfinity(result) && !double.IsInfinity(left) && !double.IsInfinity(right))
            {
                ScalarErrors.FloatOverflow();
            }

            if (result == 0 && left != 0 && !double.IsInfinity(left) && !double.IsInfinity(right))
            {
                ScalarErrors.FloatUnderflow();
            }

            return result;
        }
    }
}
