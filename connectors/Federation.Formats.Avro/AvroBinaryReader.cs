using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Federation.Formats.Avro;

/// <summary>
/// Reads Avro's binary encoding from a span: zigzag varint ints and longs, little-endian floats and doubles,
/// length-prefixed bytes and strings, and skips any value by its schema without decoding it. Running past the end
/// of the data is an <see cref="AvroFormatException"/> ("truncated"), never an out-of-range read.
/// </summary>
internal ref struct AvroBinaryReader
{
    private readonly ReadOnlySpan<byte> _data;

    public AvroBinaryReader(ReadOnlySpan<byte> data, int position = 0)
    {
        _data = data;
        Position = position;
    }

    public int Position { get; private set; }

    public readonly int Remaining => _data.Length - Position;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long ReadLong()
    {
        var data = _data;
        var position = Position;
        if ((uint)position < (uint)data.Length && data[position] < 0x80)
        {
            // One-byte values (small ints, union indices, booleans' neighbours) are most of them.
            Position = position + 1;
            var one = (ulong)data[position];
            return (long)(one >> 1) ^ -(long)(one & 1);
        }

        return ReadLongSlow();
    }

    private long ReadLongSlow()
    {
        ulong value = 0;
        var shift = 0;
        var position = Position;
        while (true)
        {
            if ((uint)position >= (uint)_data.Length)
            {
                ThrowTruncated();
            }

            var b = _data[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                break;
            }

            shift += 7;
            if (shift > 63)
            {
                throw new AvroFormatException($"a varint at byte {Position} is longer than 10 bytes");
            }
        }

        Position = position;
        return (long)(value >> 1) ^ -(long)(value & 1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadInt()
    {
        var value = ReadLong();
        if (value is < int.MinValue or > int.MaxValue)
        {
            throw new AvroFormatException($"an int at byte {Position} is out of range ({value})");
        }

        return (int)value;
    }

    public bool ReadBoolean() => Take(1)[0] != 0;

    public float ReadFloat() => BinaryPrimitives.ReadSingleLittleEndian(Take(4));

    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    /// <summary>The bytes of a bytes or string value (a view into the data).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> ReadBytes()
    {
        var length = ReadLong();
        if (length < 0 || length > Remaining)
        {
            ThrowBadLength(length);
        }

        return Take((int)length);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> Take(int count)
    {
        if ((uint)count > (uint)(_data.Length - Position))
        {
            ThrowTruncated();
        }

        var span = _data.Slice(Position, count);
        Position += count;
        return span;
    }

    /// <summary>A union's branch index, checked against its branch count.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadUnionIndex(AvroSchema union)
    {
        var index = ReadLong();
        if ((ulong)index >= (ulong)union.Branches.Count)
        {
            throw new AvroFormatException($"union branch index {index} is out of range for {union} (at byte {Position - 1})");
        }

        return (int)index;
    }

    /// <summary>Moves past one value of <paramref name="schema"/>; arrays and maps written with byte sizes are skipped whole.</summary>
    public void Skip(AvroSchema schema)
    {
        switch (schema.Kind)
        {
            case AvroSchemaKind.Null:
                return;
            case AvroSchemaKind.Boolean:
                Take(1);
                return;
            case AvroSchemaKind.Int or AvroSchemaKind.Long or AvroSchemaKind.Enum:
                ReadLong();
                return;
            case AvroSchemaKind.Float:
                Take(4);
                return;
            case AvroSchemaKind.Double:
                Take(8);
                return;
            case AvroSchemaKind.Bytes or AvroSchemaKind.String:
                ReadBytes();
                return;
            case AvroSchemaKind.Fixed:
                Take(schema.Size);
                return;
            case AvroSchemaKind.Record:
                foreach (var field in schema.Fields)
                {
                    Skip(field.Schema);
                }

                return;
            case AvroSchemaKind.Union:
                Skip(schema.Branches[ReadUnionIndex(schema)]);
                return;
            case AvroSchemaKind.Array or AvroSchemaKind.Map:
                while (true)
                {
                    var count = ReadLong();
                    if (count == 0)
                    {
                        return;
                    }

                    if (count < 0)
                    {
                        // A negative count is followed by the block's size in bytes.
                        var size = ReadLong();
                        if (size < 0 || size > Remaining)
                        {
                            ThrowBadLength(size);
                        }

                        Take((int)size);
                        continue;
                    }

                    for (var i = 0L; i < count; i++)
                    {
                        if (schema.Kind == AvroSchemaKind.Map)
                        {
                            ReadBytes();
                        }

                        Skip(schema.Element!);
                    }
                }

            default:
                throw new AvroFormatException($"cannot skip {schema}");
        }
    }

    /// <summary>The number of items in the next block of an array or map (0 at its end), past the byte size that may follow a negative count.</summary>
    public long ReadBlockCount()
    {
        var count = ReadLong();
        if (count < 0)
        {
            ReadLong();
            count = -count;
        }

        if (count > Remaining)
        {
            // Every item takes at least... zero bytes (null items), so only absurd counts are refused here.
            if (count > int.MaxValue)
            {
                throw new AvroFormatException($"an array or map block claims {count} items");
            }
        }

        return count;
    }

    private readonly void ThrowTruncated() =>
        throw new AvroFormatException($"the data ends in the middle of a value (at byte {Position} of {_data.Length})");

    private readonly void ThrowBadLength(long length) =>
        throw new AvroFormatException($"a length of {length} at byte {Position} runs past the end of the data ({Remaining} bytes left)");
}
