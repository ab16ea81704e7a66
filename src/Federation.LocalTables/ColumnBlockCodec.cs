using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Apache.Arrow;
using Federation.Common;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.LocalTables;

/// <summary>
/// Encodes one column's values of one row group into a block and back. The block's layout:
/// <code>
/// header:  magic "FCB1" | encoding u8 | compression u8 (0 none, 1 zstd) | rows i32 | raw length i32 | stored length i32
/// payload (compressed as a whole): has-validity u8 | validity bits | body (by encoding, see the Encode* methods)
/// </code>
/// The encoding is chosen per block from the block's own values (its runs, its range, a sample of its distinct
/// values): whichever layout is smallest before the general compressor, which then runs over it.
/// </summary>
internal static class ColumnBlockCodec
{
    public const int HeaderBytes = 18;

    private const uint Magic = 0x31424346; // "FCB1"

    /// <summary>Above this many distinct values a dictionary's indexes cost more than they save.</summary>
    private const int MaxDictionary = 65536;

    private const int SampleSize = 4096;

    /// <summary>Longer text keeps no min/max: a zone map of long strings costs more than it saves.</summary>
    private const int MaxZoneTextBytes = 256;

    public static ColumnBlock Encode(IArrowArray array, SqlType type, BlockEncoding? forced = null, bool compress = true)
    {
        var rows = array.Length;
        var validity = Validity.Bits(array);
        var nullCount = validity.IsEmpty ? 0 : rows - Bitmap.CountSet(validity, rows);
        var payload = new BlockWriter(rows * 4 + 64);
        if (nullCount == 0)
        {
            payload.Byte(0);
            validity = default;
        }
        else
        {
            payload.Byte(1);
            payload.Bytes(validity[..Bitmap.BytesFor(rows)]);
        }

        BlockEncoding encoding;
        ScalarValue? min = null, max = null;
        switch (type.Kind)
        {
            case TypeKind.Boolean:
                encoding = EncodeBoolean((BooleanArray)array, validity, payload, ref min, ref max);
                break;
            case TypeKind.String or TypeKind.Binary:
                encoding = EncodeVariable((BinaryArray)array, type, validity, payload, forced, ref min, ref max);
                break;
            case TypeKind.Null:
                encoding = BlockEncoding.Plain;
                break;
            default:
                encoding = EncodeFixed(array, type, validity, payload, forced, ref min, ref max);
                break;
        }

        if (nullCount == rows)
        {
            min = max = null;
        }

        return new ColumnBlock(Seal(payload.Written, encoding, rows, compress), encoding, rows, nullCount, min, max);
    }

    /// <summary>The header, then the payload under zstd (or as it is when zstd would not make it smaller).</summary>
    private static byte[] Seal(ReadOnlySpan<byte> payload, BlockEncoding encoding, int rows, bool compress)
    {
        var output = new byte[HeaderBytes + (compress ? ZstdSharp.Compressor.GetCompressBound(payload.Length) : payload.Length)];
        var stored = int.MaxValue;
        if (compress)
        {
            using var compressor = new ZstdSharp.Compressor(3);
            stored = compressor.Wrap(payload, output.AsSpan(HeaderBytes));
        }

        byte compression = 1;
        if (stored >= payload.Length)
        {
            payload.CopyTo(output.AsSpan(HeaderBytes));
            stored = payload.Length;
            compression = 0;
        }

        BinaryPrimitives.WriteUInt32LittleEndian(output, Magic);
        output[4] = (byte)encoding;
        output[5] = compression;
        BinaryPrimitives.WriteInt32LittleEndian(output.AsSpan(6), rows);
        BinaryPrimitives.WriteInt32LittleEndian(output.AsSpan(10), payload.Length);
        BinaryPrimitives.WriteInt32LittleEndian(output.AsSpan(14), stored);
        System.Array.Resize(ref output, HeaderBytes + stored);
        return output;
    }

