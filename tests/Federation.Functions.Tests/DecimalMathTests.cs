using System.Numerics;
using Federation.Common.Types;

namespace Federation.Functions.Tests;

/// <summary>Decimal products and their rounding where the operands or the product outgrow 64 and 128 bits.</summary>
public sealed class DecimalMathTests
{
    [Theory]
    [InlineData("9999999999", "1234567890123456789012345678901234567", 11)]
    [InlineData("-9999999999", "1234567890123456789012345678901234567", 11)]
    [InlineData("12345", "-1000000000000000000000000000000000000", 39)]
    [InlineData("12345", "-1000000000000000000000000000000000000", 45)]
    [InlineData("99999999999999999999", "99999999999999999", 0)]
    [InlineData("170141183460469231731687303715884105727", "1", 0)]
    public void Multiply_rounds_half_away_from_zero_exactly(string a, string b, int dropScale)
    {
        var product = BigInteger.Parse(a) * BigInteger.Parse(b);
        var divisor = BigInteger.Pow(10, dropScale);
        var quotient = BigInteger.DivRem(product, divisor, out var remainder);
        if (BigInteger.Abs(remainder) * 2 >= divisor)
        {
            quotient += product.Sign < 0 ? -1 : 1;
        }

        Assert.Equal((Int128)quotient, DecimalMath.Multiply(Int128.Parse(a), Int128.Parse(b), dropScale));
    }
}
