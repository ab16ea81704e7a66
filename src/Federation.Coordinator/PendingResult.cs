using Federation.Engine;

namespace Federation.Coordinator;

/// <summary>
/// A planned statement whose rows are waiting for DoGet or being streamed by it, with the token source that cancels
/// it. It stays in <see cref="PendingResults"/> until DoGet finishes, so a cancel request can still reach it.
/// </summary>
public sealed class PendingResult : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Action<PendingResult>? _released;
    private bool _reading;
    private bool _disposed;

    public PendingResult(StatementResult result, CancellationTokenSource lifetime, long createdAt, Action<PendingResult>? released = null)
    {
        Result = result;
        Lifetime = lifetime;
        CreatedAt = createdAt;
        _released = released;
    }

    public StatementResult Result { get; }

    public CancellationTokenSource Lifetime { get; }

    public long CreatedAt { get; }

    /// <summary>Claims the rows for one DoGet; false when another DoGet already has them (a ticket is read once).</summary>
    public bool TryBeginReading()
    {
        lock (_gate)
        {
            if (_reading || _disposed)
            {
                return false;
            }

            _reading = true;
            return true;
        }
    }

    /// <summary>Stops the query; a DoGet streaming it ends with Cancelled. Safe to call at any time, also after disposal.</summary>
    public void Cancel()
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                Lifetime.Cancel();
            }
        }
    }

    /// <summary>Drops the result unless a DoGet is reading it; the check and the drop are one step, so a read that just began is not cut off.</summary>
    public bool TryExpire() => Release(onlyIfIdle: true);

    public void Dispose() => Release(onlyIfIdle: false);

    private bool Release(bool onlyIfIdle)
    {
        lock (_gate)
        {
            if (_disposed || (onlyIfIdle && _reading))
            {
                return false;
            }

            _disposed = true;
            Lifetime.Cancel();
            Lifetime.Dispose();
        }

        _released?.Invoke(this);
        return true;
    }
}