    private static BlockEncoding EncodeBoolean(BooleanArray array, ReadOnlySpan<byte> validity, BlockWriter payload, ref ScalarValue? min, ref ScalarValue? max)
    {
        var rows = array.Length;
        var bits = array.Offset == 0 ? array.ValueBuffer.Span : Bitmap.Copy(array.ValueBuffer.Span, array.Offset, rows);
        payload.Bytes(bits[..Bitmap.BytesFor(rows)]);
        bool anyTrue = false, anyFalse = false;
        for (var i = 0; i < rows && !(anyTrue && anyFalse); i++)
        {
            if (Validity.IsValid(validity, i))
            {
                if (Bitmap.Get(bits, i))
                {
                    anyTrue = true;
                }
                else
                {
                    anyFalse = true;
                }
            }
        }

        if (anyTrue || anyFalse)
        {
            min = ScalarValue.Boolean(!anyFalse);
            max = ScalarValue.Boolean(anyTrue);
        }

        return BlockEncoding.Plain;
    }

    // ---- fixed-width values ------------------------------------------------------------------------------

    /// <summary>
    /// Plain: the values' bytes. The other encodings work on 64-bit lanes (integers sign-extended, floats as their
    /// bits, decimals that fit in 64 bits): run-length <c>runs i32 | counts i32[] | lanes i64[]</c>; dictionary
    /// <c>count i32 | lanes i64[] | width u8 | packed indexes</c>; frame of reference (integers only)
    /// <c>min i64 | width u8 | packed (value - min)</c>.
    /// </summary>
    private static BlockEncoding EncodeFixed(IArrowArray array, SqlType type, ReadOnlySpan<byte> validity, BlockWriter payload, BlockEncoding? forced,
        ref ScalarValue? min, ref ScalarValue? max)
    {
        var rows = array.Length;
        var width = ArrayFactory.ByteWidth(type);
        var raw = array.Data.Buffers[1].Span.Slice(array.Offset * width, rows * width);
        ZoneOfFixed(raw, type, validity, rows, ref min, ref max);
        var lanes = type.Kind == TypeKind.Interval ? null : Lanes(raw, width, rows, validity);
        if (lanes is null || forced == BlockEncoding.Plain)
        {
            payload.Bytes(raw);
            return BlockEncoding.Plain;
        }

        var integer = type.Kind is not (TypeKind.Float32 or TypeKind.Float64);
        long low = long.MaxValue, high = long.MinValue;
        var runs = rows == 0 ? 0 : 1;
        for (var i = 0; i < lanes.Length; i++)
        {
            var v = lanes[i];
            low = Math.Min(low, v);
            high = Math.Max(high, v);
            if (i > 0 && v != lanes[i - 1])
            {
                runs++;
            }
        }

        var plainSize = (long)rows * width;
        var rleSize = 4 + (long)runs * 12;
        var forWidth = integer && rows > 0 ? BitPacking.WidthFor(unchecked((ulong)(high - low))) : 64;
        var forSize = integer ? 9 + (long)BitPacking.PackedBytes(rows, forWidth) : long.MaxValue;
        Dictionary<long, int>? dictionary = null;
        var dictSize = long.MaxValue;
        if (forced is null or BlockEncoding.Dictionary && (forced == BlockEncoding.Dictionary || SampleLooksRepetitive(lanes)))
        {
            dictionary = BuildDictionary(lanes);
            if (dictionary is not null)
            {
                dictSize = 5 + dictionary.Count * 8L + BitPacking.PackedBytes(rows, BitPacking.WidthFor((ulong)Math.Max(0, dictionary.Count - 1)));
            }
        }

        var choice = forced switch
        {
            BlockEncoding.RunLength => BlockEncoding.RunLength,
            BlockEncoding.Dictionary when dictionary is not null => BlockEncoding.Dictionary,
            BlockEncoding.FrameOfReference when integer => BlockEncoding.FrameOfReference,
            null => Smallest(plainSize, rleSize, dictSize, forSize),
            _ => BlockEncoding.Plain,
        };

        switch (choice)
        {
            case BlockEncoding.RunLength:
                WriteRuns(lanes, runs, payload);
                break;
            case BlockEncoding.Dictionary:
                WriteDictionary(lanes, dictionary!, payload);
                break;
            case BlockEncoding.FrameOfReference:
                payload.Int64(low);
                payload.Byte((byte)forWidth);
                var deltas = new ulong[rows];
                for (var i = 0; i < rows; i++)
                {
                    deltas[i] = unchecked((ulong)(lanes[i] - low));
                }

                BitPacking.Pack(deltas, forWidth, payload.Take(BitPacking.PackedBytes(rows, forWidth)));
                break;
            default:
                payload.Bytes(raw);
                break;
        }

        return choice;
    }

