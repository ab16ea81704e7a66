namespace Federation.Engine.Workers;

/// <summary>One worker of the pool as the coordinator sees it: a row of SVV_WORKERS.</summary>
/// <param name="State">live, suspect (a fragment just failed to reach it; no new fragments until its next heartbeat) or leaving.</param>
/// <param name="RunningFragments">Fragments this coordinator has running on it now.</param>
/// <param name="Slots">How many fragments this coordinator runs on it at once.</param>
/// <param name="ReportedRunning">Fragments it said were running at its last heartbeat (from every coordinator).</param>
/// <param name="DispatchedFragments">Fragment attempts this coordinator sent it.</param>
/// <param name="FailedAttempts">Of those, how many failed for reasons of the worker (unreachable, died, timed out).</param>
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
    DateTime JoinedAt,
    DateTime LastHeartbeat);
