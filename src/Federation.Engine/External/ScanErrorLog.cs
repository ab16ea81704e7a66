using Federation.Execution;

namespace Federation.Engine.External;

/// <summary>
/// The values and rows recent queries' scans handled instead of failing, for SVL_SPECTRUM_SCAN_ERROR: each query's
/// records (at most <see cref="ScanErrors.KeptRecords"/>), the most recent <see cref="Capacity"/> in all.
/// </summary>
internal sealed class ScanErrorLog
{
    public const int Capacity = 10_000;

    private readonly Queue<(long Query, ScanErrorRecord Record)> _records = new();
    private readonly object _lock = new();

    public void Record(long query, IReadOnlyList<ScanErrorRecord> records)
    {
        if (records.Count == 0)
        {
            return;
        }

        lock (_lock)
        {
            foreach (var record in records)
            {
                _records.Enqueue((query, record));
                if (_records.Count > Capacity)
                {
                    _records.Dequeue();
                }
            }
        }
    }

    public IReadOnlyList<(long Query, ScanErrorRecord Record)> Snapshot()
    {
        lock (_lock)
        {
            return _records.ToArray();
        }
    }
}
