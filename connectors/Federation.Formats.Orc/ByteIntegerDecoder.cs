namespace Federation.Formats.Orc;

/// <summary>A tinyint column's DATA stream (byte RLE of two's complement bytes) read as integers, so it converts like the others.</summary>
internal sealed class ByteIntegerDecoder(ReadOnlyMemory<byte> stream, string what) : IIntegerDecoder
{
    private readonly ByteRleDecoder _bytes = new(stream, what);
    private byte[] _buffer = [];

    public void Read(Span<long> destination)
    {
        if (_buffer.Length < destination.Length)
        {
            _buffer = new byte[destination.Length];
        }

        var bytes = _buffer.AsSpan(0, destination.Length);
        _bytes.Read(bytes);
        for (var i = 0; i < bytes.Length; i++)
        {
            destination[i] = (sbyte)bytes[i];
        }
    }
}
