using Federation.Common.Types;

namespace Federation.Functions.Scalar.Math;

/// <summary>
/// LOG(x): base-10 logarithm (PostgreSQL); LOG(b, x): logarithm of x to base b (base 1 is a division by zero).
/// Computed in double precision.
/// </summary>
public sealed class LogFunction : ScalarFunction
{
    public override string Name => "log";

    public override string SignatureHint => "log(x) or log(base, x)";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) =>
        argumentTypes.Count == 1
            ? DoubleFunctions.BindUnary(this, argumentTypes, Log10)
            : DoubleFunctions.BindBinary(this, argumentTypes, LogBase);

    private static ColumnarValue Log10(ReadOnlySpan<ColumnarValue> args, in KernelContext context) =>
        MapKernels.Map<double, double, Log10Op>(args, context, SqlType.Float64, default);

    private static ColumnarValue LogBase(ReadOnlySpan<ColumnarValue> args, in KernelContext context) =>
        MapKernels.Map2<double, double, double, LogBaseOp>(args, context, SqlType.Float64, default);

    private readonly struct Log10Op : IUnaryOp<double, double>
    {
        public double Apply(double value) => DoubleFunctions.Logarithm(value, System.Math.Log10(value));
    }

    private readonly struct LogBaseOp : IBinaryOp<double, double, double>
    {
        public double Apply(double left, double right)
        {
            DoubleFunctions.Logarithm(left, 0);
            DoubleFunctions.Logarithm(right, 0);
            if (left == 1)
            {
                ScalarErrors.DivisionByZero();
            }

            return System.Math.Log(right) / System.Math.Log(left);
        }
    }
}
