namespace Federation.Coordinator.Workers;

/// <summary>Pool:WithoutWorkers: whether the coordinator scans external tables itself while no worker is alive.</summary>
public enum ScansWithoutWorkers
{
    /// <summary>The coordinator reads the objects (fragments_run_here in EXPLAIN ANALYZE).</summary>
    RunHere,

    /// <summary>The query fails with WorkersUnavailable, naming the table.</summary>
    Fail,
}
