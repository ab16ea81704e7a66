using System.Buffers.Binary;

namespace Federation.LocalTables;

/// <summary>A growable little-endian byte buffer for building one block.</summary>
internal sealed class BlockWriter
{
    private byte[] _buffer;

    public BlockWriter(int capacity) => _buffer = new byte[Math.Max(64, capacity)];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, Length);

    public Span<byte> Take(int count)
    {
        if (Length + count > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(Length + count, _buffer.Length * 2));
        }

        var span = _buffer.AsSpan(Length, count);
        Length += count;
        return span;
    }

    public void Byte(byte value) => Take(1)[0] = value;

    public void Int32(int value) => BinaryPrimitives.WriteInt32LittleEndian(Take(4), value);

    public void Int64(long value) => BinaryPrimitives.WriteInt64LittleEndian(Take(8), value);

    public void Bytes(ReadOnlySpan<byte> value) => value.CopyTo(Take(value.Length));
}
