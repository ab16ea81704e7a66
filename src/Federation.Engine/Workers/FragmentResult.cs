using Apache.Arrow;
using Federation.Exchange;

namespace Federation.Engine.Workers;

/// <summary>
/// A fragment that ran to its end on a worker: all its batches, what the worker says it read (<see cref="Metrics"/>),
/// the Arrow bytes it sent back, and how many attempts it took (1 when nothing failed).
/// </summary>
public sealed record FragmentResult(
    ScanFragment Fragment,
    string Worker,
    IReadOnlyList<RecordBatch> Batches,
    FragmentMetrics Metrics,
    long BytesReturned,
    int Attempts);
