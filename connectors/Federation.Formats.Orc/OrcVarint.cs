namespace Federation.Formats.Orc;

/// <summary>Base-128 varints (least significant group first) and zigzag, as ORC's integer encodings and decimals use them.</summary>
internal static class OrcVarint
{
    public static ulong ReadUnsigned(ReadOnlySpan<byte> data, ref int position)
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= data.Length)
            {
                throw new OrcFormatException("a varint runs past the end of its stream");
            }

            var b = data[position++];
            result |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }

        throw new OrcFormatException("a varint is longer than 10 bytes");
    }

    public static long ReadSigned(ReadOnlySpan<byte> data, ref int position) => Unzigzag(ReadUnsigned(data, ref position));

    /// <summary>A zigzag varint of up to 128 bits (decimal values; ORC's decimals are unbounded, 38 digits fit).</summary>
    public static Int128 ReadSigned128(ReadOnlySpan<byte> data, ref int position)
    {
        UInt128 result = 0;
        for (var shift = 0; shift < 128; shift += 7)
        {
            if (position >= data.Length)
            {
                throw new OrcFormatException("a decimal value runs past the end of its stream");
            }

            var b = data[position++];
            result |= (UInt128)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                var magnitude = (Int128)(result >> 1);
                return (result & 1) == 0 ? magnitude : -magnitude - 1;
            }
        }

        throw new OrcFormatException("a decimal value is wider than 128 bits");
    }

    public static long Unzigzag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);
}
