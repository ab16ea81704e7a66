namespace Federation.Coordinator.Workers;

/// <summary>One slot on one worker, held while one attempt of a fragment runs there; disposing it frees the slot.</summary>
internal sealed class WorkerLease(WorkerPool pool, PooledWorker worker) : IDisposable
{
    private int _released;

    public PooledWorker Worker { get; } = worker;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            pool.Release(Worker);
        }
    }
}
