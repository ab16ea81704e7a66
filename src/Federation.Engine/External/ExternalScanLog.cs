using Federation.Execution;
using Federation.Physical;

namespace Federation.Engine.External;

/// <summary>
/// The engine's record of what recent queries read from external tables, for SVL_S3QUERY_SUMMARY and SVL_S3PARTITION.
/// Every query gets a number; a query with external scans leaves one record per scan when it finishes. The log keeps
/// the most recent <see cref="Capacity"/> records, as Redshift's SVL views keep a few days.
/// </summary>
internal sealed class ExternalScanLog
{
    public const int Capacity = 10_000;

    private readonly Queue<ExternalScanRecord> _records = new();
    private readonly object _lock = new();
    private long _lastQuery;

    public long NextQuery() => Interlocked.Increment(ref _lastQuery);

    /// <summary>Records the external scans of a finished query from their metrics.</summary>
    public void Record(long query, IReadOnlyList<ExternalScanExec> scans, TaskContext context, DateTime start)
    {
        var end = DateTime.UtcNow;
        foreach (var scan in scans)
        {
            var metrics = context.FindMetrics(scan);
            long Counter(string name) => metrics is not null && metrics.Counters.TryGetValue(name, out var value) ? value : 0;
            var rows = metrics?.OutputRows ?? 0;
            // Bytes fetched from the store; a local file is read natively, and then its column chunks are what it read.
            var bytes = Counter("bytes_read") is > 0 and var fetched ? fetched : Counter("bytes_scanned");
            var record = new ExternalScanRecord(query, scan.TableName, scan.Partitioned, rows, bytes, rows,
                Counter("files_opened"), Counter("requests"), Counter("partitions_total"), Counter("partitions_qualified"), start, end);
            lock (_lock)
            {
                _records.Enqueue(record);
                if (_records.Count > Capacity)
                {
                    _records.Dequeue();
                }
            }
        }
    }

    public IReadOnlyList<ExternalScanRecord> Snapshot()
    {
        lock (_lock)
        {
            return _records.ToArray();
        }
    }

    /// <summary>The external scans of a plan; only queries that have some pay for recording.</summary>
    public static List<ExternalScanExec> ScansOf(PhysicalOperator plan)
    {
        var scans = new List<ExternalScanExec>();
        Collect(plan, scans);
        return scans;
    }

    private static void Collect(PhysicalOperator plan, List<ExternalScanExec> scans)
    {
        if (plan is ExternalScanExec scan)
        {
            scans.Add(scan);
        }

        foreach (var child in plan.Children)
        {
            Collect(child, scans);
        }
    }
}
