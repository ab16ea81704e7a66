using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Federation.Storage;

namespace Federation.Testing;

/// <summary>
/// Remembers which keys were listed and which were read, and which bytes each read asked for, so a test can say
/// exactly what a query touched.
/// </summary>
public sealed class RecordingObjectStore(IObjectStore inner) : IObjectStore
{
    private readonly ConcurrentBag<(Func<(string Key, long Offset, int Length), bool> Which, TaskCompletionSource Done)> _waiters = [];

    public ConcurrentQueue<string> Listed { get; } = new();

    public ConcurrentQueue<string> Read { get; } = new();

    /// <summary>Each GET's key and range; a tail read's offset is counted from the end (negative).</summary>
    public ConcurrentQueue<(string Key, long Offset, int Length)> Ranges { get; } = new();

    public string Url => inner.Url;

    /// <summary>Completes once a GET whose key and range <paramref name="which"/> matches has been asked for (at once if one was).</summary>
    public Task RequestedAsync(Func<(string Key, long Offset, int Length), bool> which)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters.Add((which, done));
        if (Ranges.Any(which))
        {
            done.TrySetResult();
        }

        return done.Task;
    }

    private void Requested((string Key, long Offset, int Length) range)
    {
        Ranges.Enqueue(range);
        foreach (var (which, done) in _waiters)
        {
            if (!done.Task.IsCompleted && which(range))
            {
                done.TrySetResult();
            }
        }
    }

    public void Clear()
    {
        Listed.Clear();
        Read.Clear();
        Ranges.Clear();
    }

    public async IAsyncEnumerable<ObjectMeta> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Listed.Enqueue(prefix);
        await foreach (var meta in inner.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            yield return meta;
        }
    }

    public Task<ObjectListing> ListLevelAsync(string prefix, CancellationToken cancellationToken)
    {
        Listed.Enqueue(prefix);
        return inner.ListLevelAsync(prefix, cancellationToken);
    }

    public ValueTask<ObjectMeta> HeadAsync(string key, CancellationToken cancellationToken)
    {
        Read.Enqueue(key);
        return inner.HeadAsync(key, cancellationToken);
    }

    public ValueTask ReadAsync(string key, long offset, Memory<byte> destination, string? expectedETag, CancellationToken cancellationToken)
    {
        Read.Enqueue(key);
        Requested((key, offset, destination.Length));
        return inner.ReadAsync(key, offset, destination, expectedETag, cancellationToken);
    }

    public ValueTask<(int Read, long ObjectSize)> ReadTailAsync(string key, Memory<byte> destination, CancellationToken cancellationToken)
    {
        Read.Enqueue(key);
        Requested((key, -destination.Length, destination.Length));
        return inner.ReadTailAsync(key, destination, cancellationToken);
    }

    public ValueTask WriteAsync(string key, ReadOnlyMemory<byte> data, CancellationToken cancellationToken) => inner.WriteAsync(key, data, cancellationToken);

    public ValueTask DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);
}
