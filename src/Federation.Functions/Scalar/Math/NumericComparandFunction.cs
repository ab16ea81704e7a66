using Federation.Common.Types;

namespace Federation.Functions.Scalar.Math;

/// <summary>
/// numeric_comparand(x, s): x (an integer or numeric) at scale s as numeric(38, s) for a comparison only, where a value
/// too large for 38 digits becomes ±10^38, beyond every numeric(38, s) value. The binder compares through it when the
/// common type of two numerics cannot hold both: bigint (19 integer digits) against numeric(38,37) (1 integer digit, 37
/// fraction digits) would need 56 digits. The operand with the larger scale always fits numeric(38, its scale); the
/// other keeps every value that fits, and one that does not is larger (or smaller) than anything on the other side,
/// so the comparison is exact, as PostgreSQL's unbounded numeric compares, instead of failing with an overflow.
/// </summary>
public sealed class NumericComparandFunction : ScalarFunction
{
    public const string FunctionName = "numeric_comparand";

    public override string Name => FunctionName;

    public override string SignatureHint => "numeric_comparand(numeric, integer scale)";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) => Bind(argumentTypes, []);

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes, IReadOnlyList<ScalarValue?> constants)
    {
        if (argumentTypes.Count != 2 || !(argumentTypes[0].IsInteger || argumentTypes[0].Kind == TypeKind.Decimal) || !argumentTypes[1].IsInteger)
        {
            return null;
        }

        // The scale is a constant of the call; without one (a scale from a column) the input's own scale is kept.
        var input = argumentTypes[0].ToDecimal();
        var scale = constants.Count == 2 && constants[1] is { IsNull: false } scaleValue ? scaleValue.AsInt64() : input.Scale;
        if (scale < input.Scale || scale > SqlType.MaxDecimalPrecision)
        {
            return null;
        }

        var result = SqlType.Decimal(SqlType.MaxDecimalPrecision, (int)scale);
        var op = new Widen(DecimalMath.Pow10((int)scale - input.Scale), DecimalMath.Limit(SqlType.MaxDecimalPrecision));
        return Binding([input, SqlType.Int64], result,
            (ReadOnlySpan<ColumnarValue> a, in KernelContext c) => MapKernels.Map2<Int128, long, Int128, Widen>(a, c, result, op));
    }

    private readonly struct Widen(Int128 factor, Int128 limit) : IBinaryOp<Int128, long, Int128>
    {
        public Int128 Apply(Int128 left, long right)
        {
            // |left| < 10^38, so the quotient test cannot overflow.
            if (left >= limit / factor)
            {
                return limit;
            }

            if (left <= -(limit / factor))
            {
                return -limit;
            }

            return left * factor;
        }
    }
}
