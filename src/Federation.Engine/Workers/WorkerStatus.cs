namespace Federation.Engine.Workers;

/// <summary>One worker of the pool as the coordinator sees it: a row of SVV_WORKERS.</summary>
/// <param name="State">live, suspect (a fragment just failed to reach it; no new fragments until its next heartbeat) or leaving.</param>
/// <param name="RunningFragments">Fragments this coordinator has running on it now.</param>
/// <param name="Slots">How many fragments this coordinator runs on it at once.</param>
/// <param name="ReportedRunning">Fragments it said were running at its last heartbeat (from every coordinator).</param>
/// <param name="DispatchedFragments">Fragment attempts this coordinator sent it.</param>
/// <param name="FailedAttempts">Of those, how many failed for reasons of the worker (unreachable, died, timed out).</param>
/// <param name="BytesRead">Bytes it read from object storage for this coordinator's completed fragments.</param>
/// <param name="RowsReturned">Rows of completed fragments it returned to this coordinator.</param>
/// <param name="BytesReturned">Arrow bytes of completed fragments it returned to this coordinator.</param>
public sealed record WorkerStatus(
    string WorkerId,
    string Location,
    string State,
    int RunningFragments,
    int Slots,
    int ReportedRunning,
    long ReportedCompleted,
    long DispatchedFragments,
    long FailedAttempts,
    long BytesRead,
    long RowsReturned,
    long BytesReturned,
    DateTime JoinedAt,
    DateTime LastHeartbeat);
