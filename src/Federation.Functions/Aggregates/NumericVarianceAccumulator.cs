using System.Numerics;
using Apache.Arrow;
using Federation.Common;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Aggregates;

/// <summary>
/// STDDEV and VARIANCE of integers and numerics, exactly as PostgreSQL's numeric_stddev_internal computes them: the
/// count, the sum and the sum of squares are exact, the variance is (n·Σx² − (Σx)²) / (n·(n−1)) (n² for the
/// population forms) rounded to the result scale, and the standard deviation is the square root of that rounded
/// variance, rounded to the same scale. Partial states are (count, sum, sum of squares) and merge by adding.
/// </summary>
internal sealed class NumericVarianceAccumulator(string name, SqlType input, SqlType result, bool population, bool root) : GroupsAccumulator
{
    private long[] _counts = [];
    private Int128[] _sums = [];
    private Int128[] _squares = [];

    /// <summary>The partial state's types for an input of scale s: count, sum at s, sum of squares at 2s.</summary>
    public static SqlType[] StateTypes(SqlType input) => [SqlType.Int64, SqlType.Decimal(38, input.Scale), SqlType.Decimal(38, input.Scale * 2)];

    private void Ensure(int groupCount)
    {
        GroupStorage.Ensure(ref _counts, groupCount);
        GroupStorage.Ensure(ref _sums, groupCount);
        GroupStorage.Ensure(ref _squares, groupCount);
    }

    public override void Update(ReadOnlySpan<IArrowArray> arguments, ReadOnlySpan<int> groupIds, int groupCount)
    {
        Ensure(groupCount);
        var values = ArrayFactory.DecimalValues(arguments[0]);
        var validity = Validity.Bits(arguments[0]);
        try
        {
            for (var i = 0; i < groupIds.Length; i++)
            {
                if (!validity.IsEmpty && !Bitmap.Get(validity, i))
                {
                    continue;
                }

                var g = groupIds[i];
                var x = values[i];
                _counts[g]++;
                _sums[g] = checked(_sums[g] + x);
                _squares[g] = checked(_squares[g] + checked(x * x));
            }
        }
        catch (OverflowException)
        {
            throw Overflow();
        }
    }

    public override void Merge(ReadOnlySpan<IArrowArray> states, ReadOnlySpan<int> groupIds, int groupCount)
    {
        Ensure(groupCount);
        var counts = ArrayFactory.FixedValues<long>(states[0]);
        var sums = ArrayFactory.DecimalValues(states[1]);
        var squares = ArrayFactory.DecimalValues(states[2]);
        try
        {
            for (var i = 0; i < groupIds.Length; i++)
            {
                var g = groupIds[i];
                _counts[g] += counts[i];
                _sums[g] = checked(_sums[g] + sums[i]);
                _squares[g] = checked(_squares[g] + squares[i]);
            }
        }
        catch (OverflowException)
        {
            throw Overflow();
        }
    }

    public override IArrowArray[] State(int groupCount)
    {
        Ensure(groupCount);
        var types = StateTypes(input);
        var counts = ArrayFactory.AllocateValues<long>(groupCount);
        _counts.AsSpan(0, groupCount).CopyTo(ArrayFactory.ValuesOf<long>(counts));
        var sums = ArrayFactory.AllocateValues<Int128>(groupCount);
        _sums.AsSpan(0, groupCount).CopyTo(ArrayFactory.ValuesOf<Int128>(sums));
        var squares = ArrayFactory.AllocateValues<Int128>(groupCount);
        _squares.AsSpan(0, groupCount).CopyTo(ArrayFactory.ValuesOf<Int128>(squares));
        return
        [
            ArrayFactory.Fixed(types[0], counts, groupCount, null),
            ArrayFactory.Fixed(types[1], sums, groupCount, null),
            ArrayFactory.Fixed(types[2], squares, groupCount, null),
        ];
    }

    public override IArrowArray Evaluate(int groupCount)
    {
        Ensure(groupCount);
        var buffer = ArrayFactory.AllocateValues<Int128>(groupCount);
        var output = ArrayFactory.ValuesOf<Int128>(buffer);
        byte[]? validity = null;
        var limit = DecimalMath.Limit(result.Precision);
        for (var g = 0; g < groupCount; g++)
        {
            var n = _counts[g];
            if (n == 0 || (!population && n == 1))
            {
                validity ??= Bitmap.AllSet(groupCount);
                Bitmap.Clear(validity, g);
                continue;
            }

            var value = Compute(n, _sums[g], _squares[g]);
            if (BigInteger.Abs(value) >= limit)
            {
                throw Overflow();
            }

            output[g] = (Int128)value;
        }

        return ArrayFactory.Fixed(result, buffer, groupCount, validity);
    }

    /// <summary>The variance (or its root) of one group as an unscaled value of the result's scale.</summary>
    private BigInteger Compute(long n, Int128 sum, Int128 squares)
    {
        // n·Σx² − (Σx)², at scale 2s; never negative for exact sums.
        var numerator = ((BigInteger)n * squares) - ((BigInteger)sum * sum);
        if (numerator.Sign <= 0)
        {
            return BigInteger.Zero;
        }

        var denominator = population ? (BigInteger)n * n : (BigInteger)n * (n - 1);
        // variance · 10^S = numerator / denominator · 10^(S − 2s), rounded half away from zero.
        var variance = DivideRound(numerator * BigInteger.Pow(10, result.Scale), denominator * BigInteger.Pow(10, input.Scale * 2));
        if (!root)
        {
            return variance;
        }

        // sqrt(v · 10^−S) · 10^S = sqrt(v · 10^S); one more digit to round by.
        var scaled = variance * BigInteger.Pow(10, result.Scale + 2);
        var r = IntegerSquareRoot(scaled);
        return (r + 5) / 10;
    }

    private static BigInteger DivideRound(BigInteger value, BigInteger divisor)
    {
        var q = BigInteger.DivRem(value, divisor, out var r);
        return r * 2 >= divisor ? q + 1 : q;
    }

    /// <summary>floor(√value) by Newton's method from a power of two above the root.</summary>
    private static BigInteger IntegerSquareRoot(BigInteger value)
    {
        if (value < 2)
        {
            return value;
        }

        var x = BigInteger.One << (int)((value.GetBitLength() + 1) / 2);
        while (true)
        {
            var y = (x + (value / x)) / 2;
            if (y >= x)
            {
                return x;
            }

            x = y;
        }
    }

    private FederationException Overflow() =>
        new(ErrorCode.NumericOverflow, $"numeric field overflow: {name} of {input} needs more than 38 digits");

    public override long SizeInBytes => _counts.Length * 40L;
}
