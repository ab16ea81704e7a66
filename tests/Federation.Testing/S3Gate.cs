namespace Federation.Testing;

/// <summary>
/// A gate closed on some requests of a <see cref="GatedS3Proxy"/>: those whose path (/bucket/key) it holds wait
/// until the test opens it, or disposes it (which opens it too).
/// </summary>
public sealed class S3Gate : IDisposable
{
    private readonly Func<string, bool> _holds;
    private readonly TaskCompletionSource _firstHeld = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _held;

    internal S3Gate(Func<string, bool> holds)
    {
        _holds = holds;
    }

    /// <summary>Completes when the first request this gate holds has arrived: its reader now waits on the test.</summary>
    public Task FirstHeld => _firstHeld.Task;

    /// <summary>Requests this gate held so far.</summary>
    public int Held => Volatile.Read(ref _held);

    public bool IsOpen => _open.Task.IsCompleted;

    /// <summary>Lets the held requests, and all later ones, through.</summary>
    public void Open() => _open.TrySetResult();

    /// <summary>The wait for a request to <paramref name="path"/>: done at once unless this gate holds it and is still closed.</summary>
    internal Task PassAsync(string path, CancellationToken cancellationToken)
    {
        if (IsOpen || !_holds(path))
        {
            return Task.CompletedTask;
        }

        Interlocked.Increment(ref _held);
        _firstHeld.TrySetResult();
        return _open.Task.WaitAsync(cancellationToken);
    }

    public void Dispose() => Open();
}
