using System.Numerics;

namespace Federation.Common.Types;

/// <summary>
/// The result scale of numeric division as PostgreSQL's select_div_scale (numeric.c) chooses it: enough fraction digits
/// for NUMERIC_MIN_SIG_DIGITS (16) significant digits of the quotient, estimated from the operands' weights in
/// PostgreSQL's base-10000 digits, and never fewer than either operand's scale.
/// </summary>
/// <remarks>
/// PostgreSQL decides per value; a column has one type, so an operand whose value is not known when the query is
/// planned counts as a value of weight 0 whose first digit group is at most the other's (qweight one lower): the most
/// digits PostgreSQL gives for values of that size (an average of 0.05 keeps its 20 digits; one of 25 gets 4 more
/// than PostgreSQL's 16).
/// </remarks>
public static class NumericDivisionScale
{
    /// <summary>NUMERIC_MIN_SIG_DIGITS.</summary>
    public const int MinSignificantDigits = 16;

    private const int DecimalDigitsPerGroup = 4;

    /// <summary>
    /// The weight (base-10000 exponent of the first digit group) and the first group of a constant operand, and the
    /// decimal exponent of its leading digit (0 for 1 to 9, -2 for 0.05; 0 for zero).
    /// </summary>
    public readonly record struct Weight(int Value, int FirstGroup, int LeadingExponent);

    /// <summary>The weight of unscaled <paramref name="unscaled"/> at <paramref name="scale"/>; 0 and 0 for zero, as PostgreSQL has it.</summary>
    public static Weight Of(Int128 unscaled, int scale)
    {
        if (unscaled == 0)
        {
            return new Weight(0, 0, 0);
        }

        var magnitude = BigInteger.Abs(unscaled);
        var digits = magnitude.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
        // The leading decimal digit's exponent, then the base-10000 group it falls in.
        var exponent = digits - 1 - scale;
        var weight = (int)Math.Floor(exponent / (double)DecimalDigitsPerGroup);
        var shift = scale + (weight * DecimalDigitsPerGroup);
        var first = shift >= 0 ? magnitude / BigInteger.Pow(10, shift) : magnitude * BigInteger.Pow(10, -shift);
        return new Weight(weight, (int)first, exponent);
    }

    /// <summary>
    /// The scale of dividend / divisor, with their scales, and their weights when they are constants (null when not
    /// known until the query runs).
    /// </summary>
    public static int Select(int dividendScale, Weight? dividend, int divisorScale, Weight? divisor)
    {
        int qweight;
        if (dividend is { } w1 && divisor is { } w2)
        {
            qweight = w1.Value - w2.Value;
            if (w1.FirstGroup <= w2.FirstGroup)
            {
                qweight--;
            }
        }
        else
        {
            qweight = (dividend?.Value ?? 0) - (divisor?.Value ?? 0) - 1;
        }

        var scale = MinSignificantDigits - (qweight * DecimalDigitsPerGroup);
        return Math.Max(Math.Max(scale, 0), Math.Max(dividendScale, divisorScale));
    }
}
