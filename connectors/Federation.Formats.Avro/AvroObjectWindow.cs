using Federation.Storage;

namespace Federation.Formats.Avro;

/// <summary>
/// The bytes of one object a scan has fetched: one range, grown forward (a block that runs past the part's end is
/// fetched with what follows it, at least <see cref="GrowBytes"/> more at a time) and trimmed at the front, so a part of a
/// large object holds about one part and one block in memory.
/// </summary>
internal sealed class AvroObjectWindow(IObjectStore store, ObjectMeta meta)
{
    private const int GrowBytes = 1 << 20;

    private byte[] _buffer = [];
    private long _start;
    private int _length;

    /// <summary>Bytes fetched from the store so far.</summary>
    public long BytesRead { get; private set; }

    public long Size => meta.Size;

    /// <summary>Makes bytes [<paramref name="from"/>, <paramref name="to"/>) (to at most the object's size) available.</summary>
    public async ValueTask EnsureAsync(long from, long to, CancellationToken cancellationToken)
    {
        to = Math.Min(to, meta.Size);
        if (from >= _start && to <= _start + _length)
        {
            return;
        }

        // A first read fetches what was asked (a part); reading on past what is held fetches ahead too.
        var extending = _length > 0 && from < _start + _length;
        var end = extending ? Math.Max(to, Math.Min(meta.Size, _start + _length + GrowBytes)) : to;

        if (end - from > int.MaxValue)
        {
            throw new AvroFormatException($"a range of {end - from} bytes is more than one read can hold (2 GiB)");
        }

        var buffer = new byte[end - from];
        var kept = 0;
        if (from >= _start && from < _start + _length)
        {
            kept = (int)(_start + _length - from);
            _buffer.AsSpan((int)(from - _start), kept).CopyTo(buffer);
        }

        var fetch = buffer.Length - kept;
        if (fetch > 0)
        {
            await store.ReadAsync(meta.Key, from + kept, buffer.AsMemory(kept, fetch), meta.ETag, cancellationToken).ConfigureAwait(false);
            BytesRead += fetch;
        }

        _buffer = buffer;
        _start = from;
        _length = buffer.Length;
    }

    /// <summary>Bytes [from, to) of the object, which <see cref="EnsureAsync"/> made available.</summary>
    public ReadOnlyMemory<byte> Slice(long from, long to) => _buffer.AsMemory((int)(from - _start), (int)(to - from));
}
