namespace Federation.Worker;

/// <summary>How busy this worker is: fragments running now, and run to the end or failed since it started. Heartbeats report it.</summary>
public sealed class WorkerLoad
{
    private int _running;
    private long _completed;
    private long _failed;

    public int Running => Volatile.Read(ref _running);

    public long Completed => Interlocked.Read(ref _completed);

    public long Failed => Interlocked.Read(ref _failed);

    public void Started() => Interlocked.Increment(ref _running);

    public void Finished(bool succeeded)
    {
        Interlocked.Decrement(ref _running);
        Interlocked.Increment(ref succeeded ? ref _completed : ref _failed);
    }
}
