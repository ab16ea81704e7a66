using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace Federation.Storage;

/// <summary>Objects held in memory: for tests that want exact control of what a store holds, with no disk or network.</summary>
public sealed class InMemoryObjectStore(string url = "memory://") : IObjectStore
{
    private readonly ConcurrentDictionary<string, (byte[] Data, ObjectMeta Meta)> _objects = new(StringComparer.Ordinal);

    public string Url { get; } = url;

    public async IAsyncEnumerable<ObjectMeta> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var metas = new List<ObjectMeta>();
        foreach (var (key, value) in _objects)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                metas.Add(value.Meta);
            }
        }

        metas.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        foreach (var meta in metas)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return meta;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public Task<ObjectListing> ListLevelAsync(string prefix, CancellationToken cancellationToken)
    {
        var objects = new List<ObjectMeta>();
        var prefixes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in _objects)
        {
            if (!key.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var slash = key.IndexOf('/', prefix.Length);
            if (slash < 0)
            {
                objects.Add(value.Meta);
            }
            else
            {
                prefixes.Add(key[..(slash + 1)]);
            }
        }

        objects.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return Task.FromResult(new ObjectListing(objects, [.. prefixes]));
    }

    public ValueTask<ObjectMeta> HeadAsync(string key, CancellationToken cancellationToken) =>
        _objects.TryGetValue(key, out var value) ? ValueTask.FromResult(value.Meta) : throw ObjectStoreErrors.NotFound(this, key);

    public ValueTask ReadAsync(string key, long offset, Memory<byte> destination, string? expectedETag, CancellationToken cancellationToken)
    {
        var data = Get(key);
        if (expectedETag is not null && _objects.TryGetValue(key, out var current) && !ObjectStoreErrors.SameETag(expectedETag, current.Meta.ETag))
        {
            throw ObjectStoreErrors.Changed(this, key, expectedETag, current.Meta.ETag);
        }

        if (offset < 0 || offset + destination.Length > data.Length)
        {
            throw ObjectStoreErrors.OutOfRange(this, key, offset, destination.Length, data.Length);
        }

        data.AsSpan((int)offset, destination.Length).CopyTo(destination.Span);
        return ValueTask.CompletedTask;
    }

    public ValueTask<(int Read, long ObjectSize)> ReadTailAsync(string key, Memory<byte> destination, CancellationToken cancellationToken)
    {
        var data = Get(key);
        var length = Math.Min(data.Length, destination.Length);
        data.AsSpan(data.Length - length).CopyTo(destination.Span[^length..]);
        return ValueTask.FromResult((length, (long)data.Length));
    }

    public ValueTask WriteAsync(string key, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var bytes = data.ToArray();
        var etag = Convert.ToHexStringLower(MD5.HashData(bytes));
        _objects[key] = (bytes, new ObjectMeta(key, bytes.Length, DateTimeOffset.UtcNow, etag));
        return ValueTask.CompletedTask;
    }

    public ValueTask DeleteAsync(string key, CancellationToken cancellationToken)
    {
        _objects.TryRemove(key, out _);
        return ValueTask.CompletedTask;
    }

    private byte[] Get(string key) => _objects.TryGetValue(key, out var value) ? value.Data : throw ObjectStoreErrors.NotFound(this, key);
}
