using System.Runtime.InteropServices;
using Apache.Arrow;
using Federation.Common;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Formats.Orc;

/// <summary>
/// A decimal column: DATA holds each non-null value's unscaled digits as an unbounded zigzag varint, SECONDARY its
/// scale (signed integer RLE). Values are rescaled to the table's scale (half away from zero when it is smaller) and
/// checked against its precision; they fill Arrow's 128-bit decimals.
/// </summary>
internal sealed class DecimalColumnReader(BooleanRleDecoder? present, ReadOnlyMemory<byte> data, IIntegerDecoder scales, SqlType target, string column)
    : OrcColumnReader(present, column)
{
    private static readonly Int128[] Powers = BuildPowers();
    private long[] _scales = [];
    private int _position;

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

    protected override IArrowArray ReadValues(int rows, byte[]? validity, int nonNull)
    {
        if (_scales.Length < nonNull)
        {
            _scales = new long[nonNull];
        }

        var valueScales = _scales.AsSpan(0, nonNull);
        scales.Read(valueScales);
        var buffer = ArrayFactory.AllocateValues<Int128>(rows);
        var output = MemoryMarshal.Cast<byte, Int128>(buffer.AsSpan());
        var bytes = data.Span;
        var limit = Powers[target.Precision];
        for (var i = 0; i < nonNull; i++)
        {
            var value = OrcVarint.ReadSigned128(bytes, ref _position);
            var shift = target.Scale - valueScales[i];
            if (shift > 0)
            {
                value = shift > 38 ? throw Overflow(value, valueScales[i]) : value * Powers[shift];
            }
            else if (shift < 0)
            {
                var divisor = -shift > 38 ? Int128.MaxValue : Powers[-shift];
                var quotient = Int128.DivRem(value, divisor);
                value = quotient.Quotient;
                if (Int128.Abs(quotient.Remainder) * 2 >= divisor)
                {
                    value += Int128.Sign(quotient.Remainder);
                }
            }

            if (value >= limit || value <= -limit)
            {
                throw Overflow(value, target.Scale);
            }

            output[i] = value;
        }

        Spread(output, validity, rows, nonNull);
        return ArrayFactory.Fixed(target, buffer, rows, validity);
    }

    private OrcFormatException Overflow(Int128 unscaled, long scale) =>
        new($"column \"{Column}\": the value {unscaled} (scale {scale}) does not fit the table's type {target}", ErrorCode.NumericOverflow);
}