    private static BlockEncoding Smallest(long plain, long rle, long dictionary, long frame)
    {
        var choice = BlockEncoding.Plain;
        var best = plain;
        if (frame < best)
        {
            (choice, best) = (BlockEncoding.FrameOfReference, frame);
        }

        if (dictionary < best)
        {
            (choice, best) = (BlockEncoding.Dictionary, dictionary);
        }

        if (rle < best)
        {
            choice = BlockEncoding.RunLength;
        }

        return choice;
    }

    /// <summary>
    /// The values as 64-bit lanes, with NULL slots (whose bytes are undefined) set to the block's first valid
    /// value so they neither widen the range nor break runs; null for decimals beyond 64 bits.
    /// </summary>
    private static long[]? Lanes(ReadOnlySpan<byte> raw, int width, int rows, ReadOnlySpan<byte> validity)
    {
        var lanes = new long[rows];
        switch (width)
        {
            case 2:
            {
                var values = MemoryMarshal.Cast<byte, short>(raw);
                for (var i = 0; i < rows; i++)
                {
                    lanes[i] = values[i];
                }

                break;
            }

            case 4:
            {
                var values = MemoryMarshal.Cast<byte, int>(raw);
                for (var i = 0; i < rows; i++)
                {
                    lanes[i] = values[i];
                }

                break;
            }

            case 8:
                MemoryMarshal.Cast<byte, long>(raw).CopyTo(lanes);
                break;
            default:
            {
                var values = MemoryMarshal.Cast<byte, Int128>(raw);
                for (var i = 0; i < rows; i++)
                {
                    var v = values[i];
                    if (v < long.MinValue || v > long.MaxValue)
                    {
                        if (Validity.IsValid(validity, i))
                        {
                            return null;
                        }

                        v = 0;
                    }

                    lanes[i] = (long)v;
                }

                break;
            }
        }

        if (!validity.IsEmpty)
        {
            var fill = 0L;
            for (var i = 0; i < rows; i++)
            {
                if (Bitmap.Get(validity, i))
                {
                    fill = lanes[i];
                    break;
                }
            }

            for (var i = 0; i < rows; i++)
            {
                if (!Bitmap.Get(validity, i))
                {
                    lanes[i] = fill;
                }
            }
        }

        return lanes;
    }

    /// <summary>A strided sample with at most half as many distinct values as values: a dictionary may pay.</summary>
    private static bool SampleLooksRepetitive(long[] lanes)
    {
        if (lanes.Length == 0)
        {
            return false;
        }

        var stride = Math.Max(1, lanes.Length / SampleSize);
        var seen = new HashSet<long>();
        var sampled = 0;
        for (var i = 0; i < lanes.Length; i += stride)
        {
            seen.Add(lanes[i]);
            sampled++;
        }

        return seen.Count * 2 <= sampled;
    }

    private static Dictionary<long, int>? BuildDictionary(long[] lanes)
    {
        var dictionary = new Dictionary<long, int>();
        foreach (var v in lanes)
        {
            if (!dictionary.ContainsKey(v))
            {
                if (dictionary.Count == MaxDictionary)
                {
                    return null;
                }

                dictionary.Add(v, dictionary.Count);
            }
        }

        return dictionary;
    }

    private static void WriteRuns(long[] lanes, int runs, BlockWriter payload)
    {
        payload.Int32(runs);
        var counts = MemoryMarshal.Cast<byte, int>(payload.Take(runs * 4));
        var values = new long[runs];
        var run = -1;
        for (var i = 0; i < lanes.Length; i++)
        {
            if (i == 0 || lanes[i] != lanes[i - 1])
            {
                run++;
                values[run] = lanes[i];
                counts[run] = 0;
            }

            counts[run]++;
        }

        payload.Bytes(MemoryMarshal.AsBytes(values.AsSpan()));
    }

