using Federation.Common.Types;

namespace Federation.Functions.Scalar.Math;

/// <summary>DEGREES(x): radians to degrees. Computed in double precision.</summary>
public sealed class DegreesFunction : ScalarFunction
{
    public override string Name => "degrees";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) => DoubleFunctions.BindUnary(this, argumentTypes, Kernel);

    private static ColumnarValue Kernel(ReadOnlySpan<ColumnarValue> args, in KernelContext context) =>
        MapKernels.Map<double, double, Op>(args, context, SqlType.Float64, default);

    private readonly struct Op : IUnaryOp<double, double>
    {
        public double Apply(double value)
        {
            return DoubleFunctions.CheckOverflow(value * (180.0 / System.Math.PI), value);
        }
    }
}
