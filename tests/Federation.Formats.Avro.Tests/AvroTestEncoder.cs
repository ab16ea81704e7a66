using System.Buffers.Binary;
using System.Text;

namespace Federation.Formats.Avro.Tests;

/// <summary>Avro's binary encoding, written by hand for the tests' files (zigzag varints, little-endian floats, length-prefixed bytes).</summary>
public sealed class AvroTestEncoder
{
    private readonly MemoryStream _stream = new();

    public long Length => _stream.Length;

    public void WriteLong(long value)
    {
        var zigzag = (ulong)((value << 1) ^ (value >> 63));
        while (zigzag >= 0x80)
        {
            _stream.WriteByte((byte)(zigzag | 0x80));
            zigzag >>= 7;
        }

        _stream.WriteByte((byte)zigzag);
    }

    public void WriteBoolean(bool value) => _stream.WriteByte(value ? (byte)1 : (byte)0);

    public void WriteFloat(float value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        _stream.Write(bytes);
    }

    public void WriteDouble(double value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(bytes, value);
        _stream.Write(bytes);
    }

    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        WriteLong(value.Length);
        _stream.Write(value);
    }

    public void WriteString(string value) => WriteBytes(Encoding.UTF8.GetBytes(value));

    public void WriteFixed(ReadOnlySpan<byte> value) => _stream.Write(value);

    /// <summary>An unscaled decimal as the shortest big-endian two's complement bytes.</summary>
    public void WriteDecimal(Int128 unscaled)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteInt128BigEndian(bytes, unscaled);
        var start = 0;
        while (start < 15 && ((bytes[start] == 0 && bytes[start + 1] < 0x80) || (bytes[start] == 0xFF && bytes[start + 1] >= 0x80)))
        {
            start++;
        }

        WriteBytes(bytes[start..]);
    }

    public byte[] ToArray() => _stream.ToArray();

    public void Clear() => _stream.SetLength(0);
}
