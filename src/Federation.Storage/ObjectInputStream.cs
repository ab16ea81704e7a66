namespace Federation.Storage;

/// <summary>
/// A seekable read-only stream over one object, for file readers that read synchronously (ParquetSharp's Arrow
/// reader calls back into it). The bytes come from ranges fetched ahead: the whole object when it is small, else
/// its tail (the footer) on open, then whatever <see cref="PrefetchAsync"/> is told the reader will need, in
/// coalesced parallel requests. A read outside them fetches it on the spot, which counts as one more request.
/// </summary>
public sealed class ObjectInputStream : Stream
{
    private readonly IObjectStore _store;
    private readonly ObjectMeta _object;
    private readonly ObjectReadOptions _options;
    private readonly object _lock = new();

    /// <summary>Fetched ranges, by offset; they do not overlap.</summary>
    private readonly SortedList<long, byte[]> _ranges = [];

    private long _position;
    private long _requests;
    private long _bytesFetched;

    /// <summary>GET requests this stream made (the open, prefetches, misses).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Bytes those requests fetched.</summary>
    public long BytesFetched => Interlocked.Read(ref _bytesFetched);

    /// <summary>
    /// The store's error behind the first read that failed inside a reader's synchronous call. A native reader (ParquetSharp)
    /// turns it into an error of its own that keeps only the text, so whoever reports the reader's error asks here
    /// whether the store (unreachable, access denied, object gone) and not the file was at fault.
    /// </summary>
    public Common.FederationException? Failure { get; private set; }

    private ObjectInputStream(IObjectStore store, ObjectMeta meta, ObjectReadOptions options)
    {
        _store = store;
        _object = meta;
        _options = options;
    }

    /// <summary>The object's URL, for errors.</summary>
    public string Name => ObjectStoreErrors.Describe(_store, _object.Key);

    /// <summary>Opens an object whose size the listing told: one GET of all of it, or of its tail.</summary>
    public static async Task<ObjectInputStream> OpenAsync(IObjectStore store, ObjectMeta meta, ObjectReadOptions options, CancellationToken cancellationToken)
    {
        var stream = new ObjectInputStream(store, meta, options);
        if (meta.Size == 0)
        {
            return stream;
        }

        var first = meta.Size <= options.WholeObjectThreshold ? 0 : Math.Max(0, meta.Size - options.TailBytes);
        var buffer = new byte[meta.Size - first];
        await stream.FetchAsync(first, buffer, cancellationToken).ConfigureAwait(false);
        stream.Add(first, buffer);
        stream.OpeningRange = new FetchedRange(first, buffer);
        return stream;
    }

    /// <summary>
    /// Opens an object with the range another stream over it fetched on open (<see cref="OpeningRange"/>), making no
    /// request: a scan that read the footer moments ago in the same query need not fetch it again. The bytes are
    /// shared, never changed.
    /// </summary>
    public static ObjectInputStream Open(IObjectStore store, ObjectMeta meta, ObjectReadOptions options, FetchedRange opening)
    {
        var stream = new ObjectInputStream(store, meta, options);
        stream.Add(opening.Offset, opening.Bytes);
        return stream;
    }

    /// <summary>What <see cref="OpenAsync"/> fetched: the whole object when small, else its tail.</summary>
    public FetchedRange? OpeningRange { get; private set; }

    /// <summary>Fetches the ranges a reader is about to need that are not here yet, coalesced, in parallel.</summary>
    public async Task PrefetchAsync(IEnumerable<(long Offset, long Length)> ranges, CancellationToken cancellationToken)
    {
        var missing = new List<(long Offset, long Length)>();
        lock (_lock)
        {
            foreach (var (offset, length) in ranges)
            {
                var end = Math.Min(offset + length, _object.Size);
                if (offset < end && !Covered(offset, end))
                {
                    missing.Add((offset, end - offset));
                }
            }
        }

        var requests = RangeCoalescer.Coalesce(missing, _options);
        if (requests.Count == 0)
        {
            return;
        }

        // The first requests go out from the calling thread before this returns, not from thread-pool work items: a
        // reader that prefetches and then decodes has its I/O under way at once, even on a machine too busy to give
        // the pool another thread until the decoding is over.
        using var slots = new SemaphoreSlim(_options.MaxParallelRequests);
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var fetches = new Task[requests.Count];
        for (var i = 0; i < fetches.Length; i++)
        {
            fetches[i] = FetchRangeAsync(requests[i], slots, failed);
        }

        await Task.WhenAll(fetches).ConfigureAwait(false);
    }