    private static void WriteDictionary(long[] lanes, Dictionary<long, int> dictionary, BlockWriter payload)
    {
        payload.Int32(dictionary.Count);
        var entries = MemoryMarshal.Cast<byte, long>(payload.Take(dictionary.Count * 8));
        foreach (var (value, index) in dictionary)
        {
            entries[index] = value;
        }

        var width = BitPacking.WidthFor((ulong)Math.Max(0, dictionary.Count - 1));
        payload.Byte((byte)width);
        var indexes = new ulong[lanes.Length];
        for (var i = 0; i < lanes.Length; i++)
        {
            indexes[i] = (ulong)dictionary[lanes[i]];
        }

        BitPacking.Pack(indexes, width, payload.Take(BitPacking.PackedBytes(lanes.Length, width)));
    }

    private static void ZoneOfFixed(ReadOnlySpan<byte> raw, SqlType type, ReadOnlySpan<byte> validity, int rows, ref ScalarValue? min, ref ScalarValue? max)
    {
        switch (type.Kind)
        {
            case TypeKind.Int16:
                Zone<short>(raw, type, validity, rows, ref min, ref max);
                break;
            case TypeKind.Int32 or TypeKind.Date:
                Zone<int>(raw, type, validity, rows, ref min, ref max);
                break;
            case TypeKind.Int64 or TypeKind.Timestamp or TypeKind.TimestampTz:
                Zone<long>(raw, type, validity, rows, ref min, ref max);
                break;
            case TypeKind.Decimal:
                Zone<Int128>(raw, type, validity, rows, ref min, ref max);
                break;
            case TypeKind.Float32:
                if (!HasNaN(MemoryMarshal.Cast<byte, float>(raw), validity))
                {
                    Zone<float>(raw, type, validity, rows, ref min, ref max);
                }

                break;
            case TypeKind.Float64:
                if (!HasNaN(MemoryMarshal.Cast<byte, double>(raw), validity))
                {
                    Zone<double>(raw, type, validity, rows, ref min, ref max);
                }

                break;
        }
    }

