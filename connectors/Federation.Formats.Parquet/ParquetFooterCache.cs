using Federation.Storage;

namespace Federation.Formats.Parquet;

/// <summary>
/// Parsed Parquet footers kept across queries, so a query over files an earlier query read makes no footer request.
/// An entry is used only while the object's listing shows the size and ETag it was read with: a rewritten object
/// gets a new ETag (S3 computes it from the content), so its footer is read again and the stale one dropped. Objects
/// without an ETag are never kept. Bounded by the approximate bytes of metadata held, least recently used out first.
/// Thread-safe: a query reads footers in parallel, and queries run concurrently.
/// </summary>
public sealed class ParquetFooterCache
{
    private readonly object _lock = new();
    private readonly Dictionary<(string Store, string Key), LinkedListNode<Entry>> _entries = [];

    /// <summary>Most recently used first.</summary>
    private readonly LinkedList<Entry> _order = new();

    private long _bytes;

    public ParquetFooterCache(long capacityBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacityBytes);
        CapacityBytes = capacityBytes;
    }

    public long CapacityBytes { get; }

    /// <summary>Approximate bytes of metadata held now.</summary>
    public long Bytes
    {
        get
        {
            lock (_lock)
            {
                return _bytes;
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>The footer read earlier from this object as it is now (same size and ETag), or null.</summary>
    public ParquetFileInfo? Find(IObjectStore store, ObjectMeta meta)
    {
        if (string.IsNullOrEmpty(meta.ETag))
        {
            return null;
        }

        lock (_lock)
        {
            if (!_entries.TryGetValue((store.Url, meta.Key), out var node))
            {
                return null;
            }

            if (node.Value.Size != meta.Size || !string.Equals(node.Value.ETag, meta.ETag, StringComparison.Ordinal))
            {
                // The object was rewritten: this footer will never be good again.
                Remove(node);
                return null;
            }

            _order.Remove(node);
            _order.AddFirst(node);
            return node.Value.Info;
        }
    }

    /// <summary>
    /// Keeps the footer of an object as its listing described it, evicting the least recently used footers beyond the
    /// capacity. The bytes fetched for the footer (<see cref="ParquetFileInfo.Opening"/>) are not kept, only the footer's own.
    /// </summary>
    public void Add(IObjectStore store, ObjectMeta meta, ParquetFileInfo info)
    {
        if (string.IsNullOrEmpty(meta.ETag) || info.Footer is null)
        {
            return;
        }

        var kept = info with { Opening = null, OpeningCached = false, Object = null };
        var entry = new Entry((store.Url, meta.Key), meta.Size, meta.ETag, kept, kept.ApproximateBytes + meta.Key.Length * 2L);
        if (entry.Bytes > CapacityBytes)
        {
            return;
        }

        lock (_lock)
        {
            if (_entries.TryGetValue(entry.Id, out var existing))
            {
                Remove(existing);
            }

            _entries[entry.Id] = _order.AddFirst(entry);
            _bytes += entry.Bytes;
            while (_bytes > CapacityBytes && _order.Last is { } oldest)
            {
                Remove(oldest);
            }
        }
    }

    private void Remove(LinkedListNode<Entry> node)
    {
        _entries.Remove(node.Value.Id);
        _order.Remove(node);
        _bytes -= node.Value.Bytes;
    }

    private sealed record Entry((string Store, string Key) Id, long Size, string ETag, ParquetFileInfo Info, long Bytes);
}
