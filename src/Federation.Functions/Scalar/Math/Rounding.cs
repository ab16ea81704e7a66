using Federation.Common.Types;

namespace Federation.Functions.Scalar.Math;

/// <summary>
/// Shared binding and kernels of ROUND, TRUNC, FLOOR and CEIL.
/// <list type="bullet">
/// <item>Integers: unchanged, same type (one argument).</item>
/// <item>decimal(p, s) with s &gt; 0: decimal(p, 0), exact; p digits always hold the carry of rounding up.</item>
/// <item>decimal(p, s) with digits n (ROUND/TRUNC): exact, and the scale stays s (the binder sees types, not the
/// value of n, so it cannot narrow the scale to n as PostgreSQL's numeric does: ROUND(1.2345, 2) gives 1.2300);
/// ROUND widens the precision by one for the carry. Integer x with digits is read as decimal(p, 0).</item>
/// <item>real/double: double. ROUND rounds ties away from zero (PostgreSQL's float8 round uses rint, ties to
/// even); ROUND/TRUNC with digits (Redshift) round the shortest decimal form of the double.</item>
/// </list>
/// </summary>
internal static class Rounding
{
    public static ScalarFunctionBinding? Bind(ScalarFunction function, IReadOnlyList<SqlType> argumentTypes, RoundingMode mode, bool allowDigits)
    {
        if (argumentTypes.Count is < 1 or > 2 || (argumentTypes.Count == 2 && !allowDigits) || !Signatures.IsNumeric(argumentTypes[0]))
        {
            return null;
        }

        var type = argumentTypes[0];
        if (argumentTypes.Count == 1)
        {
            if (type.IsInteger || (type.Kind == TypeKind.Decimal && type.Scale == 0))
            {
                return new ScalarFunctionBinding(function, [type], type, Identity);
            }

            if (type.Kind == TypeKind.Decimal)
            {
                var result = SqlType.Decimal(type.Precision, 0);
                var op = new DecimalToInteger(DecimalMath.Pow10(type.Scale), mode);
                return new ScalarFunctionBinding(function, [type], result,
                    (ReadOnlySpan<ColumnarValue> a, in KernelContext c) => MapKernels.Map<Int128, Int128, DecimalToInteger>(a, c, result, op));
            }

            var doubleOp = new DoubleToInteger(mode);
            return new ScalarFunctionBinding(function, [SqlType.Float64], SqlType.Float64,
                (ReadOnlySpan<ColumnarValue> a, in KernelContext c) => MapKernels.Map<double, double, DoubleToInteger>(a, c, SqlType.Float64, doubleOp));
        }

        if (!Signatures.IsInteger(argumentTypes[1]))
        {
            return null;
        }

        if (type.IsFloat || type.Kind == TypeKind.Null)
        {
            var doubleOp = new DoubleToDigits(mode);
            return new ScalarFunctionBinding(function, [SqlType.Float64, SqlType.Int64], SqlType.Float64,
                (ReadOnlySpan<ColumnarValue> a, in KernelContext c) => MapKernels.Map2<double, long, double, DoubleToDigits>(a, c, SqlType.Float64, doubleOp));
        }

        var input = type.ToDecimal();
        var precision = mode == RoundingMode.HalfAwayFromZero ? System.Math.Min(input.Precision + 1, SqlType.MaxDecimalPrecision) : input.Precision;
        var output = SqlType.Decimal(precision, input.Scale);
        var decimalOp = new DecimalToDigits(input.Scale, precision, mode);
        return new ScalarFunctionBinding(function, [input, SqlType.Int64], output,
            (ReadOnlySpan<ColumnarValue> a, in KernelContext c) => MapKernels.Map2<Int128, long, Int128, DecimalToDigits>(a, c, output, decimalOp));
    }

    private static ColumnarValue Identity(ReadOnlySpan<ColumnarValue> args, in KernelContext context) => args[0];

    /// <summary>value / divisor rounded by the mode (divisor positive).</summary>
    public static Int128 Divide(Int128 value, Int128 divisor, RoundingMode mode)
    {
        var (quotient, remainder) = Int128.DivRem(value, divisor);
        if (remainder == 0)
        {
            return quotient;
        }

        return mode switch
        {
            RoundingMode.HalfAwayFromZero => Int128.Abs(remainder) >= divisor - Int128.Abs(remainder) ? quotient + (value < 0 ? -1 : 1) : quotient,
            RoundingMode.Down => value < 0 ? quotient - 1 : quotient,
            RoundingMode.Up => value > 0 ? quotient + 1 : quotient,
            _ => quotient,
        };
    }

    public static double Apply(double value, RoundingMode mode) => mode switch
    {
        RoundingMode.HalfAwayFromZero => System.Math.Round(value, MidpointRounding.AwayFromZero),
        RoundingMode.TowardZero => System.Math.Truncate(value),
        RoundingMode.Down => System.Math.Floor(value),
        _ => System.Math.Ceiling(value),
    };

    /// <summary>Rounds a double to <paramref name="digits"/> decimal places (negative: to tens, hundreds ...).</summary>
    public static double ApplyDigits(double value, long digits, RoundingMode mode)
    {
        if (!double.IsFinite(value))
        {
            return value;
        }

        var midpoint = mode == RoundingMode.HalfAwayFromZero ? MidpointRounding.AwayFromZero : MidpointRounding.ToZero;
        if (digits >= 0)
        {
            if (System.Math.Abs(value) < 1e15 && digits <= 28)
            {
                // Through System.Decimal, which keeps the 15 significant digits PostgreSQL uses to read a float8
                // as numeric, so ROUND(2.675, 2) is 2.68 rather than the 2.67 of the binary value.
                return (double)decimal.Round((decimal)value, (int)digits, midpoint);
            }

            return digits <= 15 ? System.Math.Round(value, (int)digits, midpoint) : value;
        }

        if (digits < -308)
        {
            return 0;
        }

        var factor = System.Math.Pow(10, -digits);
        return System.Math.Round(value / factor, midpoint) * factor;
    }

    private readonly struct DecimalToInteger(Int128 divisor, RoundingMode mode) : IUnaryOp<Int128, Int128>
    {
        public Int128 Apply(Int128 value) => Divide(value, divisor, mode);
    }

    private readonly struct DoubleToInteger(RoundingMode mode) : IUnaryOp<double, double>
    {
        public double Apply(double value) => Rounding.Apply(value, mode);
    }

    private readonly struct DoubleToDigits(RoundingMode mode) : IBinaryOp<double, long, double>
    {
        public double Apply(double left, long right) => ApplyDigits(left, right, mode);
    }

    private readonly struct DecimalToDigits(int scale, int precision, RoundingMode mode) : IBinaryOp<Int128, long, Int128>
    {
        public Int128 Apply(Int128 left, long right)
        {
            if (right >= scale)
            {
                return left;
            }

            var drop = right < -SqlType.MaxDecimalPrecision ? SqlType.MaxDecimalPrecision + 1 : scale - right;
            if (drop > SqlType.MaxDecimalPrecision)
            {
                return 0;
            }

            var unit = DecimalMath.Pow10((int)drop);
            var result = Divide(left, unit, mode) * unit;
            if (!DecimalMath.FitsPrecision(result, precision))
            {
                throw DecimalMath.Overflow(precision, scale);
            }

            return result;
        }
    }
}
