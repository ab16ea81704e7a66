using Apache.Arrow;
using Federation.Exchange;

namespace Federation.Engine.Workers;

/// <summary>
/// A fragment that ran to its end on a worker: all its batches, what the worker says it read (<see cref="Metrics"/>),
/// the Arrow bytes it sent back, and how many attempts it took (1 when nothing failed). A fragment no worker could
/// take ran in the coordinator: its <see cref="Worker"/> is <see cref="Here"/>.
/// </summary>
public sealed record FragmentResult(
    ScanFragment Fragment,
    string Worker,
    IReadOnlyList<RecordBatch> Batches,
    FragmentMetrics Metrics,
    long BytesReturned,
    int Attempts)
{
    /// <summary>The <see cref="Worker"/> of a fragment the coordinator ran itself.</summary>
    public const string Here = "(coordinator)";

    /// <summary>
    /// The query's memory the batches hold while they wait to be taken; the dispatcher returns it once the caller has
    /// taken the result (its operators account for what they keep).
    /// </summary>
    public IDisposable? Held { get; init; }
}
