using Federation.Common;
using Federation.Common.Types;

namespace Federation.Functions.Scalar.Math;

/// <summary>SQRT(x): the square root; a negative x is an error. Computed in double precision.</summary>
public sealed class SqrtFunction : ScalarFunction
{
    public override string Name => "sqrt";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) => DoubleFunctions.BindUnary(this, argumentTypes, Kernel);

    private static ColumnarValue Kernel(ReadOnlySpan<ColumnarValue> args, in KernelContext context) =>
        MapKernels.Map<double, double, Op>(args, context, SqlType.Float64, default);

    private readonly struct Op : IUnaryOp<double, double>
    {
        public double Apply(double value)
        {
            if (value < 0)
            {
                ScalarErrors.Throw(ErrorCode.InvalidArgument, "cannot take square root of a negative number");
            }

            return System.Math.Sqrt(value);
        }
    }
}
