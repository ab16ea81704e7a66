using System.Runtime.CompilerServices;

namespace Federation.Storage;

/// <summary>
/// Counts what goes through to the store underneath, one request per call: a listing counts once however many
/// pages the store fetched for it. Metrics live in this decorator, never in the readers.
/// </summary>
public sealed class CountingObjectStore(IObjectStore inner, StorageCounters counters) : IObjectStore
{
    public string Url => inner.Url;

    public StorageCounters Counters { get; } = counters;

    public async IAsyncEnumerable<ObjectMeta> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Counters.CountList();
        await foreach (var meta in inner.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            yield return meta;
        }
    }

    public Task<ObjectListing> ListLevelAsync(string prefix, CancellationToken cancellationToken)
    {
        Counters.CountList();
        return inner.ListLevelAsync(prefix, cancellationToken);
    }

    public ValueTask<ObjectMeta> HeadAsync(string key, CancellationToken cancellationToken)
    {
        Counters.CountHead();
        return inner.HeadAsync(key, cancellationToken);
    }

    public async ValueTask ReadAsync(string key, long offset, Memory<byte> destination, string? expectedETag, CancellationToken cancellationToken)
    {
        await inner.ReadAsync(key, offset, destination, expectedETag, cancellationToken).ConfigureAwait(false);
        Counters.CountGet(destination.Length);
    }

    public async ValueTask<(int Read, long ObjectSize)> ReadTailAsync(string key, Memory<byte> destination, CancellationToken cancellationToken)
    {
        var result = await inner.ReadTailAsync(key, destination, cancellationToken).ConfigureAwait(false);
        Counters.CountGet(result.Read);
        return result;
    }

    public async ValueTask WriteAsync(string key, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        await inner.WriteAsync(key, data, cancellationToken).ConfigureAwait(false);
        Counters.CountPut(data.Length);
    }

    public ValueTask DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);
}
