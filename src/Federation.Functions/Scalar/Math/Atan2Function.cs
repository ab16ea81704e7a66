using Federation.Common.Types;

namespace Federation.Functions.Scalar.Math;

/// <summary>ATAN2(y, x): the arc tangent of y/x in radians, using the signs to pick the quadrant.</summary>
public sealed class Atan2Function : ScalarFunction
{
    public override string Name => "atan2";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) => DoubleFunctions.BindBinary(this, argumentTypes, Kernel);

    private static ColumnarValue Kernel(ReadOnlySpan<ColumnarValue> args, in KernelContext context) =>
        MapKernels.Map2<double, double, double, Op>(args, context, SqlType.Float64, default);

    private readonly struct Op : IBinaryOp<double, double, double>
    {
        public double Apply(double left, double right) => System.Math.Atan2(left, right);
    }
}
