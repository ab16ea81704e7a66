using System.Buffers.Binary;
using System.Text;

namespace Federation.Catalog.Hive.Thrift;

/// <summary>
/// Reads one whole binary-protocol message held in memory (<see cref="ThriftFraming"/> reads it off the socket first),
/// so decoding never waits on the network. Unknown fields are skipped by type, which keeps the client working against
/// metastores whose structs have grown fields since the IDL this code follows.
/// </summary>
public sealed class ThriftReader
{
    /// <summary>Nesting deeper than this is refused rather than recursed into (Thrift's default recursion limit).</summary>
    private const int MaxDepth = 64;

    private readonly ReadOnlyMemory<byte> _data;
    private int _position;

    public ThriftReader(ReadOnlyMemory<byte> data)
    {
        _data = data;
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || _position + count > _data.Length)
        {
            throw new ThriftProtocolException($"the message ends early: {count} more bytes wanted at byte {_position} of {_data.Length}");
        }

        var span = _data.Span.Slice(_position, count);
        _position += count;
        return span;
    }

    /// <summary>The header of a strict message: its name, type and sequence id.</summary>
    public (string Name, ThriftMessageType Type, int SequenceId) MessageBegin()
    {
        var word = I32();
        if ((word & 0xffff0000) != 0x80010000)
        {
            throw new ThriftProtocolException($"not a strict binary-protocol message (version word 0x{word:x8}); is the metastore's transport framed or buffered as configured?");
        }

        var name = String();
        return (name, (ThriftMessageType)(word & 0xff), I32());
    }

    /// <summary>The next field's type and id; type Stop ends the struct.</summary>
    public (ThriftType Type, short Id) FieldBegin()
    {
        var type = (ThriftType)Byte();
        return type == ThriftType.Stop ? (type, (short)0) : (type, I16());
    }

    public (ThriftType Element, int Count) ListBegin()
    {
        var element = (ThriftType)Byte();
        return (element, Count(I32()));
    }

    public (ThriftType Key, ThriftType Value, int Count) MapBegin()
    {
        var key = (ThriftType)Byte();
        var value = (ThriftType)Byte();
        return (key, value, Count(I32()));
    }

    private int Count(int count) =>
        count < 0 || count > _data.Length - _position ? throw new ThriftProtocolException($"a collection of {count} elements cannot fit in the message") : count;

    public byte Byte() => Take(1)[0];

    public bool Bool() => Byte() != 0;

    public short I16() => BinaryPrimitives.ReadInt16BigEndian(Take(2));

    public int I32() => BinaryPrimitives.ReadInt32BigEndian(Take(4));

    public long I64() => BinaryPrimitives.ReadInt64BigEndian(Take(8));

    public double Double() => BinaryPrimitives.ReadDoubleBigEndian(Take(8));

    public string String() => Encoding.UTF8.GetString(Take(I32()));

    public List<string> StringList()
    {
        var (element, count) = ListBegin();
        var values = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            values.Add(element == ThriftType.String ? String() : throw new ThriftProtocolException($"a list of {element} where strings were expected"));
        }

        return values;
    }

    public Dictionary<string, string> StringMap()
    {
        var (key, value, count) = MapBegin();
        var map = new Dictionary<string, string>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            if (key != ThriftType.String || value != ThriftType.String)
            {
                throw new ThriftProtocolException($"a map of {key} to {value} where strings were expected");
            }

            var k = String();
            map[k] = String();
        }

        return map;
    }

    /// <summary>Skips one value of the given type, whatever it holds.</summary>
    public void Skip(ThriftType type, int depth = 0)
    {
        if (depth > MaxDepth)
        {
            throw new ThriftProtocolException("values nested too deeply");
        }

        switch (type)
        {
            case ThriftType.Bool or ThriftType.Byte:
                Take(1);
                break;
            case ThriftType.I16:
                Take(2);
                break;
            case ThriftType.I32:
                Take(4);
                break;
            case ThriftType.I64 or ThriftType.Double:
                Take(8);
                break;
            case ThriftType.String:
                Take(I32());
                break;
            case ThriftType.Struct:
                while (FieldBegin() is var (fieldType, _) && fieldType != ThriftType.Stop)
                {
                    Skip(fieldType, depth + 1);
                }

                break;
            case ThriftType.Map:
            {
                var (key, value, count) = MapBegin();
                for (var i = 0; i < count; i++)
                {
                    Skip(key, depth + 1);
                    Skip(value, depth + 1);
                }

                break;
            }

            case ThriftType.List or ThriftType.Set:
            {
                var (element, count) = ListBegin();
                for (var i = 0; i < count; i++)
                {
                    Skip(element, depth + 1);
                }

                break;
            }

            default:
                throw new ThriftProtocolException($"unknown Thrift type id {(byte)type}");
        }
    }

    /// <summary>Reads a TApplicationException struct (1: message, 2: type).</summary>
    public ThriftApplicationException ApplicationException()
    {
        var message = "";
        var kind = 0;
        while (FieldBegin() is var (type, id) && type != ThriftType.Stop)
        {
            if (id == 1 && type == ThriftType.String)
            {
                message = String();
            }
            else if (id == 2 && type == ThriftType.I32)
            {
                kind = I32();
            }
            else
            {
                Skip(type);
            }
        }

        return new ThriftApplicationException(kind, message);
    }
}
