using Federation.Common;

namespace Federation.Execution;

/// <summary>
/// What one query's scans handled instead of failing (<see cref="ScanErrorRecord"/>s), and its tolerance for bad rows:
/// with spectrum_query_maxerror = N, up to N rows whose values cannot be read are skipped; the next one fails the query.
/// Scans on every partition record here concurrently; workers send theirs back with a fragment's metrics.
/// </summary>
public sealed class ScanErrors
{
    /// <summary>Records kept per query; the counts go on past it (Redshift's view keeps a sample of 10).</summary>
    public const int KeptRecords = 100;

    private readonly List<ScanErrorRecord> _records = [];
    private readonly object _lock = new();
    private long _skipped;
    private long _handled;

    /// <param name="maxErrors">Bad rows a query may skip (spectrum_query_maxerror); 0 for none, -1 for any number.</param>
    public ScanErrors(int maxErrors)
    {
        MaxErrors = maxErrors;
    }

    public int MaxErrors { get; }

    /// <summary>Whether any bad row may be skipped at all; without, the first fails the query.</summary>
    public bool Tolerates => MaxErrors != 0;

    /// <summary>Rows skipped under the tolerance so far.</summary>
    public long SkippedRows => Interlocked.Read(ref _skipped);

    /// <summary>Every value or row handled, skipped ones included.</summary>
    public long Handled => Interlocked.Read(ref _handled);

    /// <summary>Records a value or row a table property changed or dropped.</summary>
    public void Record(ScanErrorRecord record)
    {
        Interlocked.Increment(ref _handled);
        lock (_lock)
        {
            if (_records.Count < KeptRecords)
            {
                _records.Add(record);
            }
        }
    }

    /// <summary>
    /// Skips a bad row under the tolerance and records it, or, past the tolerance, throws <paramref name="error"/> with
    /// a word on how many rows were skipped before it.
    /// </summary>
    public void SkipOrThrow(ScanErrorRecord record, FederationException error)
    {
        if (MaxErrors == 0)
        {
            throw error;
        }

        var skipped = Interlocked.Increment(ref _skipped);
        if (MaxErrors > 0 && skipped > MaxErrors)
        {
            throw new FederationException(error.Code,
                $"{error.Message} (spectrum_query_maxerror is {MaxErrors}, and {MaxErrors} bad rows were skipped before this one)");
        }

        Record(record with { Trigger = "spectrum_query_maxerror", Action = "SKIP_ROW", ActionValue = MaxErrors.ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }

    /// <summary>
    /// Adds what a worker handled for a fragment of this query, and fails the query when the rows it skipped pass
    /// the tolerance counted over every fragment.
    /// </summary>
    public void AddFromWorker(IReadOnlyList<ScanErrorRecord> records, long skipped, long handled, string table)
    {
        lock (_lock)
        {
            for (var i = 0; i < records.Count && _records.Count < KeptRecords; i++)
            {
                _records.Add(records[i]);
            }
        }

        Interlocked.Add(ref _handled, handled);
        var total = Interlocked.Add(ref _skipped, skipped);
        if (MaxErrors >= 0 && total > MaxErrors)
        {
            throw new FederationException(ErrorCode.InvalidArgument,
                $"the scan of {table} skipped {total} bad rows on the workers, more than spectrum_query_maxerror ({MaxErrors}); see SVL_SPECTRUM_SCAN_ERROR");
        }
    }

    public IReadOnlyList<ScanErrorRecord> Snapshot()
    {
        lock (_lock)
        {
            return _records.ToArray();
        }
    }
}
