using System.Collections.Concurrent;
using Federation.Common;
using Federation.Physical.Files;

namespace Federation.Formats.Orc;

/// <summary>
/// File tails by object (key and ETag), fetched once and shared by the splitting of a table's objects and the scans
/// that follow (a split's scan then reads no tail again). Bounded by count: past its limit it starts over.
/// </summary>
internal sealed class OrcTailCache(int capacity = 4096)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<OrcFileTail>>> _tails = new(StringComparer.Ordinal);

    public Task<OrcFileTail> GetAsync(PartitionedFile file, CancellationToken cancellationToken)
    {
        var key = $"{file.Store.Url}/{file.Meta.Key}@{file.Meta.ETag}#{file.Meta.Size}";
        if (_tails.Count >= capacity)
        {
            _tails.Clear();
        }

        var entry = _tails.GetOrAdd(key, _ => new Lazy<Task<OrcFileTail>>(() => ReadAsync(file, cancellationToken)));
        var task = entry.Value;
        if (task.IsFaulted || task.IsCanceled)
        {
            _tails.TryRemove(new KeyValuePair<string, Lazy<Task<OrcFileTail>>>(key, entry));
        }

        return task;
    }

    /// <summary>The tail of <paramref name="file"/>: its last 16 KiB, then the rest of the tail when it is longer.</summary>
    public static async Task<OrcFileTail> ReadAsync(PartitionedFile file, CancellationToken cancellationToken)
    {
        var path = $"{file.Store.Url}/{file.Meta.Key}";
        var size = file.Meta.Size;
        var probe = new byte[(int)Math.Min(size, OrcFileTail.ProbeBytes)];
        if (probe.Length > 0)
        {
            await file.Store.ReadAsync(file.Meta.Key, size - probe.Length, probe, file.Meta.ETag, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var tail = OrcFileTail.Parse(probe, size, out var needed);
            if (tail is not null)
            {
                return tail;
            }

            var whole = new byte[needed];
            await file.Store.ReadAsync(file.Meta.Key, size - needed, whole, file.Meta.ETag, cancellationToken).ConfigureAwait(false);
            return OrcFileTail.Parse(whole, size, out _) ?? throw new OrcFormatException("the file tail is longer than it says");
        }
        catch (OrcFormatException e)
        {
            throw new FederationException(e.Code, $"cannot read ORC file {path}: {e.Message}");
        }
    }
}
