using Federation.Common;
using Federation.Common.Types;

namespace Federation.Functions.Scalar.Math;

/// <summary>ACOS(x) in radians; x outside [-1, 1] is an error. Computed in double precision.</summary>
public sealed class AcosFunction : ScalarFunction
{
    public override string Name => "acos";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) => DoubleFunctions.BindUnary(this, argumentTypes, Kernel);

    private static ColumnarValue Kernel(ReadOnlySpan<ColumnarValue> args, in KernelContext context) =>
        MapKernels.Map<double, double, Op>(args, context, SqlType.Float64, default);

    private readonly struct Op : IUnaryOp<double, double>
    {
        public double Apply(double value)
        {
            if (value is < -1 or > 1)
            {
                ScalarErrors.Throw(ErrorCode.InvalidArgument, "input is out of range");
            }

            return System.Math.Acos(value);
        }
    }
}
