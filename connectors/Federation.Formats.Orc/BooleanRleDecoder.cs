using Federation.Common.Arrow;

namespace Federation.Formats.Orc;

/// <summary>
/// ORC booleans (PRESENT streams and boolean columns): byte RLE over bytes of 8 bits, most significant bit first.
/// Writes Arrow bitmaps (least significant bit first) and keeps the unused bits of its last byte between calls.
/// </summary>
internal sealed class BooleanRleDecoder(ReadOnlyMemory<byte> stream, string what)
{
    private readonly ByteRleDecoder _bytes = new(stream, what);
    private readonly byte[] _buffer = new byte[1024];
    private int _bufferCount;
    private int _bufferIndex;
    private int _current;
    private int _bitsLeft;

    /// <summary>Sets bit offset + i of <paramref name="bits"/> for each true value of the next <paramref name="count"/>; returns how many were true.</summary>
    public int Read(Span<byte> bits, int offset, int count)
    {
        var set = 0;
        for (var i = 0; i < count; i++)
        {
            if (_bitsLeft == 0)
            {
                if (_bufferIndex == _bufferCount)
                {
                    // Only as many bytes as the values asked for still need: the stream may end right after them.
                    var need = Math.Min(_buffer.Length, (count - i + 7) >> 3);
                    _bytes.Read(_buffer.AsSpan(0, need));
                    _bufferCount = need;
                    _bufferIndex = 0;
                }

                _current = _buffer[_bufferIndex++];
                _bitsLeft = 8;
            }

            _bitsLeft--;
            if (((_current >> _bitsLeft) & 1) != 0)
            {
                Bitmap.Set(bits, offset + i);
                set++;
            }
        }

        return set;
    }
}