    private static bool HasNaN<T>(ReadOnlySpan<T> values, ReadOnlySpan<byte> validity)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (T.IsNaN(values[i]) && Validity.IsValid(validity, i))
            {
                return true;
            }
        }

        return false;
    }

    private static void Zone<T>(ReadOnlySpan<byte> raw, SqlType type, ReadOnlySpan<byte> validity, int rows, ref ScalarValue? min, ref ScalarValue? max)
        where T : unmanaged, IComparable<T>
    {
        var values = MemoryMarshal.Cast<byte, T>(raw);
        var any = false;
        T low = default, high = default;
        for (var i = 0; i < rows; i++)
        {
            if (!Validity.IsValid(validity, i))
            {
                continue;
            }

            var v = values[i];
            if (!any)
            {
                low = high = v;
                any = true;
            }
            else if (v.CompareTo(low) < 0)
            {
                low = v;
            }
            else if (v.CompareTo(high) > 0)
            {
                high = v;
            }
        }

        if (any)
        {
            min = new ScalarValue(type, low);
            max = new ScalarValue(type, high);
        }
    }

    // ---- text and binary ---------------------------------------------------------------------------------

    /// <summary>
    /// Plain: <c>offsets i32[rows + 1] | bytes</c>. Dictionary: <c>count i32 | entry offsets i32[count + 1] |
    /// entry bytes | width u8 | packed indexes</c>.
    /// </summary>
    private static BlockEncoding EncodeVariable(BinaryArray array, SqlType type, ReadOnlySpan<byte> validity, BlockWriter payload, BlockEncoding? forced,
        ref ScalarValue? min, ref ScalarValue? max)
    {
        var rows = array.Length;
        var offsets = array.ValueOffsets;
        var start = offsets[0];
        var data = array.ValueBuffer.Span[start..offsets[rows]].ToArray();
        ZoneOfVariable(data, offsets, start, type, validity, rows, ref min, ref max);
        ByteSpanDictionary? dictionary = null;
        if (forced is null or BlockEncoding.Dictionary && rows > 0 && (forced == BlockEncoding.Dictionary || SampleLooksRepetitive(data, offsets, start)))
        {
            dictionary = new ByteSpanDictionary(data, MaxDictionary);
            var indexes = new ulong[rows];
            var entryBytes = 0L;
            for (var i = 0; i < rows && dictionary is not null; i++)
            {
                var count = dictionary.Count;
                var index = Validity.IsValid(validity, i) ? dictionary.IndexOf(offsets[i] - start, offsets[i + 1] - offsets[i]) : 0;
                if (index < 0)
                {
                    dictionary = null;
                    break;
                }

                if (dictionary.Count > count)
                {
                    entryBytes += dictionary.Lengths[index];
                }

                indexes[i] = (ulong)index;
            }

            if (dictionary is { Count: > 0 })
            {
                var width = BitPacking.WidthFor((ulong)(dictionary.Count - 1));
                var dictSize = 5 + (dictionary.Count + 1) * 4L + entryBytes + BitPacking.PackedBytes(rows, width);
                if (forced == BlockEncoding.Dictionary || dictSize < (rows + 1) * 4L + data.Length)
                {
                    payload.Int32(dictionary.Count);
                    var position = 0;
                    payload.Int32(0);
                    for (var e = 0; e < dictionary.Count; e++)
                    {
                        position += dictionary.Lengths[e];
                        payload.Int32(position);
                    }

                    for (var e = 0; e < dictionary.Count; e++)
                    {
                        payload.Bytes(data.AsSpan(dictionary.Starts[e], dictionary.Lengths[e]));
                    }

                    payload.Byte((byte)width);
                    BitPacking.Pack(indexes, width, payload.Take(BitPacking.PackedBytes(rows, width)));
                    return BlockEncoding.Dictionary;
                }
            }
        }

        var rebased = MemoryMarshal.Cast<byte, int>(payload.Take((rows + 1) * 4));
        for (var i = 0; i <= rows; i++)
        {
            rebased[i] = offsets[i] - start;
        }

        payload.Bytes(data);
        return BlockEncoding.Plain;
    }

    private static bool SampleLooksRepetitive(byte[] data, ReadOnlySpan<int> offsets, int start)
    {
        var rows = offsets.Length - 1;
        var stride = Math.Max(1, rows / SampleSize);
        var sample = new ByteSpanDictionary(data, SampleSize + 1);
        var sampled = 0;
        for (var i = 0; i < rows; i += stride)
        {
            sample.IndexOf(offsets[i] - start, offsets[i + 1] - offsets[i]);
            sampled++;
        }

        return sample.Count * 2 <= sampled;
    }

    /// <summary>
    /// Min and max by byte order, which is the engine's (UTF-16 ordinal) order for text unless a value holds a
    /// character from U+E000 up (UTF-8 lead bytes 0xEE and above): such blocks keep no min/max.
    /// </summary>
    private static void ZoneOfVariable(byte[] data, ReadOnlySpan<int> offsets, int start, SqlType type, ReadOnlySpan<byte> validity, int rows,
        ref ScalarValue? min, ref ScalarValue? max)
    {
        // CHAR(n) compares without its padding, which byte order does not know.
        if (type.IsChar || (type.Kind == TypeKind.String && data.AsSpan().IndexOfAnyInRange((byte)0xEE, (byte)0xFF) >= 0))
        {
            return;
        }

        int low = -1, high = -1;
        for (var i = 0; i < rows; i++)
        {
            if (!Validity.IsValid(validity, i))
            {
                continue;
            }

            if (offsets[i + 1] - offsets[i] > MaxZoneTextBytes)
            {
                return;
            }

            var value = Value(data, offsets, start, i);
            if (low < 0)
            {
                low = high = i;
            }
            else if (value.SequenceCompareTo(Value(data, offsets, start, low)) < 0)
            {
                low = i;
            }
            else if (value.SequenceCompareTo(Value(data, offsets, start, high)) > 0)
            {
                high = i;
            }
        }

        if (low >= 0)
        {
            min = VariableScalar(type, Value(data, offsets, start, low));
            max = VariableScalar(type, Value(data, offsets, start, high));
        }
    }

    private static ReadOnlySpan<byte> Value(byte[] data, ReadOnlySpan<int> offsets, int start, int row) =>
        data.AsSpan(offsets[row] - start, offsets[row + 1] - offsets[row]);

    private static ScalarValue VariableScalar(SqlType type, ReadOnlySpan<byte> value) =>
        type.Kind == TypeKind.String ? new ScalarValue(type, System.Text.Encoding.UTF8.GetString(value)) : new ScalarValue(type, value.ToArray());

    // ---- decoding ----------------------------------------------------------------------------------------

    /// <summary>The block's values as an Arrow array of the column's type; a block that does not check out is an error naming its file.</summary>
    public static IArrowArray Decode(ReadOnlySpan<byte> block, SqlType type, string file)
    {
        if (block.Length < HeaderBytes || BinaryPrimitives.ReadUInt32LittleEndian(block) != Magic)
        {
            throw BlockReader.Corrupt(file, "a block header is missing");
        }

        var encoding = (BlockEncoding)block[4];
        var compression = block[5];
        var rows = BinaryPrimitives.ReadInt32LittleEndian(block[6..]);
        var rawLength = BinaryPrimitives.ReadInt32LittleEndian(block[10..]);
        var stored = BinaryPrimitives.ReadInt32LittleEndian(block[14..]);
        if (stored != block.Length - HeaderBytes || rows < 0 || rawLength < 0)
        {
            throw BlockReader.Corrupt(file, "a block's lengths do not match");
        }

        ReadOnlySpan<byte> payload;
        if (compression == 0)
        {
            payload = block[HeaderBytes..];
        }
        else
        {
            var raw = new byte[rawLength];
            using var decompressor = new ZstdSharp.Decompressor();
            int written;
            try
            {
                written = decompressor.Unwrap(block[HeaderBytes..], raw);
            }
            catch (ZstdSharp.ZstdException e)
            {
                throw BlockReader.Corrupt(file, e.Message);
            }

            if (written != rawLength)
            {
                throw BlockReader.Corrupt(file, "a block decompresses to the wrong length");
            }

            payload = raw;
        }

        var reader = new BlockReader(payload, file);
        byte[]? validity = reader.Byte() == 1 ? reader.Take(Bitmap.BytesFor(rows)).ToArray() : null;
        return type.Kind switch
        {
            TypeKind.Null => new NullArray(rows),
            TypeKind.Boolean => ArrayFactory.Boolean(reader.Take(Bitmap.BytesFor(rows)).ToArray(), rows, validity),
            TypeKind.String or TypeKind.Binary => DecodeVariable(ref reader, encoding, type, rows, validity, file),
            _ => ArrayFactory.Fixed(type, DecodeFixed(ref reader, encoding, type, rows, file), rows, validity),
        };
    }

    private static byte[] DecodeFixed(ref BlockReader reader, BlockEncoding encoding, SqlType type, int rows, string file)
    {
        var width = ArrayFactory.ByteWidth(type);
        if (encoding == BlockEncoding.Plain)
        {
            return reader.Take(rows * width).ToArray();
        }

        var lanes = new long[rows];
        switch (encoding)
        {
            case BlockEncoding.RunLength:
            {
                var runs = reader.Int32();
                var counts = MemoryMarshal.Cast<byte, int>(reader.Take(checked(runs * 4)));
                var values = MemoryMarshal.Cast<byte, long>(reader.Take(checked(runs * 8)));
                var position = 0;
                for (var r = 0; r < runs; r++)
                {
                    if (counts[r] < 0 || position + counts[r] > rows)
                    {
                        throw BlockReader.Corrupt(file, "a run passes the end of its block");
                    }

                    lanes.AsSpan(position, counts[r]).Fill(values[r]);
                    position += counts[r];
                }

                break;
            }

            case BlockEncoding.Dictionary:
            {
                var count = reader.Int32();
                var entries = MemoryMarshal.Cast<byte, long>(reader.Take(checked(count * 8)));
                var width2 = reader.Byte();
                var indexes = new ulong[rows];
                BitPacking.Unpack(reader.Take(BitPacking.PackedBytes(rows, width2)), width2, indexes);
                for (var i = 0; i < rows; i++)
                {
                    if (indexes[i] >= (ulong)count)
                    {
                        throw BlockReader.Corrupt(file, "a dictionary index is out of range");
                    }

                    lanes[i] = entries[(int)indexes[i]];
                }

                break;
            }

            case BlockEncoding.FrameOfReference:
            {
                var low = reader.Int64();
                var width2 = reader.Byte();
                var deltas = new ulong[rows];
                BitPacking.Unpack(reader.Take(BitPacking.PackedBytes(rows, width2)), width2, deltas);
                for (var i = 0; i < rows; i++)
                {
                    lanes[i] = unchecked(low + (long)deltas[i]);
                }

                break;
            }

            default:
                throw BlockReader.Corrupt(file, $"unknown encoding {(int)encoding}");
        }

        var bytes = new byte[rows * width];
        switch (width)
        {
            case 2:
            {
                var values = MemoryMarshal.Cast<byte, short>(bytes.AsSpan());
                for (var i = 0; i < rows; i++)
                {
                    values[i] = (short)lanes[i];
                }

                break;
            }

            case 4:
            {
                var values = MemoryMarshal.Cast<byte, int>(bytes.AsSpan());
                for (var i = 0; i < rows; i++)
                {
                    values[i] = (int)lanes[i];
                }

                break;
            }

            case 8:
                MemoryMarshal.AsBytes(lanes.AsSpan()).CopyTo(bytes);
                break;
            default:
            {
                var values = MemoryMarshal.Cast<byte, Int128>(bytes.AsSpan());
                for (var i = 0; i < rows; i++)
                {
                    values[i] = lanes[i];
                }

                break;
            }
        }

        return bytes;
    }

    private static IArrowArray DecodeVariable(ref BlockReader reader, BlockEncoding encoding, SqlType type, int rows, byte[]? validity, string file)
    {
        if (encoding == BlockEncoding.Plain)
        {
            var offsets = reader.Take((rows + 1) * 4).ToArray();
            var end = MemoryMarshal.Cast<byte, int>(offsets.AsSpan())[rows];
            return ArrayFactory.Variable(type, offsets, reader.Take(end).ToArray(), rows, validity);
        }

        if (encoding != BlockEncoding.Dictionary)
        {
            throw BlockReader.Corrupt(file, $"unknown encoding {(int)encoding} for text");
        }

        var count = reader.Int32();
        var entryOffsets = MemoryMarshal.Cast<byte, int>(reader.Take(checked((count + 1) * 4))).ToArray();
        var entries = reader.Take(entryOffsets[count]);
        var width = reader.Byte();
        var indexes = new ulong[rows];
        BitPacking.Unpack(reader.Take(BitPacking.PackedBytes(rows, width)), width, indexes);
        var outputOffsets = new byte[(rows + 1) * 4];
        var offs = MemoryMarshal.Cast<byte, int>(outputOffsets.AsSpan());
        long total = 0;
        for (var i = 0; i < rows; i++)
        {
            if (indexes[i] >= (ulong)count)
            {
                throw BlockReader.Corrupt(file, "a dictionary index is out of range");
            }

            offs[i] = (int)total;
            var e = (int)indexes[i];
            total += entryOffsets[e + 1] - entryOffsets[e];
        }

        offs[rows] = (int)total;
        var data = ArrayFactory.AllocateVariableData(total);
        for (var i = 0; i < rows; i++)
        {
            var e = (int)indexes[i];
            entries[entryOffsets[e]..entryOffsets[e + 1]].CopyTo(data.AsSpan(offs[i]));
        }

        return ArrayFactory.Variable(type, outputOffsets, data, rows, validity);
    }
}
