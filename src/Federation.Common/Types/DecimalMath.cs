using System.Globalization;
using System.Numerics;
using System.Text;

namespace Federation.Common.Types;

/// <summary>
/// Exact decimal arithmetic on unscaled Int128 values (the layout of Arrow's Decimal128), up to 38 digits.
/// Rounding is half away from zero, as PostgreSQL rounds numeric.
/// </summary>
public static class DecimalMath
{
    private static readonly Int128[] PowersOfTen = BuildPowers();

    private static Int128[] BuildPowers()
    {
        var powers = new Int128[39];
        powers[0] = 1;
        for (var i = 1; i < powers.Length; i++)
        {
            powers[i] = powers[i - 1] * 10;
        }

        return powers;
    }

    public static Int128 Pow10(int exponent) => PowersOfTen[exponent];

    /// <summary>Largest unscaled magnitude + 1 for a precision: 10^precision.</summary>
    public static Int128 Limit(int precision) => PowersOfTen[precision];

    public static bool FitsPrecision(Int128 value, int precision) =>
        value < PowersOfTen[precision] && value > -PowersOfTen[precision];

    /// <summary>Changes the scale of an unscaled value, rounding half away from zero when the scale shrinks.</summary>
    public static Int128 Rescale(Int128 value, int fromScale, int toScale)
    {
        if (toScale == fromScale)
        {
            return value;
        }

        if (toScale > fromScale)
        {
            return checked(value * PowersOfTen[toScale - fromScale]);
        }

        return DivideRound(value, PowersOfTen[fromScale - toScale]);
    }

    /// <summary>value / divisor rounded half away from zero. divisor must be positive.</summary>
    public static Int128 DivideRound(Int128 value, Int128 divisor)
    {
        var quotient = Int128.DivRem(value, divisor);
        var q = quotient.Quotient;
        var r = quotient.Remainder;
        if (r < 0)
        {
            r = -r;
        }

        if (r * 2 >= divisor)
        {
            q += value < 0 ? -1 : 1;
        }

        return q;
    }

    /// <summary>Signed division of two unscaled values rounded half away from zero; divisor may be negative.</summary>
    public static Int128 DivideRoundSigned(Int128 value, Int128 divisor)
    {
        if (divisor < 0)
        {
            value = -value;
            divisor = -divisor;
        }

        return DivideRound(value, divisor);
    }

    /// <summary>
    /// a (scale sa) / b (scale sb) as an unscaled value of scale sr, rounded. Uses BigInteger only when the
    /// widened dividend would not fit 128 bits.
    /// </summary>
    public static Int128 Divide(Int128 a, int sa, Int128 b, int sb, int sr)
    {
        if (b == 0)
        {
            throw new FederationException(ErrorCode.DivisionByZero, "division by zero");
        }

        // result = a * 10^(sr - sa + sb) / b
        var shift = sr - sa + sb;
        if (shift >= 0)
        {
            if (shift <= 38)
            {
                var p = PowersOfTen[shift];
                var limit = Int128.MaxValue / p;
                if (a <= limit && a >= -limit)
                {
                    return DivideRoundSigned(a * p, b);
                }
            }

            var big = (BigInteger)a * BigInteger.Pow(10, shift);
            return FromBig(DivideRoundBig(big, b));
        }

        // Dividend must shrink: a / (b * 10^-shift).
        var bigDivisor = (BigInteger)b * BigInteger.Pow(10, -shift);
        return FromBig(DivideRoundBig(a, bigDivisor));
    }

    private static BigInteger DivideRoundBig(BigInteger value, BigInteger divisor)
    {
        if (divisor.Sign < 0)
        {
            value = -value;
            divisor = -divisor;
        }

        var q = BigInteger.DivRem(value, divisor, out var r);
        if (BigInteger.Abs(r) * 2 >= divisor)
        {
            q += value.Sign < 0 ? -1 : 1;
        }

        return q;
    }

    private static Int128 FromBig(BigInteger value)
    {
        if (value > (BigInteger)Int128.MaxValue || value < (BigInteger)Int128.MinValue)
        {
            throw new FederationException(ErrorCode.NumericOverflow, "numeric field overflow");
        }

        return (Int128)value;
    }

    /// <summary>a * b where the product's scale is reduced by <paramref name="dropScale"/> digits, rounded.</summary>
    public static Int128 Multiply(Int128 a, Int128 b, int dropScale)
    {
        // Decided by the operands' sizes, not by catching OverflowException: a throw per large product is slow.
        if (!ProductFits(a, b))
        {
            var big = (BigInteger)a * b;
            if (dropScale > 0)
            {
                big = DivideRoundBig(big, BigInteger.Pow(10, dropScale));
            }

            return FromBig(big);
        }

        var product = a * b;
        return dropScale > 0 ? DivideRound(product, PowersOfTen[dropScale]) : product;
    }

    /// <summary>Whether a * b surely fits an Int128: the magnitudes' bit lengths add up to at most 126.</summary>
    private static bool ProductFits(Int128 a, Int128 b)
    {
        if (a == Int128.MinValue || b == Int128.MinValue)
        {
            return a == 0 || b == 0;
        }

        var bits = 256 - (int)Int128.LeadingZeroCount(Int128.Abs(a)) - (int)Int128.LeadingZeroCount(Int128.Abs(b));
        return bits <= 126;
    }

    public static double ToDouble(Int128 value, int scale) =>
        scale < DoublePowersOfTen.Length ? (double)value / DoublePowersOfTen[scale] : (double)value / Math.Pow(10, scale);

