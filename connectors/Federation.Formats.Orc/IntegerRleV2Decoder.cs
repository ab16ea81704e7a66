namespace Federation.Formats.Orc;

/// <summary>
/// Integer RLE version 2 (DIRECT_V2 and DICTIONARY_V2 encodings). The two top bits of a run's first byte choose its
/// sub-encoding: short repeat (3..10 copies of one big-endian value), direct (up to 512 bit-packed values), patched
/// base (bit-packed offsets from a base, with a patch list restoring the high bits of outliers) and delta (a base,
/// a delta, then bit-packed delta magnitudes). Each run is decoded whole into a buffer of 512, then copied out.
/// </summary>
internal sealed class IntegerRleV2Decoder(ReadOnlyMemory<byte> stream, bool signed, string what) : IIntegerDecoder
{
    private readonly long[] _run = new long[512];
    private readonly long[] _patches = new long[512];
    private int _runLength;
    private int _runIndex;
    private int _position;

    public void Read(Span<long> destination)
    {
        var written = 0;
        while (written < destination.Length)
        {
            if (_runIndex == _runLength)
            {
                if (_position >= stream.Length)
                {
                    throw new OrcFormatException($"{what} ends after {written} of the {destination.Length} values asked for");
                }

                DecodeRun(stream.Span);
                _runIndex = 0;
            }

            var take = Math.Min(_runLength - _runIndex, destination.Length - written);
            _run.AsSpan(_runIndex, take).CopyTo(destination[written..]);
            _runIndex += take;
            written += take;
        }
    }

    /// <summary>The bit width a 5-bit code stands for (the specification's table: 1..24, then 26, 28, 30, 32, 40, 48, 56, 64).</summary>
    internal static int DecodeWidth(int code) => code switch
    {
        <= 23 => code + 1,
        24 => 26,
        25 => 28,
        26 => 30,
        27 => 32,
        28 => 40,
        29 => 48,
        30 => 56,
        _ => 64,
    };

    /// <summary>The smallest width of the code table that holds <paramref name="bits"/> (patch list entries are stored at one).</summary>
    internal static int ClosestFixedWidth(int bits) => bits switch
    {
        0 => 1,
        <= 24 => bits,
        <= 26 => 26,
        <= 28 => 28,
        <= 30 => 30,
        <= 32 => 32,
        <= 40 => 40,
        <= 48 => 48,
        <= 56 => 56,
        _ => 64,
    };

    private byte Next(ReadOnlySpan<byte> data)
    {
        if (_position >= data.Length)
        {
            throw new OrcFormatException($"{what}: a run header runs past the end of the stream");
        }

        return data[_position++];
    }

    private void DecodeRun(ReadOnlySpan<byte> data)
    {
        var first = Next(data);
        switch (first >> 6)
        {
            case 0:
            {
                var width = ((first >> 3) & 7) + 1;
                var count = (first & 7) + 3;
                long value = 0;
                for (var i = 0; i < width; i++)
                {
                    value = (value << 8) | Next(data);
                }

                if (signed)
                {
                    value = OrcVarint.Unzigzag((ulong)value);
                }

                _run.AsSpan(0, count).Fill(value);
                _runLength = count;
                break;
            }

            case 1:
            {
                var width = DecodeWidth((first >> 1) & 0x1f);
                var count = (((first & 1) << 8) | Next(data)) + 1;
                var values = _run.AsSpan(0, count);
                Unpack(data, ref _position, width, values, what);
                if (signed)
                {
                    for (var i = 0; i < values.Length; i++)
                    {
                        values[i] = OrcVarint.Unzigzag((ulong)values[i]);
                    }
                }

                _runLength = count;
                break;
            }

            case 2:
                DecodePatchedBase(data, first);
                break;
            default:
                DecodeDelta(data, first);
                break;
        }
    }

