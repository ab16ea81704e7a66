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
        var skipped = NotRun(scans, context);
        foreach (var scan in scans)
        {
            if (skipped.Contains(scan))
            {
                continue;
            }

            var metrics = context.FindMetrics(scan);
            long Counter(string name) => metrics is not null && metrics.Counters.TryGetValue(name, out var value) ? value : 0;
            var returned = metrics?.OutputRows ?? 0;
            // Rows read from the objects: what the workers scanned, or what the scan here read (its output, and what
            // filters applied inside it dropped). Returned rows are those that reached the query: a partial aggregate
            // on the workers returns a few rows of many scanned, as Spectrum's does.
            var scanned = Counter("rows_scanned") is > 0 and var byWorkers ? byWorkers : returned + Counter("rows_filtered");
            // Bytes fetched from the store; a local file is read natively, and then its column chunks are what it read.
            var bytes = Counter("bytes_read") is > 0 and var fetched ? fetched : Counter("bytes_scanned");
            var record = new ExternalScanRecord(query, scan.TableName, scan.Partitioned, scanned, bytes, returned,
                Counter("files_opened"), Counter("requests"), Counter("partitions_total"), Counter("partitions_qualified"), Counter("partitions_projected"), start, end);
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

    /// <summary>
    /// The scans of a partial aggregate's pair that did not run: a scan computing one on the workers runs either
    /// itself or, with no worker alive, the plain scan under it; the other one never starts and reads nothing.
    /// </summary>
    private static HashSet<ExternalScanExec> NotRun(IReadOnlyList<ExternalScanExec> scans, TaskContext context)
    {
        var skipped = new HashSet<ExternalScanExec>(ReferenceEqualityComparer.Instance);
        foreach (var scan in scans)
        {
            if (!scan.ComputesPartialAggregate)
            {
                continue;
            }

            if (context.FindMetrics(scan) is { } metrics && metrics.Counters.ContainsKey("files"))
            {
                foreach (var child in scan.Children)
                {
                    skipped.UnionWith(ScansOf(child));
                }
            }
            else
            {
                skipped.Add(scan);
            }
        }

        return skipped;
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
