using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Apache.Arrow;
using Federation.Catalog.Metastore;
using Federation.Common;
using Federation.Common.Types;
using Federation.Engine.Workers;
using Federation.Exchange;
using Federation.Execution;
using Federation.Logical.Expressions;
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
/// When the engine has a pool with a live worker at that point, step 3 runs on the workers instead: the files are
/// packed into fragments of about <see cref="IFragmentDispatcher.TargetFragmentBytes"/> (whole files: splitting a
/// large one by row groups would need its footer here as well as on the worker), each carrying the filters a worker
/// can evaluate and the limit, and every partition of this operator reads from one bounded queue the completed
/// fragments' batches go into. The plan's FilterExec above still applies every filter.
/// A scan given a partial aggregate (<see cref="ExternalTable.ScanPartialAggregate"/>) ships it with every fragment, so
/// workers return groups and states rather than rows; when no worker is alive as it starts it runs its child instead,
/// the same partial aggregate planned over the plain scan.
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

    /// <summary>The partial aggregate fragments compute, or null: fragments return rows.</summary>
    private readonly PartialAggregation? _aggregate;

    /// <summary>With <see cref="_aggregate"/>: the same partial aggregate over the plain scan, run when no worker is alive.</summary>
    private readonly PhysicalOperator? _local;

    public ExternalScanExec(ExternalTable table, ScanRequest request, IReadOnlyList<(JoinKeyFilter Filter, IReadOnlyList<int> Columns)>? joinKeyFilters = null)
        : base(request.Columns.Select(c => new PhysicalField(c.Column.Name, c.Column.Type, c.Column.Nullable)).ToArray())
    {
        _table = table;
        _request = request;
        _joinKeyFilters = joinKeyFilters ?? [];
    }

    /// <param name="local">The partial aggregate over the plain scan, producing the columns this scan produces.</param>
    public ExternalScanExec(ExternalTable table, ScanRequest request, PartialAggregation aggregate, PhysicalOperator local)
        : base(local.Fields)
    {
        _table = table;
        _request = request;
        _joinKeyFilters = [];
        _aggregate = aggregate;
        _local = local;
    }

    /// <summary>
    /// A scan computing a partial aggregate has none to take: its rows are groups, and no join can sit between it and
    /// the final aggregate above.
    /// </summary>
    public PhysicalOperator WithJoinKeyFilter(JoinKeyFilter filter, IReadOnlyList<int> keyColumns) =>
        _aggregate is null ? new ExternalScanExec(_table, _request, [.. _joinKeyFilters, (filter, keyColumns)]) : this;

    public override string Name => "ExternalScanExec";

    /// <summary>schema.table, as the SVL views name it.</summary>
    public string TableName => _table.Name;

    public bool Partitioned => _table.Definition.PartitionKeys.Count > 0;

    /// <summary>Whether its fragments compute a partial aggregate (and its child is the plain scan it runs without workers).</summary>
    public bool ComputesPartialAggregate => _aggregate is not null;

    public override string Details
    {
        get
        {
            var text = $"{_table.Name} format={_table.Format.Name} location={_table.Definition.Location} projection=[{string.Join(", ", Fields.Select(f => f.Name))}]";
            if (_request.Filters.Count > 0)
            {
                text += $" predicate=[{string.Join(", ", _request.Filters)}]";
            }

            text += JoinKeyFilter.Describe(_joinKeyFilters);
            if (_aggregate is not null)
            {
                // The child is what runs when no worker is alive.
                text += $" partial_aggregate_on_workers=[{_aggregate}]";
            }

            return _request.Limit is null ? text : text + $" limit={_request.Limit}";
        }
    }

    public override int OutputPartitionCount => _local?.OutputPartitionCount ?? Math.Max(1, _request.TargetPartitions);

    public override IReadOnlyList<PhysicalOperator> Children => _local is null ? [] : [_local];

    public override PhysicalOperator WithChildren(IReadOnlyList<PhysicalOperator> children) =>
        _aggregate is null ? this : new ExternalScanExec(_table, _request, _aggregate, children[0]);

    protected override async IAsyncEnumerable<RecordBatch> ExecuteCore(int partition, TaskContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var state = context.GetOrCreateState(this, () => new ScanState(OutputPartitionCount, context, () => PlanFilesAsync(context, context.CancellationToken),
            _table.Dispatcher is { HasLiveWorkers: true }));
        if (_local is not null && !state.OnWorkers)
        {
            await foreach (var batch in _local.ExecuteAsync(partition, context).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                yield return batch;
            }

            yield break;
        }

        try
        {
            var plan = await state.Files.Value.ConfigureAwait(false);
            if (plan.Fragments is { } fragments)
            {
                var queue = state.StartDispatch(() => DispatchAsync(fragments, state, context));
                await foreach (var batch in queue.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                {
                    yield return batch;
                }

                yield break;
            }

            var scan = plan.Local!;
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
            if (Interlocked.Decrement(ref state.Running) == 0)
            {
                // Every partition is done (or gave up: a LIMIT above is satisfied): fragments still running are not needed.
                await state.StopDispatchAsync().ConfigureAwait(false);

                // The file scan is not in the plan tree: when the last partition is done, its counters (files opened,
                // row groups, requests, bytes read) become this operator's, so EXPLAIN ANALYZE shows what was read.
                if (state.Files.IsValueCreated && state.Files.Value.IsCompletedSuccessfully && state.Files.Value.Result.Local is { } local
                    && context.FindMetrics(local) is { } inner)
                {
                    var metrics = context.MetricsFor(this);
                    foreach (var (name, value) in inner.Counters)
                    {
                        metrics.Add(name, value);
                    }
                }
            }
        }
    }

    /// <summary>How the files are read: by the format's scan in this process, or as fragments on the workers.</summary>
    private sealed record FilesPlan(PhysicalOperator? Local, IReadOnlyList<ScanFragment>? Fragments);

    /// <summary>
    /// One execution's state: whether workers were alive as it started, the file scan, planned once; how many
    /// partitions have not finished; and, when the scan runs on workers, the one task that takes completed fragments
    /// from the pool and the bounded queue it fills, which every partition reads (a full queue stops it taking more,
    /// and so the pool dispatching more).
    /// </summary>
    private sealed class ScanState(int partitions, TaskContext context, Func<Task<FilesPlan>> plan, bool onWorkers)
    {
        private readonly object _lock = new();
        private CancellationTokenSource? _dispatchCancellation;
        private Task? _dispatch;

        public int Running = partitions;

        /// <summary>Decided once, so that every partition of a scan with a partial aggregate takes the same way.</summary>
        public bool OnWorkers { get; } = onWorkers;

        public Lazy<Task<FilesPlan>> Files { get; } = new(plan);

        /// <summary>Holds a few batches per partition: enough to keep every partition busy, not the table.</summary>
        public Channel<RecordBatch> Queue { get; } = Channel.CreateBounded<RecordBatch>(new BoundedChannelOptions(Math.Max(2, partitions * 2))
        {
            SingleWriter = true,
        });

        public CancellationToken DispatchCancellation => _dispatchCancellation!.Token;

        public ChannelReader<RecordBatch> StartDispatch(Func<Task> dispatch)
        {
            lock (_lock)
            {
                if (_dispatch is null)
                {
                    _dispatchCancellation = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
                    _dispatch = Task.Run(dispatch);
                }
            }

            return Queue.Reader;
        }

        public async Task StopDispatchAsync()
        {
            Task? dispatch;
            lock (_lock)
            {
                dispatch = _dispatch;
            }

            if (dispatch is null)
            {
                return;
            }

            await _dispatchCancellation!.CancelAsync().ConfigureAwait(false);
            await dispatch.ConfigureAwait(false);
            _dispatchCancellation.Dispose();
        }
    }

    /// <summary>
    /// Takes the completed fragments from the pool into the queue, and the workers' counters into this operator's
    /// metrics; stops taking (so the pool stops dispatching) once a limit's rows have arrived. Never throws: an error
    /// ends the queue, and every partition reading it fails with it.
    /// </summary>
    private async Task DispatchAsync(IReadOnlyList<ScanFragment> fragments, ScanState state, TaskContext context)
    {
        var metrics = context.MetricsFor(this);
        var writer = state.Queue.Writer;
        var cancellationToken = state.DispatchCancellation;
        var workers = new HashSet<string>(StringComparer.Ordinal);
        long rows = 0;
        try
        {
            var runHere = (ScanFragment fragment, CancellationToken token) => RunHereAsync(fragment, context, token);
            await foreach (var result in _table.Dispatcher!.RunAsync(fragments, runHere, context.Memory, cancellationToken).ConfigureAwait(false))
            {
                var here = result.Worker == FragmentResult.Here;
                if (here)
                {
                    metrics.Add("fragments_run_here", 1);
                }
                else
                {
                    workers.Add(result.Worker);
                    metrics.Add("bytes_returned_by_workers", result.BytesReturned);
                }

                metrics.Add("fragments_completed", 1);
                metrics.Add("fragment_retries", result.Attempts - 1);
                if (!here && result.Metrics[FragmentMetrics.BadValuesHandled] > 0)
                {
                    // A worker's handled values join the query's; the rows skipped count against the query's tolerance.
                    context.ScanErrors.AddFromWorker(result.Metrics.ScanErrors, result.Metrics[FragmentMetrics.BadRowsSkipped],
                        result.Metrics[FragmentMetrics.BadValuesHandled], _table.Name);
                }

                foreach (var (name, value) in result.Metrics.Counters)
                {
                    if (name != FragmentMetrics.RowsReturned)
                    {
                        metrics.Add(name, value);
                    }
                    else if (!here)
                    {
                        metrics.Add("rows_returned_by_workers", value);
                    }
                }

                foreach (var batch in result.Batches)
                {
                    if (batch.Length > 0)
                    {
                        rows += batch.Length;
                        await writer.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
                    }
                }

                if (_request.Limit is { } limit && rows >= limit)
                {
                    break;
                }
            }

            writer.TryComplete();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            writer.TryComplete(new OperationCanceledException(cancellationToken));
        }
        catch (Exception e)
        {
            writer.TryComplete(e);
        }
        finally
        {
            metrics.Add("workers_used", workers.Count);
        }
    }

    /// <summary>
    /// A fragment no worker could take (none is alive), run in this process by the same planner a worker uses, with
    /// this plan's dynamic join filters besides; the plan's FilterExec above applies the filters again, as for any scan.
    /// </summary>
    private async Task<FragmentResult> RunHereAsync(ScanFragment fragment, TaskContext context, CancellationToken cancellationToken)
    {
        var planner = new FragmentPlanner(_table.Stores, [_table.Format]);
        var plan = await planner.PlanAsync(fragment, 1, cancellationToken, _joinKeyFilters).ConfigureAwait(false);
        var batches = new List<RecordBatch>();
        await foreach (var batch in plan.Root.ExecuteAsync(0, context).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            batches.Add(batch);
        }

        var counters = new Dictionary<string, long>(StringComparer.Ordinal);
        if (context.FindMetrics(plan.Scan) is { } inner)
        {
            foreach (var (name, value) in inner.Counters)
            {
                counters[name] = value;
            }
        }

        return new FragmentResult(fragment, FragmentResult.Here, batches, new FragmentMetrics(counters), 0, 1);
    }

    /// <summary>
    /// What every fragment of this scan does with the rows it reads: the filters it applies, the columns it returns
    /// and its limit; with a partial aggregate, that aggregate's filters and no output columns or limit (the fragment
    /// returns groups and states).
    /// </summary>
    private (IReadOnlyList<Expr> Filters, int[] Output, long? Limit) FragmentWork(TaskContext context)
    {
        if (_aggregate is not null)
        {
            // Every filter of the aggregated rows is shippable (the table checked when it took the aggregate).
            return (_aggregate.Filters, [], null);
        }

        var (shipped, kept) = ShippableFilters.Split(_request.Filters);

        // The hash joins above have built their sides by now: their keys travel as plain filters the workers apply.
        var joinKeys = ShippedJoinKeyFilters.For(_joinKeyFilters, _request.Columns, context);
        if (joinKeys.Count > 0)
        {
            shipped = [.. shipped, .. joinKeys];
            context.MetricsFor(this).Add("join_key_filters_shipped", joinKeys.Count);
        }

        var output = new int[_request.Columns.Count];
        for (var i = 0; i < output.Length; i++)
        {
            output[i] = i;
        }

        // With filters kept here, the worker cannot know when enough rows passed them: the limit stays here too.
        return (shipped, output, kept.Count == 0 ? _request.Limit : null);
    }

    /// <summary>
    /// The files cut into fragments of about the pool's target size: files (or splits of large ones) in listing order,
    /// packed together until the next would pass the target; one at or above it is a fragment alone.
    /// </summary>
    private List<ScanFragment> CutFragments(IReadOnlyList<(PartitionedFile File, long Bytes)> files, long targetBytes, TaskContext context)
    {
        var (shipped, output, limit) = FragmentWork(context);
        var scan = Guid.NewGuid().ToString("N")[..8];
        var fragments = new List<ScanFragment>();
        var objects = new List<FragmentObject>();
        long bytes = 0;
        foreach (var (file, size) in files)
        {
            if (objects.Count > 0 && bytes + size > targetBytes)
            {
                Cut();
            }

            objects.Add(new FragmentObject(file.Store.Url, file.Meta.Key, file.Meta.Size, file.Meta.ETag, file.Meta.LastModified, file.PartitionValues,
                file.RowGroups));
            bytes += size;
        }

        if (objects.Count > 0)
        {
            Cut();
        }

        return fragments;

        void Cut()
        {
            var id = $"{scan}/f{fragments.Count}";
            fragments.Add(new ScanFragment(id, _table.Name, _table.Format.Name, _table.FormatProperties,
                _table.Columns, _table.DataColumns, objects.ToArray(), _request.Columns, output, shipped, limit, context.StatementTimestampMicros, _aggregate)
            {
                VerifyPageChecksums = context.Options.VerifyPageChecksums,
                TimeZone = context.Options.TimeZone,
                SpectrumQueryMaxError = context.Options.SpectrumQueryMaxError,
            });
            objects.Clear();
            bytes = 0;
        }
    }

    /// <summary>Prunes partitions, lists the survivors' prefixes and hands the files to the format, or cuts them into fragments for the workers.</summary>
    private async Task<FilesPlan> PlanFilesAsync(TaskContext context, CancellationToken cancellationToken)
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
            var partitionFilter = PartitionPredicates.For(_table, _request, EvaluationContext.From(context));
            IReadOnlyList<MetastorePartition> partitions;
            if (_table.Projection is { } projection)
            {
                // Projected: computed from the properties and the predicate, the metastore is not asked.
                partitions = projection.Project(partitionFilter.Predicate,
                    (key, texts) => PartitionPruner.SelectKey(key, texts, _table.Columns, _table.DataColumns, _table.PartitionColumns, _request.Columns,
                        _request.Filters, EvaluationContext.From(context), _table.Name),
                    _table.Clock.GetUtcNow().UtcDateTime);
                metrics.Add("partitions_projected", partitions.Count);
            }
            else
            {
                partitions = await _table.Metastore.ListPartitionsAsync(definition.Database, definition.Name, partitionFilter, cancellationToken).ConfigureAwait(false);
            }

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

        // The pool as it is now decides: a worker that joins later takes fragments of this scan; with none alive, this
        // process reads the files as it always has. A scan with a partial aggregate decided as it started (it runs
        // its child when none was alive) and sends fragments even if every worker has left since: the dispatcher
        // then runs them here. Dynamic join filters travel as range and IN filters (CutFragments).
        if (_table.Dispatcher is { HasLiveWorkers: false, RunsScansWithoutWorkers: false } && _aggregate is null && files.Length > 0)
        {
            throw FragmentErrors.NoLiveWorker(_table.Name);
        }

        if (_table.Dispatcher is { } dispatcher && (_aggregate is not null || (dispatcher.HasLiveWorkers && files.Length > 0)))
        {
            var pieces = await SplitLargeFilesAsync(files, dispatcher.TargetFragmentBytes, metrics, cancellationToken).ConfigureAwait(false);
            var fragments = CutFragments(pieces, dispatcher.TargetFragmentBytes, context);
            metrics.Add("fragments", fragments.Count);
            return new FilesPlan(null, fragments);
        }

        var config = new FileScanConfig(_table.Name, _table.Columns, _table.DataColumns, files, _request.Columns, _request.Filters, _request.Limit,
            OutputPartitionCount) { JoinKeyFilters = _joinKeyFilters, FormatProperties = _table.FormatProperties };
        return new FilesPlan(await _table.Format.CreateScanAsync(config, cancellationToken).ConfigureAwait(false), null);
    }

    /// <summary>
    /// Objects larger than a fragment cut into runs of row groups (or stripes) of about the target size, so that
    /// workers read one large object together; the format reads (and keeps) their footers for it. Smaller objects, and
    /// those the format cannot split, stay whole.
    /// </summary>
    private async Task<List<(PartitionedFile File, long Bytes)>> SplitLargeFilesAsync(IReadOnlyList<PartitionedFile> files, long targetBytes,
        OperatorMetrics metrics, CancellationToken cancellationToken)
    {
        var splits = new IReadOnlyList<FileSplit>?[files.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, files.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ListingParallelism, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                if (files[i].Meta.Size > targetBytes && files[i].RowGroups is null)
                {
                    splits[i] = await _table.Format.SplitAsync(files[i], targetBytes, ct).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);

        var pieces = new List<(PartitionedFile, long)>(files.Count);
        for (var i = 0; i < files.Count; i++)
        {
            if (splits[i] is not { } parts)
            {
                pieces.Add((files[i], files[i].Meta.Size));
                continue;
            }

            metrics.Add("files_split", 1);
            foreach (var part in parts)
            {
                pieces.Add((files[i] with { RowGroups = part.RowGroups }, part.Bytes));
            }
        }

        return pieces;
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
