using System.Buffers.Binary;
using System.Numerics;

namespace Federation.LocalTables;

/// <summary>Packs unsigned values of a fixed bit width (0 to 64) into little-endian 64-bit words, low bits first.</summary>
internal static class BitPacking
{
    /// <summary>Bits needed to hold every value up to <paramref name="max"/>.</summary>
    public static int WidthFor(ulong max) => max == 0 ? 0 : 64 - BitOperations.LeadingZeroCount(max);

    /// <summary>Bytes <see cref="Pack"/> writes for <paramref name="count"/> values of <paramref name="width"/> bits.</summary>
    public static int PackedBytes(int count, int width) => (int)(((long)count * width + 63) / 64 * 8);

    public static void Pack(ReadOnlySpan<ulong> values, int width, Span<byte> destination)
    {
        if (width == 0)
        {
            return;
        }

        ulong word = 0;
        var used = 0;
        var written = 0;
        foreach (var value in values)
        {
            word |= value << used;
            if (used + width >= 64)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(destination[written..], word);
                written += 8;
                var spill = used + width - 64;
                word = spill > 0 ? value >> (width - spill) : 0;
                used = spill;
            }
            else
            {
                used += width;
            }
        }

        if (used > 0)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(destination[written..], word);
        }
    }

    public static void Unpack(ReadOnlySpan<byte> source, int width, Span<ulong> values)
    {
        if (width == 0)
        {
            values.Clear();
            return;
        }

        var mask = width == 64 ? ulong.MaxValue : (1UL << width) - 1;
        var wordCount = source.Length / 8;
        for (var i = 0; i < values.Length; i++)
        {
            var bit = (long)i * width;
            var index = (int)(bit >> 6);
            var shift = (int)(bit & 63);
            var value = BinaryPrimitives.ReadUInt64LittleEndian(source[(index * 8)..]) >> shift;
            if (shift + width > 64 && index + 1 < wordCount)
            {
                value |= BinaryPrimitives.ReadUInt64LittleEndian(source[((index + 1) * 8)..]) << (64 - shift);
            }

            values[i] = value & mask;
        }
    }
}
