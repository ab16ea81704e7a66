using Federation.Common.Types;

namespace Federation.Functions.Scalar.Math;

/// <summary>
/// TRUNC(x [, digits]): truncates toward zero; see <see cref="Rounding"/> for the result types.
/// TRUNC(timestamp) (Redshift) is the timestamp's date.
/// </summary>
public sealed class TruncFunction : ScalarFunction
{
    public override string Name => "trunc";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) => Bind(argumentTypes, []);

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes, IReadOnlyList<ScalarValue?> constants)
    {
        if (argumentTypes.Count == 1 && argumentTypes[0].Kind is TypeKind.Timestamp or TypeKind.TimestampTz)
        {
            return Binding([argumentTypes[0]], SqlType.Date, DateOfTimestamp);
        }

        return Rounding.Bind(this, argumentTypes, RoundingMode.TowardZero, allowDigits: true, constants);
    }

    private static ColumnarValue DateOfTimestamp(ReadOnlySpan<ColumnarValue> args, in KernelContext context) =>
        MapKernels.Map<long, int, DateOp>(args, context, SqlType.Date, default);

    private readonly struct DateOp : IUnaryOp<long, int>
    {
        public int Apply(long value) => DateTimeMath.DateOfTimestamp(value);
    }
}