    private static readonly double[] DoublePowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22,
    ];

    /// <summary>Rounds a double to an unscaled decimal of the given scale; NaN and infinities are errors.</summary>
    public static Int128 FromDouble(double value, int scale, int precision)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            throw new FederationException(ErrorCode.InvalidCast, $"cannot convert {FormatDouble(value)} to numeric");
        }

        // decimal handles 28 digits exactly; beyond that go through BigInteger of the scaled value.
        var scaled = value * Math.Pow(10, scale);
        var rounded = Math.Round(scaled, MidpointRounding.AwayFromZero);
        if (Math.Abs(rounded) >= 1e38)
        {
            throw Overflow(precision, scale);
        }

        var result = (Int128)rounded;
        if (!FitsPrecision(result, precision))
        {
            throw Overflow(precision, scale);
        }

        return result;
    }

    public static FederationException Overflow(int precision, int scale) =>
        new(ErrorCode.NumericOverflow,
            string.Create(CultureInfo.InvariantCulture,
                $"numeric field overflow: a field with precision {precision}, scale {scale} must round to an absolute value less than 10^{precision - scale}"));

    /// <summary>Formats an unscaled value with exactly <paramref name="scale"/> fraction digits: 16300.50.</summary>
    public static string Format(Int128 value, int scale)
    {
        var negative = value < 0;
        var digits = negative ? (-(BigInteger)value).ToString(CultureInfo.InvariantCulture) : value.ToString(CultureInfo.InvariantCulture);
        if (scale == 0)
        {
            return negative ? "-" + digits : digits;
        }

        if (digits.Length <= scale)
        {
            digits = new string('0', scale - digits.Length + 1) + digits;
        }

        var sb = new StringBuilder(digits.Length + 2);
        if (negative)
        {
            sb.Append('-');
        }

        sb.Append(digits, 0, digits.Length - scale).Append('.').Append(digits, digits.Length - scale, scale);
        return sb.ToString();
    }

    /// <summary>
    /// Parses decimal text ("-12.345", "1e3", " 7 ") into an unscaled value of the target scale, rounding
    /// half away from zero. Returns false when the text is not a number.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, int scale, out Int128 value)
    {
        value = 0;
        text = text.Trim();
        if (text.IsEmpty)
        {
            return false;
        }

        var negative = false;
        var i = 0;
        if (text[0] is '+' or '-')
        {
            negative = text[0] == '-';
            i++;
        }

        BigInteger mantissa = 0;
        var fractionDigits = 0;
        var anyDigit = false;
        var seenPoint = false;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c is >= '0' and <= '9')
            {
                mantissa = (mantissa * 10) + (c - '0');
                anyDigit = true;
                if (seenPoint)
                {
                    fractionDigits++;
                }
            }
            else if (c == '.' && !seenPoint)
            {
                seenPoint = true;
            }
            else
            {
                break;
            }
        }

        if (!anyDigit)
        {
            return false;
        }

        var exponent = 0;
        if (i < text.Length)
        {
            if (text[i] is not ('e' or 'E'))
            {
                return false;
            }

            if (!int.TryParse(text[(i + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
            {
                return false;
            }
        }

        // value = mantissa * 10^(exponent - fractionDigits); want mantissa * 10^(exponent - fractionDigits + scale)
        var shift = exponent - fractionDigits + scale;
        BigInteger result;
        if (shift >= 0)
        {
            if (shift > 80)
            {
                return mantissa.IsZero && SetZero(out value);
            }

            result = mantissa * BigInteger.Pow(10, shift);
        }
        else
        {
            result = -shift > 80 ? BigInteger.Zero : DivideRoundBig(mantissa, BigInteger.Pow(10, -shift));
        }

        if (negative)
        {
            result = -result;
        }

        if (result > (BigInteger)Int128.MaxValue || result < (BigInteger)Int128.MinValue)
        {
            value = result.Sign > 0 ? Int128.MaxValue : Int128.MinValue;
            return true;
        }

        value = (Int128)result;
        return true;
    }

    private static bool SetZero(out Int128 value)
    {
        value = 0;
        return true;
    }

    /// <summary>The precision and scale that a decimal literal as written needs: "12.50" is (4,2).</summary>
    public static (int Precision, int Scale) LiteralType(string text)
    {
        var point = text.IndexOf('.', StringComparison.Ordinal);
        var scale = point < 0 ? 0 : text.Length - point - 1;
        var digits = 0;
        var leading = true;
        foreach (var c in text)
        {
            if (c is >= '0' and <= '9')
            {
                if (c == '0' && leading)
                {
                    continue;
                }

                leading = false;
                digits++;
            }
            else if (c == '.')
            {
                leading = false;
            }
        }

        var intDigits = Math.Max(digits - scale, 0);
        var precision = Math.Max(intDigits + scale, 1);
        return (Math.Max(precision, scale), scale);
    }

    public static string FormatDouble(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsPositiveInfinity(value))
        {
            return "Infinity";
        }

        if (double.IsNegativeInfinity(value))
        {
            return "-Infinity";
        }

        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    public static string FormatFloat(float value)
    {
        if (float.IsNaN(value))
        {
            return "NaN";
        }

        if (float.IsPositiveInfinity(value))
        {
            return "Infinity";
        }

        if (float.IsNegativeInfinity(value))
        {
            return "-Infinity";
        }

        return value.ToString("R", CultureInfo.InvariantCulture);
    }
}
