using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Apache.Arrow;
using Federation.Catalog.Metastore;
using Federation.Common;
using Federation.Common.Types;
using Federation.Execution;
using Federation.Physical;
using Federation.Physical.Expressions;
using Federation.Physical.Files;
using Federation.Physical.Hashing;
using Federation.Physical.Pruning;
using Federation.Physical.Tables;
using Federation.Storage;

namespace Federation.Engine.External;

/// <summary>
/// The scan of an external table. Planning knows only the declared columns; everything that touches the metastore or
/// the store happens when the scan runs, once per execution however many partitions ask (the state lives in the
/// <see cref="TaskContext"/>, so the operator stays immutable):
/// <list type="number">
/// <item>the table's partitions are read from the metastore and the pushed filters over partition columns are
/// evaluated against them (<see cref="PartitionPruner"/>), before any listing;</item>
/// <item>each surviving partition's prefix (an unpartitioned table: its location) is listed once per query (shared by
/// every scan of the query), skipping hidden and marker objects (a path part starting with _ or .) and empty objects;</item>
/// <item>the table's format reads the footers and returns the scan of those files, whose partitions this operator's
/// partitions run; the partition values and the pseudocolumns "$path" and "$size" reach it as each file's constants.</item>
/// </list>
/// Doing this at run time rather than in an async step before physical planning keeps PREPARE, EXPLAIN and the
/// binder free of I/O, and means a statement always sees the partitions and files as they are when it runs.
/// </summary>
internal sealed class ExternalScanExec : PhysicalOperator, IJoinKeyFilterTarget
{
    /// <summary>Prefixes listed at once.</summary>
    private const int ListingParallelism = 16;

    /// <summary>
    /// Owner of the query's listings in the <see cref="TaskContext"/>: every scan of the query shares them, so a prefix
    /// is listed once per query even when the table is scanned twice (a self-join); never across queries.
    /// </summary>
    private static readonly object ListingsKey = new();

    private readonly ExternalTable _table;
    private readonly ScanRequest _request;

    /// <summary>Hash joins above whose build-side keys the file scan filters by (dynamic filters).</summary>
    private readonly IReadOnlyList<(JoinKeyFilter Filter, IReadOnlyList<int> Columns)> _joinKeyFilters;

    public ExternalScanExec(ExternalTable table, ScanRequest request, IReadOnlyList<(JoinKeyFilter Filter, IReadOnlyList<int> Columns)>? joinKeyFilters = null)
        : base(request.Columns.Select(c => new PhysicalField(c.Column.Name, c.Column.Type, c.Column.Nullable)).ToArray())
    {
        _table = table;
        _request = request;
        _joinKeyFilters = joinKeyFilters ?? [];
    }

    public PhysicalOperator WithJoinKeyFilter(JoinKeyFilter filter, IReadOnlyList<int> keyColumns) =>
        new ExternalScanExec(_table, _request, [.. _joinKeyFilters, (filter, keyColumns)]);

    public override string Name => "ExternalScanExec";

    /// <summary>schema.table, as the SVL views name it.</summary>
    public string TableName => _table.Name;

    public bool Partitioned => _table.Definition.PartitionKeys.Count > 0;

    public override string Details
    {
        get
        {
            var text = $"{_table.Name} format={_table.Format.Name} location={_table.Definition.Location} projection=[{string.Join(", ", Fields.Select(f => f.Name))}]";
            if (_request.Filters.Count > 0)
            {
                text += $" predicate=[{string.Join(", ", _request.Filters)}]";
            }

            if (_joinKeyFilters.Count > 0)
            {
                text += $" join_key_filters=[{string.Join("; ", _joinKeyFilters.Select(f => f.Filter.Description))}]";
            }

            return _request.Limit is null ? text : text + $" limit={_request.Limit}";
        }
    }

    public override int OutputPartitionCount => Math.Max(1, _request.TargetPartitions);

    public override IReadOnlyList<PhysicalOperator> Children => [];

    public override PhysicalOperator WithChildren(IReadOnlyList<PhysicalOperator> children) => this;

    protected override async IAsyncEnumerable<RecordBatch> ExecuteCore(int partition, TaskContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var state = context.GetOrCreateState(this, () => new ScanState(OutputPartitionCount, () => PlanFilesAsync(context, context.CancellationToken)));
        try
        {
            var scan = await state.Files.Value.ConfigureAwait(false);
            if (partition >= scan.OutputPartitionCount)
            {
                yield break;
            }

            await foreach (var batch in scan.ExecuteAsync(partition, context).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                yield return batch;
            }
        }
        finally
        {
            // The file scan is not in the plan tree: when the last partition is done, its counters (files opened,
            // row groups, requests, bytes read) become this operator's, so EXPLAIN ANALYZE shows what was read.
            if (Interlocked.Decrement(ref state.Running) == 0 && state.Files.IsValueCreated && state.Files.Value.IsCompletedSuccessfully
                && context.FindMetrics(state.Files.Value.Result) is { } inner)
            {
                var metrics = context.MetricsFor(this);
                foreach (var (name, value) in inner.Counters)
                {
                    metrics.Add(name, value);
                }
            }
        }
    }

