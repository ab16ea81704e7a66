using Federation.Samples.Tpch.Columns;

namespace Federation.Samples.Tpch.Tables;

/// <summary>Writers for the specification's composite string values, straight into column buffers.</summary>
internal static class TpchValues
{
    /// <summary>"Supplier#000000001": the prefix and the number zero-padded to nine digits.</summary>
    public static void AppendNumberedName(Utf8ColumnBuffer column, ReadOnlySpan<byte> prefix, long number)
    {
        var value = column.AppendUninitialized(prefix.Length + 9);
        prefix.CopyTo(value);
        WriteDigits(value[prefix.Length..], number);
    }

    /// <summary>A random v-string (4.2.2.7): a length in [min, max] of symbols from a 64-symbol alphabet.</summary>
    public static void AppendVString(Utf8ColumnBuffer column, ref TpchRandom random, int minLength, int maxLength)
    {
        var value = column.AppendUninitialized(random.Between(minLength, maxLength));
        var alphabet = TpchLists.VStringAlphabet;
        ulong bits = 0;
        for (int index = 0; index < value.Length; index++)
        {
            // Ten 6-bit symbols per 64-bit draw.
            if (index % 10 == 0)
            {
                bits = random.NextUInt64();
            }
            value[index] = alphabet[(int)(bits & 63)];
            bits >>= 6;
        }
    }

    /// <summary>A phone number (4.2.2.9) "CC-LLL-LLL-LLLL" whose country code is the nation key + 10.</summary>
    public static void AppendPhone(Utf8ColumnBuffer column, ref TpchRandom random, int nationKey)
    {
        var value = column.AppendUninitialized(15);
        WriteDigits(value[..2], nationKey + 10);
        value[2] = (byte)'-';
        WriteDigits(value[3..6], random.Between(100, 999));
        value[6] = (byte)'-';
        WriteDigits(value[7..10], random.Between(100, 999));
        value[10] = (byte)'-';
        WriteDigits(value[11..15], random.Between(1000, 9999));
    }

    private static void WriteDigits(Span<byte> destination, long number)
    {
        for (int index = destination.Length - 1; index >= 0; index--)
        {
            destination[index] = (byte)('0' + number % 10);
            number /= 10;
        }
    }
}
