using Federation.Common.Types;
using Federation.Engine.External;
using Federation.Logical.Tables;

namespace Federation.Engine.Workers;

/// <summary>
/// SVV_WORKERS: the coordinator's pool of workers as it is when the view is scanned, one row per worker with its state
/// and load. Empty when the engine has no pool (fed run, or fed serve with no workers joined).
/// </summary>
internal static class WorkerSystemView
{
    public const string Name = "svv_workers";

    private static readonly TableColumn[] Columns =
    [
        new("worker_id", SqlType.String), new("location", SqlType.String), new("state", SqlType.String), new("running_fragments", SqlType.Int64),
        new("slots", SqlType.Int64), new("reported_running", SqlType.Int64), new("reported_completed", SqlType.Int64),
        new("dispatched_fragments", SqlType.Int64), new("failed_attempts", SqlType.Int64), new("bytes_read", SqlType.Int64), new("rows_returned", SqlType.Int64),
        new("bytes_returned", SqlType.Int64), new("joined_at", SqlType.Timestamp),
        new("last_heartbeat", SqlType.Timestamp),
    ];

    public static SystemTable? Find(string name, FederationEngine engine) =>
        string.Equals(name, Name, StringComparison.OrdinalIgnoreCase) ? new SystemTable(Name, Columns, _ => Task.FromResult(Rows(engine))) : null;

    private static IReadOnlyList<object?[]> Rows(FederationEngine engine)
    {
        var workers = engine.Dispatcher?.Workers() ?? [];
        var rows = new object?[workers.Count][];
        for (var i = 0; i < rows.Length; i++)
        {
            var w = workers[i];
            rows[i] =
            [
                w.WorkerId, w.Location, w.State, (long)w.RunningFragments, (long)w.Slots, (long)w.ReportedRunning, w.ReportedCompleted, w.DispatchedFragments,
                w.FailedAttempts, w.BytesRead, w.RowsReturned, w.BytesReturned, w.JoinedAt, w.LastHeartbeat,
            ];
        }

        return rows;
    }
}
