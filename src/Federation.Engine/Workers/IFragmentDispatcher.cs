using Federation.Exchange;
using Federation.Execution;

namespace Federation.Engine.Workers;

/// <summary>
/// Runs scan fragments on a pool of workers: the engine's one view of the pool, so the engine plans and cuts scans
/// without knowing how workers are found, reached or retried (the coordinator implements it). External scans use it
/// when <see cref="HasLiveWorkers"/> holds when they start; without one the engine is exactly as it was.
/// </summary>
public interface IFragmentDispatcher
{
    /// <summary>How many bytes of objects one fragment should read; small objects are packed together up to it.</summary>
    long TargetFragmentBytes { get; }

    /// <summary>Whether a worker is alive now: a scan starting now sends its fragments out.</summary>
    bool HasLiveWorkers { get; }

    /// <summary>
    /// Whether this process may scan external tables itself while no worker is alive; when not, such a scan fails with
    /// WorkersUnavailable instead.
    /// </summary>
    bool RunsScansWithoutWorkers { get; }

    /// <summary>The pool as it is now, for the SVV_WORKERS view.</summary>
    IReadOnlyList<WorkerStatus> Workers();

    /// <summary>
    /// Runs every fragment on some live worker and yields each one once it has completed, in the order they complete.
    /// A fragment's batches are yielded only after all of them arrived, so the output of an attempt that failed
    /// part-way never reaches the caller; a transient failure (the worker died, timed out, or was unreachable) runs
    /// the fragment again on another live worker; the batches held count against <paramref name="memory"/> (the query's
    /// limit: a query whose fragments return more than it allows fails with the limit's error, the process never runs
    /// out of memory holding them); an error of the fragment itself (a missing or corrupt object) ends
    /// the enumeration with that error, naming the object. A fragment that finds no worker alive (every one left or
    /// failed) is run by <paramref name="runHere"/>, in this process. Fragments are started only as the caller takes
    /// completed ones (back-pressure), so a caller that stops enumerating (a satisfied LIMIT) stops the dispatching;
    /// ending the enumeration or cancelling <paramref name="cancellationToken"/> cancels the fragments still running.
    /// </summary>
    IAsyncEnumerable<FragmentResult> RunAsync(IReadOnlyList<ScanFragment> fragments, Func<ScanFragment, CancellationToken, Task<FragmentResult>> runHere,
        MemoryPool memory, CancellationToken cancellationToken);
}
