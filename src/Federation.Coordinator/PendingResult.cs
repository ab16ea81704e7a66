using Federation.Engine;

namespace Federation.Coordinator;

/// <summary>A planned statement whose rows have not been read yet, with the token source that cancels it.</summary>
public sealed class PendingResult(StatementResult result, CancellationTokenSource lifetime, long createdAt) : IDisposable
{
    public StatementResult Result { get; } = result;

    public CancellationTokenSource Lifetime { get; } = lifetime;

    public long CreatedAt { get; } = createdAt;

    public void Dispose()
    {
        Lifetime.Cancel();
        Lifetime.Dispose();
    }
}
