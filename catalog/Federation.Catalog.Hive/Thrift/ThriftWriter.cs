using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Federation.Catalog.Hive.Thrift;

/// <summary>
/// Writes one message in Thrift's strict binary protocol (TBinaryProtocol with strict write): big-endian integers,
/// strings as a 4-byte length and UTF-8 bytes, fields as type id, 2-byte field id and value, structs ended by a stop byte.
/// </summary>
public sealed class ThriftWriter
{
    private const uint Version1 = 0x80010000;

    private readonly ArrayBufferWriter<byte> _buffer = new(256);

    /// <summary>What has been written so far.</summary>
    public ReadOnlyMemory<byte> Written => _buffer.WrittenMemory;

    public void MessageBegin(string name, ThriftMessageType type, int sequenceId)
    {
        I32(unchecked((int)(Version1 | (byte)type)));
        String(name);
        I32(sequenceId);
    }

    public void FieldBegin(ThriftType type, short id)
    {
        Byte((byte)type);
        I16(id);
    }

    public void FieldStop() => Byte((byte)ThriftType.Stop);

    public void ListBegin(ThriftType element, int count)
    {
        Byte((byte)element);
        I32(count);
    }

    public void MapBegin(ThriftType key, ThriftType value, int count)
    {
        Byte((byte)key);
        Byte((byte)value);
        I32(count);
    }

    public void Byte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
    }

    public void Bool(bool value) => Byte(value ? (byte)1 : (byte)0);

    public void I16(short value)
    {
        BinaryPrimitives.WriteInt16BigEndian(_buffer.GetSpan(2), value);
        _buffer.Advance(2);
    }

    public void I32(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
    }

    public void I64(long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    public void String(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        I32(length);
        Encoding.UTF8.GetBytes(value, _buffer.GetSpan(length));
        _buffer.Advance(length);
    }

    /// <summary>A string field, left out when the value is null (Thrift's unset optional or default field).</summary>
    public void StringField(short id, string? value)
    {
        if (value is null)
        {
            return;
        }

        FieldBegin(ThriftType.String, id);
        String(value);
    }

    public void I32Field(short id, int value)
    {
        FieldBegin(ThriftType.I32, id);
        I32(value);
    }

    public void BoolField(short id, bool value)
    {
        FieldBegin(ThriftType.Bool, id);
        Bool(value);
    }

    public void StringListField(short id, IReadOnlyList<string> values)
    {
        FieldBegin(ThriftType.List, id);
        ListBegin(ThriftType.String, values.Count);
        foreach (var value in values)
        {
            String(value);
        }
    }

    public void StringMapField(short id, IReadOnlyDictionary<string, string> values)
    {
        FieldBegin(ThriftType.Map, id);
        MapBegin(ThriftType.String, ThriftType.String, values.Count);
        foreach (var (key, value) in values)
        {
            String(key);
            String(value);
        }
    }
}