    /// <summary>One coalesced request of a prefetch, when a slot is free; a failure stops the others.</summary>
    private async Task FetchRangeAsync((long Offset, long Length) request, SemaphoreSlim slots, CancellationTokenSource failed)
    {
        await slots.WaitAsync(failed.Token).ConfigureAwait(false);
        try
        {
            var buffer = new byte[request.Length];
            await FetchAsync(request.Offset, buffer, failed.Token).ConfigureAwait(false);
            lock (_lock)
            {
                Add(request.Offset, buffer);
            }
        }
        catch (Exception) when (StopOthers(failed))
        {
            // Never reached: the filter cancels the other requests and lets the exception go on.
        }
        finally
        {
            slots.Release();
        }
    }

    private static bool StopOthers(CancellationTokenSource failed)
    {
        failed.Cancel();
        return false;
    }

    /// <summary>Drops fetched ranges that end before <paramref name="offset"/>: a reader done with them frees their memory.</summary>
    public void Release(long start, long end)
    {
        lock (_lock)
        {
            for (var i = _ranges.Count - 1; i >= 0; i--)
            {
                var offset = _ranges.Keys[i];
                if (offset >= start && offset + _ranges.Values[i].Length <= end)
                {
                    _ranges.RemoveAt(i);
                }
            }
        }
    }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => _object.Size;

    public override long Position
    {
        get => _position;
        set => _position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var count = (int)Math.Max(0, Math.Min(buffer.Length, _object.Size - _position));
        var done = 0;
        while (done < count)
        {
            var copied = CopyFromRanges(_position + done, buffer[done..count]);
            if (copied == 0)
            {
                FetchMissing(_position + done, count - done);
                continue;
            }

            done += copied;
        }

        _position += done;
        return done;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => _object.Size + offset,
        };
        return _position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int CopyFromRanges(long position, Span<byte> destination)
    {
        lock (_lock)
        {
            var index = Find(position);
            if (index < 0)
            {
                return 0;
            }

            var start = _ranges.Keys[index];
            var data = _ranges.Values[index];
            var available = (int)Math.Min(destination.Length, start + data.Length - position);
            data.AsSpan((int)(position - start), available).CopyTo(destination);
            return available;
        }
    }

    /// <summary>
    /// The reader asked for bytes nobody prefetched (a footer larger than the tail read, say). The reader calls
    /// synchronously, so this blocks its thread on one GET.
    /// </summary>
    private void FetchMissing(long position, int count)
    {
        var length = Math.Min(Math.Max(count, _options.MinMissRead), _object.Size - position);
        lock (_lock)
        {
            var next = NextStart(position);
            if (next is { } n)
            {
                length = Math.Min(length, n - position);
            }
        }

        var buffer = new byte[length];
        try
        {
            FetchAsync(position, buffer, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (Common.FederationException e)
        {
            Failure ??= e;
            throw;
        }

        lock (_lock)
        {
            Add(position, buffer);
        }
    }

    private async Task FetchAsync(long offset, byte[] buffer, CancellationToken cancellationToken)
    {
        await _store.ReadAsync(_object.Key, offset, buffer, _object.ETag, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _requests);
        Interlocked.Add(ref _bytesFetched, buffer.Length);
    }

    private void Add(long offset, byte[] data)
    {
        // Trim what is already here, so ranges never overlap and Find stays a binary search.
        var end = offset + data.Length;
        var index = Find(offset);
        if (index >= 0)
        {
            var coveredTo = _ranges.Keys[index] + _ranges.Values[index].Length;
            if (coveredTo >= end)
            {
                return;
            }

            data = data.AsSpan((int)(coveredTo - offset)).ToArray();
            offset = coveredTo;
        }

        if (NextStart(offset) is { } next && next < end)
        {
            data = data.AsSpan(0, (int)(next - offset)).ToArray();
        }

        if (data.Length > 0)
        {
            _ranges[offset] = data;
        }
    }

    private bool Covered(long start, long end)
    {
        var position = start;
        while (position < end)
        {
            var index = Find(position);
            if (index < 0)
            {
                return false;
            }

            position = _ranges.Keys[index] + _ranges.Values[index].Length;
        }

        return true;
    }

    /// <summary>The index of the range holding <paramref name="position"/>, or -1.</summary>
    private int Find(long position)
    {
        var keys = _ranges.Keys;
        int lo = 0, hi = keys.Count - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (keys[mid] <= position)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found >= 0 && position < keys[found] + _ranges.Values[found].Length ? found : -1;
    }

    /// <summary>The first range that starts after <paramref name="position"/>.</summary>
    private long? NextStart(long position)
    {
        var keys = _ranges.Keys;
        int lo = 0, hi = keys.Count - 1;
        long? next = null;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (keys[mid] > position)
            {
                next = keys[mid];
                hi = mid - 1;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return next;
    }
}