    /// <summary>One execution's state: the file scan, planned once, and how many partitions have not finished.</summary>
    private sealed class ScanState(int partitions, Func<Task<PhysicalOperator>> plan)
    {
        public int Running = partitions;

        public Lazy<Task<PhysicalOperator>> Files { get; } = new(plan);
    }

    /// <summary>Prunes partitions, lists the survivors' prefixes and hands the files to the format.</summary>
    private async Task<PhysicalOperator> PlanFilesAsync(TaskContext context, CancellationToken cancellationToken)
    {
        var metrics = context.MetricsFor(this);
        var definition = _table.Definition;
        var prefixes = new List<(string Location, IReadOnlyList<ScalarValue> Values)>();
        if (!definition.IsPartitioned)
        {
            prefixes.Add((definition.Location, []));
        }
        else
        {
            var partitions = await _table.Metastore.ListPartitionsAsync(definition.Database, definition.Name, cancellationToken).ConfigureAwait(false);
            var partitionColumns = _table.Columns.Skip(_table.DataColumns).Take(_table.PartitionColumns).ToArray();
            var values = partitions
                .Select(p => (IReadOnlyList<ScalarValue>)p.Values.Select((v, k) => PartitionValues.Parse(v, partitionColumns[k], _table.Name)).ToArray())
                .ToArray();
            var keep = PartitionPruner.Select(values, _table.Columns, _table.DataColumns, _table.PartitionColumns, _request.Columns, _request.Filters, EvaluationContext.From(context));

            // A join above on a partition key has built its other side by now (this scan runs as its probe side):
            // partitions whose key it lacks are never listed.
            var joinKeys = new List<(JoinHashTable, IReadOnlyList<int>)>();
            foreach (var (filter, columns) in _joinKeyFilters)
            {
                if (filter.SlotFor(context).Table is { } table)
                {
                    joinKeys.Add((table, columns));
                }
            }

            var byJoin = PartitionPruner.SelectByJoinKeys(keep, values, _table.Columns, _table.DataColumns, _table.PartitionColumns, _request.Columns, joinKeys);
            if (byJoin > 0)
            {
                metrics.Add("partitions_pruned_by_join", byJoin);
            }
            for (var i = 0; i < partitions.Count; i++)
            {
                if (keep[i])
                {
                    prefixes.Add((partitions[i].Location, values[i]));
                }
            }

            metrics.Add("partitions_total", partitions.Count);
            metrics.Add("partitions_qualified", prefixes.Count);
        }

        var listings = context.GetOrCreateState(ListingsKey, () => new ConcurrentDictionary<string, Lazy<Task<List<ObjectMeta>>>>(StringComparer.Ordinal));
        var listed = new List<PartitionedFile>[prefixes.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, prefixes.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ListingParallelism, CancellationToken = cancellationToken },
            async (i, _) => listed[i] = await ListAsync(prefixes[i].Location, prefixes[i].Values, listings, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        var files = listed.SelectMany(f => f).ToArray();
        metrics.Add("prefixes_listed", prefixes.Count);
        metrics.Add("files", files.Length);

        var config = new FileScanConfig(_table.Name, _table.Columns, _table.DataColumns, files, _request.Columns, _request.Filters, _request.Limit,
            OutputPartitionCount) { JoinKeyFilters = _joinKeyFilters };
        return await _table.Format.CreateScanAsync(config, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The data objects under one location: every object below it except hidden and marker objects and empty ones.
    /// Each carries its partition's values, then its "$path" (the location as written, plus the key below it) and "$size".
    /// The listing is shared by the query's scans, so it runs under the query's cancellation, not one scan's.
    /// </summary>
    private async Task<List<PartitionedFile>> ListAsync(string location, IReadOnlyList<ScalarValue> values,
        ConcurrentDictionary<string, Lazy<Task<List<ObjectMeta>>>> listings, CancellationToken cancellationToken)
    {
        var (store, key) = _table.Stores.Resolve(location);
        var prefix = key.Length == 0 || key.EndsWith('/') ? key : key + "/";
        var url = location.EndsWith('/') ? location : location + "/";
        var listing = listings.GetOrAdd(store.Url + "|" + prefix, _ => new Lazy<Task<List<ObjectMeta>>>(() => ListObjectsAsync(store, prefix, cancellationToken)));
        var files = new List<PartitionedFile>();
        foreach (var meta in await listing.Value.ConfigureAwait(false))
        {
            var relative = meta.Key[prefix.Length..];
            ScalarValue[] constants = [.. values, ScalarValue.String(url + relative), ScalarValue.Int64(meta.Size)];
            files.Add(new PartitionedFile(store, meta, constants));
        }

        return files;
    }

    private static async Task<List<ObjectMeta>> ListObjectsAsync(IObjectStore store, string prefix, CancellationToken cancellationToken)
    {
        var objects = new List<ObjectMeta>();
        await foreach (var meta in DataObjects.ListAsync(store, prefix, cancellationToken).ConfigureAwait(false))
        {
            objects.Add(meta);
        }

        return objects;
    }
}
