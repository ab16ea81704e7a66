namespace Federation.Coordinator.Workers;

/// <summary>How the coordinator keeps its pool of workers and sends them fragments (settings section "Pool").</summary>
public sealed class WorkerPoolOptions
{
    /// <summary>A worker not heard from for this long is dropped (its heartbeat comes every second by default).</summary>
    public int HeartbeatTimeoutMilliseconds { get; set; } = 5_000;

    /// <summary>Bytes of objects one fragment reads: small objects are packed together up to it (64 MiB, as Spectrum splits).</summary>
    public long FragmentTargetBytes { get; set; } = 64L << 20;

    /// <summary>Fragments this coordinator runs on one worker at once; more wait for a free slot on some worker.</summary>
    public int FragmentsPerWorker { get; set; } = 2;

    /// <summary>
    /// Fragments of one scan started and not yet taken by the query: with the per-worker slots, what bounds the
    /// memory a scan holds (a fragment's batches are kept until it completes, so a failed attempt never leaks rows).
    /// </summary>
    public int FragmentsPerScan { get; set; } = 16;

    /// <summary>How long one attempt of a fragment may run before it counts as failed and runs elsewhere.</summary>
    public int FragmentTimeoutSeconds { get; set; } = 300;

    /// <summary>How many times a fragment runs again after its worker failed it (died, timed out, unreachable).</summary>
    public int FragmentRetries { get; set; } = 3;

    /// <summary>
    /// What a scan does when no worker is alive (none joined yet, or the last one died mid-query): the coordinator
    /// reads the objects itself (RunHere, the default: slower, but the query answers), or the query fails with
    /// WorkersUnavailable (Fail: a deployment that must not read its lake from the coordinator).
    /// </summary>
    public ScansWithoutWorkers WithoutWorkers { get; set; } = ScansWithoutWorkers.RunHere;

    public TimeSpan HeartbeatTimeout => TimeSpan.FromMilliseconds(HeartbeatTimeoutMilliseconds);

    public TimeSpan FragmentTimeout => TimeSpan.FromSeconds(FragmentTimeoutSeconds);

    public void Validate()
    {
        if (HeartbeatTimeoutMilliseconds < 100)
        {
            throw new InvalidOperationException($"Pool:HeartbeatTimeoutMilliseconds: {HeartbeatTimeoutMilliseconds} must be at least 100");
        }

        if (FragmentTargetBytes < 1)
        {
            throw new InvalidOperationException($"Pool:FragmentTargetBytes: {FragmentTargetBytes} must be positive");
        }

        if (FragmentsPerWorker < 1 || FragmentsPerScan < 1)
        {
            throw new InvalidOperationException("Pool:FragmentsPerWorker and Pool:FragmentsPerScan must be at least 1");
        }

        if (FragmentTimeoutSeconds < 1 || FragmentRetries < 0)
        {
            throw new InvalidOperationException("Pool:FragmentTimeoutSeconds must be at least 1 and Pool:FragmentRetries at least 0");
        }
    }
}
