using Federation.Storage;

namespace Federation.Formats.Text;

/// <summary>
/// A read-only stream over bytes [start, end) of one object, fetched by ranged reads of at most
/// <see cref="RequestBytes"/> each, so a reader holds one request's bytes at a time however large the object is. A
/// read into a buffer at least that large goes straight into it; smaller reads (a decompressor pulling a few KiB) are
/// served from one request-sized buffer when the stream is <c>buffered</c> (under a decompressor); unbuffered, each read
/// fetches just what it asks for (a line reader's short overread past a split's end). The synchronous reads the decompressors make wait for the fetch: one wait
/// per request, not per read.
/// </summary>
public sealed class ObjectRangeStream : Stream
{
    private readonly IObjectStore _store;
    private readonly string _key;
    private readonly string? _etag;
    private readonly long _end;
    private readonly bool _buffered;
    private long _next;
    private byte[]? _buffer;
    private int _bufferStart;
    private int _bufferEnd;

    public ObjectRangeStream(IObjectStore store, string key, string? etag, long start, long end, int requestBytes, bool buffered)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(requestBytes, 1);
        _store = store;
        _key = key;
        _etag = etag;
        _next = start;
        _end = end;
        _buffered = buffered;
        RequestBytes = requestBytes;
    }

    /// <summary>The largest ranged read this stream makes.</summary>
    public int RequestBytes { get; }

    /// <summary>Bytes fetched from the store so far.</summary>
    public long FetchedBytes { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        if (destination.IsEmpty)
        {
            return 0;
        }

        if (_bufferStart < _bufferEnd)
        {
            return FromBuffer(destination.Span);
        }

        var left = _end - _next;
        if (left <= 0)
        {
            return 0;
        }

        if (destination.Length >= RequestBytes || !_buffered)
        {
            var direct = (int)Math.Min(Math.Min(RequestBytes, destination.Length), left);
            await FetchAsync(destination[..direct], cancellationToken).ConfigureAwait(false);
            return direct;
        }

        return await FillBufferAsync(cancellationToken).ConfigureAwait(false) ? FromBuffer(destination.Span) : 0;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty || (_bufferStart >= _bufferEnd && !FillBufferAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult()))
        {
            return 0;
        }

        return FromBuffer(buffer);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Fetches the next request's bytes into the buffer; false at the end of the range.</summary>
    private async ValueTask<bool> FillBufferAsync(CancellationToken cancellationToken)
    {
        var left = _end - _next;
        if (left <= 0)
        {
            return false;
        }

        _buffer ??= new byte[(int)Math.Min(RequestBytes, left)];
        var size = (int)Math.Min(_buffer.Length, left);
        await FetchAsync(_buffer.AsMemory(0, size), cancellationToken).ConfigureAwait(false);
        _bufferStart = 0;
        _bufferEnd = size;
        return true;
    }

    private async ValueTask FetchAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        await _store.ReadAsync(_key, _next, destination, _etag, cancellationToken).ConfigureAwait(false);
        _next += destination.Length;
        FetchedBytes += destination.Length;
    }

    private int FromBuffer(Span<byte> destination)
    {
        var count = Math.Min(destination.Length, _bufferEnd - _bufferStart);
        _buffer.AsSpan(_bufferStart, count).CopyTo(destination);
        _bufferStart += count;
        return count;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