    private void DecodePatchedBase(ReadOnlySpan<byte> data, byte first)
    {
        var width = DecodeWidth((first >> 1) & 0x1f);
        var count = (((first & 1) << 8) | Next(data)) + 1;
        var third = Next(data);
        var baseBytes = ((third >> 5) & 7) + 1;
        var patchWidth = DecodeWidth(third & 0x1f);
        var fourth = Next(data);
        var gapWidth = ((fourth >> 5) & 7) + 1;
        var patchCount = fourth & 0x1f;

        // The base is big-endian sign-magnitude: its top bit is the sign.
        long baseValue = 0;
        for (var i = 0; i < baseBytes; i++)
        {
            baseValue = (baseValue << 8) | Next(data);
        }

        var signBit = 1L << ((baseBytes * 8) - 1);
        if ((baseValue & signBit) != 0)
        {
            baseValue = -(baseValue & ~signBit);
        }

        var values = _run.AsSpan(0, count);
        Unpack(data, ref _position, width, values, what);
        var entryWidth = ClosestFixedWidth(gapWidth + patchWidth);
        if (entryWidth > 64)
        {
            throw new OrcFormatException($"{what}: a patched-base run's patch entries are {gapWidth + patchWidth} bits wide");
        }

        var patches = _patches.AsSpan(0, patchCount);
        Unpack(data, ref _position, entryWidth, patches, what);
        var patchMask = patchWidth >= 64 ? -1L : (1L << patchWidth) - 1;
        var index = 0;
        for (var p = 0; p < patches.Length; p++)
        {
            var gap = (int)((ulong)patches[p] >> patchWidth);
            var patch = patches[p] & patchMask;
            index += gap;
            if (patch == 0)
            {
                // A gap of 255 with no patch only carries the distance on to the next entry.
                continue;
            }

            if (index >= count)
            {
                throw new OrcFormatException($"{what}: a patched-base run patches value {index} of {count}");
            }

            values[index] |= patch << width;
        }

        for (var i = 0; i < values.Length; i++)
        {
            values[i] += baseValue;
        }

        _runLength = count;
    }

    private void DecodeDelta(ReadOnlySpan<byte> data, byte first)
    {
        var code = (first >> 1) & 0x1f;
        var width = code == 0 ? 0 : DecodeWidth(code);
        var count = (((first & 1) << 8) | Next(data)) + 1;
        var baseValue = signed ? OrcVarint.ReadSigned(data, ref _position) : (long)OrcVarint.ReadUnsigned(data, ref _position);
        var delta = OrcVarint.ReadSigned(data, ref _position);
        var values = _run.AsSpan(0, count);
        values[0] = baseValue;
        if (width == 0)
        {
            for (var i = 1; i < count; i++)
            {
                values[i] = values[i - 1] + delta;
            }
        }
        else
        {
            if (count > 1)
            {
                values[1] = baseValue + delta;
            }

            if (count > 2)
            {
                var rest = values[2..];
                Unpack(data, ref _position, width, rest, what);
                var previous = values[1];
                for (var i = 0; i < rest.Length; i++)
                {
                    previous = delta < 0 ? previous - rest[i] : previous + rest[i];
                    rest[i] = previous;
                }
            }
        }

        _runLength = count;
    }

    /// <summary>Bit-packed unsigned values, most significant bit first, the run ending on a byte boundary.</summary>
    internal static void Unpack(ReadOnlySpan<byte> data, ref int position, int width, Span<long> values, string what)
    {
        var totalBytes = (int)(((long)width * values.Length + 7) >> 3);
        if (totalBytes > data.Length - position)
        {
            throw new OrcFormatException($"{what}: {values.Length} values of {width} bits run past the end of the stream");
        }

        if (width == 8)
        {
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = data[position + i];
            }

            position += totalBytes;
            return;
        }

        ulong current = 0;
        var bitsLeft = 0;
        var at = position;
        for (var i = 0; i < values.Length; i++)
        {
            ulong result = 0;
            var need = width;
            while (need > bitsLeft)
            {
                result = (result << bitsLeft) | (current & ((1UL << bitsLeft) - 1));
                need -= bitsLeft;
                current = data[at++];
                bitsLeft = 8;
            }

            if (need > 0)
            {
                bitsLeft -= need;
                result = (result << need) | ((current >> bitsLeft) & ((1UL << need) - 1));
            }

            values[i] = (long)result;
        }

        position += totalBytes;
    }
}
