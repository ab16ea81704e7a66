using System.Buffers.Binary;
using K4os.Compression.LZ4;

namespace Federation.Formats.Text;

/// <summary>
/// Hadoop's BlockCompressorStream framing read as a stream: repeated [uncompressed length][[compressed length][raw
/// Snappy or LZ4 block]...], one block decompressed at a time.
/// </summary>
public sealed class HadoopBlockStream(Stream source, bool snappy) : Stream
{
    private byte[] _block = [];
    private byte[] _output = [];
    private int _outputStart;
    private int _outputEnd;
    private long _offset;
    private int _groupLeft;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (_outputStart == _outputEnd)
        {
            if (!NextBlock())
            {
                return 0;
            }
        }

        var count = Math.Min(buffer.Length, _outputEnd - _outputStart);
        _output.AsSpan(_outputStart, count).CopyTo(buffer);
        _outputStart += count;
        return count;
    }

    /// <summary>Decompresses the next block into the output buffer; false at the end of the object.</summary>
    private bool NextBlock()
    {
        if (_groupLeft == 0)
        {
            if (!ReadLength(out _groupLeft, endAllowed: true))
            {
                return false;
            }

            if (_groupLeft == 0)
            {
                _outputStart = _outputEnd = 0;
                return true;
            }
        }

        ReadLength(out var size, endAllowed: false);
        if (_block.Length < size)
        {
            _block = new byte[size];
        }

        ReadExactly(_block.AsSpan(0, size), $"a block of {size} bytes at offset {_offset} runs past the end of the object");
        if (_output.Length < _groupLeft)
        {
            _output = new byte[_groupLeft];
        }

        int written;
        if (snappy)
        {
            written = Snappier.Snappy.Decompress(_block.AsSpan(0, size), _output.AsSpan(0, _groupLeft));
        }
        else
        {
            written = LZ4Codec.Decode(_block.AsSpan(0, size), _output.AsSpan(0, _groupLeft));
            if (written < 0)
            {
                throw new InvalidDataException("an LZ4 block does not decode");
            }
        }

        _groupLeft -= written;
        _outputStart = 0;
        _outputEnd = written;
        return true;
    }

    private bool ReadLength(out int value, bool endAllowed)
    {
        Span<byte> bytes = stackalloc byte[4];
        var read = 0;
        while (read < 4 && source.Read(bytes[read..]) is var n and > 0)
        {
            read += n;
        }

        if (read == 0 && endAllowed)
        {
            value = 0;
            return false;
        }

        if (read < 4)
        {
            throw new InvalidDataException($"the object ends inside a block header at offset {_offset}");
        }

        value = BinaryPrimitives.ReadInt32BigEndian(bytes);
        _offset += 4;
        return value < 0 ? throw new InvalidDataException($"a negative block length at offset {_offset - 4}") : true;
    }

    private void ReadExactly(Span<byte> destination, string truncated)
    {
        var read = 0;
        while (read < destination.Length && source.Read(destination[read..]) is var n and > 0)
        {
            read += n;
        }

        if (read < destination.Length)
        {
            throw new InvalidDataException(truncated);
        }

        _offset += destination.Length;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            source.Dispose();
        }

        base.Dispose(disposing);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
