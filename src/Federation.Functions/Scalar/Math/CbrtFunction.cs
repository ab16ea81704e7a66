using Federation.Common.Types;

namespace Federation.Functions.Scalar.Math;

/// <summary>CBRT(x): the cube root. Computed in double precision.</summary>
public sealed class CbrtFunction : ScalarFunction
{
    public override string Name => "cbrt";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) => DoubleFunctions.BindUnary(this, argumentTypes, Kernel);

    private static ColumnarValue Kernel(ReadOnlySpan<ColumnarValue> args, in KernelContext context) =>
        MapKernels.Map<double, double, Op>(args, context, SqlType.Float64, default);

    private readonly struct Op : IUnaryOp<double, double>
    {
        public double Apply(double value)
        {
            return System.Math.Cbrt(value);
        }
    }
}
