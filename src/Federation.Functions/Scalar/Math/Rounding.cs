using Federation.Common.Types;

namespace Federation.Functions.Scalar.Math;

/// <summary>
/// Shared binding and kernels of ROUND, TRUNC, FLOOR and CEIL.
/// <list type="bullet">
/// <item>Integers: unchanged, same type (one argument).</item>
/// <item>decimal(p, s) with s &gt; 0: decimal(p, 0), exact; p digits always hold the carry of rounding up.</item>
/// <item>decimal(p, s) with digits n (ROUND/TRUNC): exact. When n is a constant the result's scale is n (0 for a
/// negative n), as PostgreSQL's numeric has it: ROUND(5201.49, 0) is 5201, ROUND(1.5, 3) is 1.500, ROUND(1234.5, -2)
/// is 1200; when n comes from a column the scale stays s (one type for the column). ROUND widens the precision by one
/// for the carry; past 38 digits the scale gives way. Integer x with digits is read as decimal(p, 0).</item>
/// <item>real/double: double. ROUND rounds ties to even, as PostgreSQL's float8 round (rint) does; ROUND/TRUNC with
/// digits (Redshift) round the shortest decimal form of the double, ties away from zero.</item>
/// </list>
/// </summary>
internal static class Rounding
{
    /// <param name="constants">The arguments' values when known when planning (see ScalarFunction.Bind); null when none are.</param>
    public static ScalarFunctionBinding? Bind(ScalarFunction function, IReadOnlyList<SqlType> argumentTypes, RoundingMode mode, bool allowDigits,
        IReadOnlyList<ScalarValue?>? constants = null)
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
        var integerDigits = input.Precision - input.Scale + (mode == RoundingMode.HalfAwayFromZero ? 1 : 0);
        var outputScale = input.Scale;
        if (constants is { Count: 2 } && constants[1] is { IsNull: false } digits)
        {
            outputScale = (int)System.Math.Clamp(digits.AsInt64(), 0, SqlType.MaxDecimalPrecision);
        }

        var precision = System.Math.Clamp(integerDigits + outputScale, 1, SqlType.MaxDecimalPrecision);
        outputScale = System.Math.Min(outputScale, precision - System.Math.Min(integerDigits, precision));
        var output = SqlType.Decimal(precision, outputScale);
        var decimalOp = new DecimalToDigits(input.Scale, outputScale, precision, mode);
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
        // PostgreSQL's round(float8) is rint: ties to even (its numeric round goes away from zero).
        RoundingMode.HalfAwayFromZero => System.Math.Round(value, MidpointRounding.ToEven),
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

    /// <summary>Rounds a value of scale <paramref name="scale"/> to <c>right</c> digits, then writes it at <paramref name="outputScale"/>.</summary>
    private readonly struct DecimalToDigits(int scale, int outputScale, int precision, RoundingMode mode) : IBinaryOp<Int128, long, Int128>
    {
        public Int128 Apply(Int128 left, long right)
        {
            // Rounding to more digits than the output keeps would round twice: the output scale is the limit.
            var digits = System.Math.Min(right, outputScale);
            Int128 result;
            if (digits >= scale)
            {
                result = left;
            }
            else
            {
                var drop = digits < -SqlType.MaxDecimalPrecision ? SqlType.MaxDecimalPrecision + 1 : scale - digits;
                if (drop > SqlType.MaxDecimalPrecision)
                {
                    return 0;
                }

                var unit = DecimalMath.Pow10((int)drop);
                result = Divide(left, unit, mode) * unit;
            }

            if (outputScale < scale)
            {
                // Exact: the value was rounded to at most outputScale digits.
                result /= DecimalMath.Pow10(scale - outputScale);
            }
            else if (outputScale > scale)
            {
                if (!DecimalMath.FitsPrecision(result, precision - (outputScale - scale)))
                {
                    throw DecimalMath.Overflow(precision, outputScale);
                }

                result *= DecimalMath.Pow10(outputScale - scale);
            }

            if (!DecimalMath.FitsPrecision(result, precision))
            {
                throw DecimalMath.Overflow(precision, outputScale);
            }

            return result;
        }
    }
}
