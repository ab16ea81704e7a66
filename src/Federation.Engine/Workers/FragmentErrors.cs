using Federation.Common;

namespace Federation.Engine.Workers;

/// <summary>Errors of scans sent to a pool, the same whether the scan or a fragment of it found the pool empty.</summary>
public static class FragmentErrors
{
    /// <summary>A scan that found no live worker where the coordinator may not scan external tables itself.</summary>
    public static FederationException NoLiveWorker(string table) =>
        new(ErrorCode.WorkersUnavailable,
            $"no worker is alive to scan {table}, and this coordinator does not scan external tables itself (Pool:WithoutWorkers is Fail): "
            + "start a worker (fed worker --coordinator ...) and run the statement again, or set Pool:WithoutWorkers to RunHere");
}
