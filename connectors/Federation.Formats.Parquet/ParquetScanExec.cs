using System.Runtime.CompilerServices;
using Apache.Arrow;
using Federation.Common;
using Federation.Common.Arrow;
using Federation.Common.Types;
using Federation.Execution;
using Federation.Functions.Kernels;
using Federation.Logical.Expressions;
using Federation.Logical.Plans;
using Federation.Logical.Tables;
using Federation.Physical;
using Federation.Physical.Expressions;
using Federation.Physical.Pruning;
using Federation.Storage;
using ParquetSharp;
using ParquetSharp.Arrow;

namespace Federation.Formats.Parquet;

/// <summary>
/// Reads Parquet row groups through ParquetSharp's Arrow reader, decoding only the projected columns. Row groups
/// are dealt to partitions by size; before reading, each file's partition values and each row group's statistics
/// are checked against the pushed filters, and row groups that cannot match are skipped.
/// </summary>
public sealed class ParquetScanExec : PhysicalOperator, IJoinKeyFilterTarget
{
    private readonly string _table;
    private readonly IReadOnlyList<ParquetScanFile> _files;
    private readonly IReadOnlyList<TableColumn> _tableColumns;
    private readonly int _dataColumns;
    private readonly IReadOnlyList<ScanColumn> _columns;
    private readonly IReadOnlyList<Expr> _filters;
    private readonly long? _limit;
    private readonly IReadOnlyList<IReadOnlyList<ParquetScanUnit>> _partitions;
    private readonly ParquetFooterReads _footers;
    private readonly int _targetPartitions;

    /// <summary>Hash joins above whose build-side keys this scan filters by (dynamic filters), with the key columns' positions.</summary>
    private readonly IReadOnlyList<(JoinKeyFilter Filter, IReadOnlyList<int> Columns)> _joinKeyFilters;

    /// <summary>
    /// The pushed filters this scan applies itself, to each batch while it is still in the reader's memory, so that
    /// the rows they reject are never copied out (the plan's filter above still applies them all again). Only
    /// filters that give the same answer however often they run: no volatile functions, no subqueries.
    /// </summary>
    private readonly ConjunctFilter? _scanFilter;

    public ParquetScanExec(string table, IReadOnlyList<ParquetScanFile> files, IReadOnlyList<TableColumn> tableColumns, int dataColumns,
        IReadOnlyList<ScanColumn> columns, IReadOnlyList<Expr> filters, long? limit, int targetPartitions, ParquetFooterReads footers = default,
        IReadOnlyList<(JoinKeyFilter Filter, IReadOnlyList<int> Columns)>? joinKeyFilters = null)
        : base(columns.Select(c => new PhysicalField(c.Column.Name, c.Column.Type, c.Column.Nullable)).ToArray())
    {
        _targetPartitions = targetPartitions;
        _joinKeyFilters = joinKeyFilters ?? [];
        _table = table;
        _files = files;
        _tableColumns = tableColumns;
        _dataColumns = dataColumns;
        _columns = columns;
        _filters = filters;
        _limit = limit;
        _partitions = Assign(files, targetPartitions);
        _footers = footers;
        _scanFilter = CompileScanFilter(columns, filters);
    }

    private static ConjunctFilter? CompileScanFilter(IReadOnlyList<ScanColumn> columns, IReadOnlyList<Expr> filters)
    {
        var positions = new Dictionary<int, int>(columns.Count);
        for (var i = 0; i < columns.Count; i++)
        {
            positions.TryAdd(columns[i].Column.Id, i);
        }

        var usable = new List<Expr>();
        foreach (var filter in filters)
        {
            if (ExprVisitor.IsDeterministic(filter) && ExprVisitor.ColumnIds(filter).All(positions.ContainsKey))
            {
                usable.Add(filter);
            }
        }

        return usable.Count == 0 ? null : ConjunctFilter.Compile(usable, positions);
    }

    /// <summary>Rows per batch asked of the Parquet reader.</summary>
    private const int ReaderBatchSize = 64 * 1024;

    public override string Name => "ParquetScanExec";

    public override string Details
    {
        get
        {
            var text = $"{_table} files={_files.Count} projection=[{string.Join(", ", Fields.Select(f => f.Name))}]";
            if (_filters.Count > 0)
            {
                text += $" predicate=[{string.Join(", ", _filters)}]";
            }

            text += JoinKeyFilter.Describe(_joinKeyFilters);
            return _limit is null ? text : text + $" limit={_limit}";
        }
    }

    public PhysicalOperator WithJoinKeyFilter(JoinKeyFilter filter, IReadOnlyList<int> keyColumns) =>
        new ParquetScanExec(_table, _files, _tableColumns, _dataColumns, _columns, _filters, _limit, _targetPartitions, _footers,
            [.. _joinKeyFilters, (filter, keyColumns)]);

    /// <summary>
    /// What this execution filters by in the scan: the pushed filters it can apply, then the keys of the joins
    /// above once they publish them.
    /// </summary>
    private ConjunctFilter? ExecutionFilter(TaskContext context)
    {
        var filter = _scanFilter;
        foreach (var (joinFilter, columns) in _joinKeyFilters)
        {
            var keys = new PhysicalExpr[columns.Count];
            for (var k = 0; k < keys.Length; k++)
            {
                keys[k] = new ColumnExpr(columns[k], Fields[columns[k]].Name, Fields[columns[k]].Type);
            }

            var membership = new JoinKeyMembershipExpr(joinFilter.SlotFor(context), keys, joinFilter.Description);
            filter = filter is null ? new ConjunctFilter([membership], [columns]) : filter.Append(membership, columns);
        }

        return filter;
    }

    public override int OutputPartitionCount => _partitions.Count;

    public override IReadOnlyList<PhysicalOperator> Children => [];

    public override PhysicalOperator WithChildren(IReadOnlyList<PhysicalOperator> children) => this;

    /// <summary>Deals row groups to partitions, largest first, each to the partition with the fewest rows so far.</summary>
    private static IReadOnlyList<IReadOnlyList<ParquetScanUnit>> Assign(IReadOnlyList<ParquetScanFile> files, int targetPartitions)
    {
        var groups = new List<(int File, int RowGroup, long Rows)>();
        for (var f = 0; f < files.Count; f++)
        {
            var rows = files[f].Info.RowGroupRows;
            var only = files[f].RowGroups;
            for (var k = 0; k < (only?.Count ?? rows.Count); k++)
            {
                var g = only?[k] ?? k;
                groups.Add((f, g, rows[g]));
            }
        }

        var count = Math.Max(1, Math.Min(targetPartitions, groups.Count));
        var load = new long[count];
        var assigned = Enumerable.Range(0, count).Select(_ => new List<(int File, int RowGroup)>()).ToArray();
        foreach (var group in groups.OrderByDescending(g => g.Rows).ThenBy(g => g.File).ThenBy(g => g.RowGroup))
        {
            var target = 0;
            for (var p = 1; p < count; p++)
            {
                if (load[p] < load[target])
                {
                    target = p;
                }
            }

            load[target] += group.Rows;
            assigned[target].Add((group.File, group.RowGroup));
        }

        // Read each file's row groups in file order.
        return assigned.Select(list => (IReadOnlyList<ParquetScanUnit>)list.GroupBy(x => x.File).OrderBy(g => g.Key)
            .Select(g => new ParquetScanUnit(g.Key, g.Select(x => x.RowGroup).Order().ToArray())).ToArray()).ToArray();
    }

    protected override async IAsyncEnumerable<RecordBatch> ExecuteCore(int partition, TaskContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        var remaining = _limit ?? long.MaxValue;
        var filter = ExecutionFilter(context);
        // Filtering in the scan leaves a few rows of each decoded batch: they are gathered before going up.
        var coalescer = filter is null ? null : new BatchCoalescer(context.BatchSize);
        await foreach (var batch in ReadPartitionAsync(partition, filter, context, cancellationToken).ConfigureAwait(false))
        {
            var ready = coalescer is null ? batch : coalescer.Push(batch);
            if (ready is null || ready.Length == 0)
            {
                continue;
            }

            var output = ready.Length > remaining ? BatchOps.Slice(ready, 0, (int)remaining) : ready;
            remaining -= output.Length;
            yield return output;
            if (remaining <= 0)
            {
                yield break;
            }
        }

        if (coalescer?.Flush() is { } rest)
        {
            yield return rest.Length > remaining ? BatchOps.Slice(rest, 0, (int)remaining) : rest;
        }
    }

    /// <summary>
    /// The batches of one partition's files, in order; with a scan filter, an empty batch for each decoded batch that
    /// kept no row. The caller stops reading when its limit is reached.
    /// </summary>
    private async IAsyncEnumerable<RecordBatch> ReadPartitionAsync(int partition, ConjunctFilter? filter, TaskContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var metrics = context.MetricsFor(this);
        if (partition == 0 && _footers.CacheHits + _footers.CacheMisses > 0)
        {
            // Footers were found before the scan began, once for all its partitions.
            metrics.Add("footer_cache_hits", _footers.CacheHits);
            metrics.Add("footer_cache_misses", _footers.CacheMisses);
        }

        var units = _partitions[partition];

        // The next file of this partition, opened while the current one's last row group decodes (see ReadAsync).
        Task<OpenedFile>? ahead = null;
        using var aheadCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            for (var u = 0; u < units.Count; u++)
            {
                var unit = units[u];
                var file = _files[unit.FileIndex];
                if (PrunedByPartitionValues(file))
                {
                    // Decided from the folder names alone: the object is never opened (no request to the store).
                    metrics.Add("files_pruned", 1);
                    continue;
                }

                OpenedFile opened;
                if (ahead is not null)
                {
                    opened = await ahead.ConfigureAwait(false);
                    ahead = null;
                }
                else
                {
                    opened = await OpenAsync(file, unit.RowGroups, context, metrics, cancellationToken).ConfigureAwait(false);
                }

                await using (opened.ConfigureAwait(false))
                {
                    // Only object store reads have I/O to overlap with decoding; local files are read natively. The next
                    // file is opened on this thread, just before the decoding: its footer is here already (fetched when the
                    // scan started, or cached), and its first requests are sent before this thread gets busy, rather than
                    // from a thread-pool work item that a busy machine may only run when the decoding is over.
                    var next = NextUnpruned(units, u + 1);
                    Action? openNext = next is { } n && opened.Input is not null && _files[n.FileIndex].Info.Object is not null
                        ? () => ahead = OpenAsync(_files[n.FileIndex], n.RowGroups, context, metrics, aheadCancellation.Token)
                        : null;
                    await foreach (var batch in ReadAsync(opened, openNext, filter, context, cancellationToken).ConfigureAwait(false))
                    {
                        yield return batch;
                    }
                }
            }
        }
        finally
        {
            if (ahead is not null)
            {
                // Opened for nothing (the limit was reached, or the query stopped): stop its fetches, free its buffers.
                await aheadCancellation.CancelAsync().ConfigureAwait(false);
                await DiscardAsync(ahead).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The first unit from <paramref name="start"/> on whose file its partition values do not rule out.</summary>
    private ParquetScanUnit? NextUnpruned(IReadOnlyList<ParquetScanUnit> units, int start)
    {
        for (var u = start; u < units.Count; u++)
        {
            if (!PrunedByPartitionValues(_files[units[u].FileIndex]))
            {
                return units[u];
            }
        }

        return null;
    }

    private static async Task DiscardAsync(Task<OpenedFile> ahead)
    {
        try
        {
            await (await ahead.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or FederationException)
        {
            // Nobody needs the file: whatever went wrong opening it does not concern the query.
        }
    }

    /// <summary>
    /// Opens a file for reading: its reader (on the footer fetched when the scan started, or cached, when there is one),
    /// where each output column comes from, the row groups that survive the filters, and the first one's column
    /// chunks already being fetched.
    /// </summary>
    private async Task<OpenedFile> OpenAsync(ParquetScanFile file, IReadOnlyList<int> rowGroups, TaskContext context, OperatorMetrics metrics,
        CancellationToken cancellationToken)
    {
        var path = file.Info.Path;
        FileReader reader;

        // A file in an object store is read through a stream that holds the bytes fetched ahead: its tail (or all
        // of it) now, each row group's column chunks before the reader decodes them.
        ObjectInputStream? input = null;
        try
        {
            using var arrowProperties = ArrowReaderProperties.GetDefault();
            // Large reader batches: the reader's per-batch cost is high; batches are sliced for the operators.
            arrowProperties.BatchSize = Math.Max(context.BatchSize, ReaderBatchSize);

            foreach (var column in file.Info.Columns)
            {
                if (column.DictionaryEncoded)
                {
                    arrowProperties.SetReadDictionary(column.LeafIndex, true);
                }
            }

            // Pages whose writer stored a CRC are checked against it (unless SET parquet_verify_checksums = off): a
            // mismatch fails the scan naming the object, where reading on would return whatever the flipped bits say.
            using var properties = ParquetSharp.ReaderProperties.GetDefaultReaderProperties();
            if (context.Options.VerifyPageChecksums)
            {
                properties.EnablePageChecksumVerification();
            }

            if (file.Info.Object is { } remote)
            {
                // No pre-buffering: Arrow would read ahead on its own I/O threads, which call back into this managed
                // stream, and a read still in flight when the scan ends early (a LIMIT, a cancelled query) calls into a
                // stream already disposed and crashes the process. The stream fetches each row group's column chunks
                // ahead itself (Prefetch), so pre-buffering gains nothing here. Local files are read natively: no callback.
                arrowProperties.PreBuffer = false;
                if (file.Info.Opening is { } opening)
                {
                    input = ObjectInputStream.Open(remote.Store, remote.Meta, remote.Options, opening);
                    if (file.Info.OpeningCached)
                    {
                        // Only the footer is here: the reader must ask for exactly it, or it would read 64 KiB of tail.
                        properties.SetFooterReadSize(opening.Bytes.Length);
                    }
                    else
                    {
                        // The footer's GET was made for this query (when its files were listed): it counts as this scan's.
                        metrics.Add("requests", 1);
                        metrics.Add("bytes_read", opening.Bytes.Length);
                    }
                }
                else
                {
                    input = await ObjectInputStream.OpenAsync(remote.Store, remote.Meta, remote.Options, cancellationToken).ConfigureAwait(false);
                }

                reader = new FileReader(input, properties, arrowProperties, leaveOpen: true);
            }
            else
            {
                reader = new FileReader(path, properties, arrowProperties);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException and not FederationException)
        {
            if (input is not null)
            {
                await input.DisposeAsync().ConfigureAwait(false);
            }

            throw ParquetErrors.Read(path, e, input);
        }

        metrics.Add("files_opened", 1);
        var opened = new OpenedFile(file, reader, input, metrics);
        try
        {
            // Where each output column comes from in this file: a field, a partition value, or nothing (NULL).
            var info = file.Info;
            var sources = new (ParquetColumn? Field, ScalarValue? Constant)[_columns.Count];
            var fieldIndices = new List<int>();
            var int96 = new List<ParquetColumn>();
            for (var c = 0; c < _columns.Count; c++)
            {
                var source = _columns[c].SourceIndex;
                var column = _tableColumns[source];
                if (source >= _dataColumns)
                {
                    sources[c] = (null, file.PartitionValues[source - _dataColumns]);
                    continue;
                }

                var field = info.Columns.FirstOrDefault(f => f.Name == column.Name)
                            ?? info.Columns.FirstOrDefault(f => string.Equals(f.Name, column.Name, StringComparison.OrdinalIgnoreCase));
                if (field is null && info.UnreadableColumns.FirstOrDefault(u => string.Equals(u.Name, column.Name, StringComparison.OrdinalIgnoreCase)) is { Name: not null } nested)
                {
                    // The file has the column, in a shape Federation cannot read: reading it as missing (NULL) would be a wrong answer.
                    throw new FederationException(ErrorCode.NotSupported,
                        $"column \"{column.Name}\" of {_table} is a {nested.Type} column in Parquet file {path}, and nested list, map and struct columns are not supported yet");
                }

                sources[c] = (field, field is null ? ScalarValue.NullOf(column.Type) : null);
                if (field is { Int96: true } && !int96.Contains(field))
                {
                    int96.Add(field);
                }
                else if (field is { Int96: false } && !fieldIndices.Contains(field.LeafIndex))
                {
                    fieldIndices.Add(field.LeafIndex);
                }
            }

            // The reader takes leaf column numbers and returns their fields in file order.
            fieldIndices.Sort();
            opened.Sources = sources;
            opened.Leaves = fieldIndices.ToArray();
            opened.Int96Columns = int96.ToArray();
            opened.Selected = PruneRowGroups(opened.Parquet, info, file, rowGroups, sources, metrics);
            if (opened.Selected.Count > 0)
            {
                metrics.Add("bytes_scanned", ScannedBytes(opened.Parquet, opened.Selected, sources));
                if (input is not null && opened.FetchedLeaves.Length > 0)
                {
                    opened.Prefetched = Prefetch(input, opened.Parquet, [opened.Selected[0]], opened.FetchedLeaves, cancellationToken);
                }
            }

            return opened;
        }
        catch
        {
            await opened.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// The batches of an opened file. A local file is read in one pass over all its row groups; from an object store,
    /// one row group at a time, the next one's chunks fetched while this one decodes, and each one's bytes freed when
    /// done. When the last row group starts decoding, <paramref name="openNext"/> opens the partition's next file, so
    /// its first chunks arrive while this file finishes.
    /// </summary>
    private async IAsyncEnumerable<RecordBatch> ReadAsync(OpenedFile opened, Action? openNext, ConjunctFilter? filter, TaskContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var file = opened.File;
        var info = file.Info;
        var path = info.Path;
        var input = opened.Input;
        var evaluation = EvaluationContext.From(context);
        var reader = opened.Reader;
        var selected = opened.Selected;
        if (selected.Count == 0)
        {
            openNext?.Invoke();
            yield break;
        }

        if (opened.FetchedLeaves.Length == 0)
        {
            // Nothing to decode (partition columns or count(*)): the row counts come from the footer.
            openNext?.Invoke();
            foreach (var g in selected)
            {
                for (var start = 0L; start < info.RowGroupRows[g]; start += context.BatchSize)
                {
                    var rows = (int)Math.Min(context.BatchSize, info.RowGroupRows[g] - start);
                    yield return Assemble(rows, opened.Sources, null, path);
                }
            }

            yield break;
        }

        var passes = input is null ? [selected.ToArray()] : selected.Select(g => new[] { g }).ToList();
        for (var p = 0; p < passes.Count; p++)
        {
            var pass = passes[p];
            var current = opened.Prefetched;
            if (current is not null)
            {
                await current.Value.Task.ConfigureAwait(false);
            }

            if (p + 1 < passes.Count)
            {
                opened.Prefetched = input is not null ? Prefetch(input, opened.Parquet, passes[p + 1], opened.FetchedLeaves, cancellationToken) : null;
            }
            else
            {
                opened.Prefetched = null;
                openNext?.Invoke();
            }

            RowGroupBatchReader stream;
            try
            {
                long declared = 0;
                foreach (var g in pass)
                {
                    declared += info.RowGroupRows[g];
                }

                stream = new RowGroupBatchReader(reader, opened.Parquet, pass, opened.Leaves, opened.Int96Columns, declared,
                    Math.Max(context.BatchSize, ReaderBatchSize), path);
            }
            catch (Exception e) when (e is not OperationCanceledException and not FederationException)
            {
                throw ParquetErrors.Read(path, e, input);
            }

            using (stream)
            {
                while (true)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    RecordBatch? output;
                    try
                    {
                        output = filter is null ? ReadBatch(stream, opened.Sources, path)
                            : ReadFilteredBatch(stream, filter, opened.Sources, path, evaluation, opened.Metrics);
                    }
                    catch (Exception e) when (e is not OperationCanceledException and not FederationException)
                    {
                        throw ParquetErrors.Read(path, e, stream.Reading, input);
                    }

                    if (output is null)
                    {
                        break;
                    }

                    if (output.Length == 0)
                    {
                        yield return output;
                    }

                    for (var start = 0; start < output.Length; start += context.BatchSize)
                    {
                        yield return BatchOps.Slice(output, start, Math.Min(context.BatchSize, output.Length - start));
                    }
                }
            }

            if (current is { } done)
            {
                input!.Release(done.Start, done.End);
            }
        }
    }

    /// <summary>
    /// One file opened by one partition of one execution: its reader and stream, what to read, and the fetch in flight.
    /// Disposing it waits for that fetch (it writes into the stream) and counts the stream's requests and bytes.
    /// </summary>
    private sealed class OpenedFile(ParquetScanFile file, FileReader reader, ObjectInputStream? input, OperatorMetrics metrics) : IAsyncDisposable
    {
        public ParquetScanFile File { get; } = file;

        public FileReader Reader { get; } = reader;

        /// <summary>
        /// The reader's Parquet view, for metadata. Each view holds a reference to the native reader: undisposed, the
        /// reader (its file and buffers) would be freed only by the finalizer, long after this file is done.
        /// </summary>
        public ParquetFileReader Parquet { get; } = reader.ParquetReader;

        public OperatorMetrics Metrics { get; } = metrics;

        public ObjectInputStream? Input { get; } = input;

        public (ParquetColumn? Field, ScalarValue? Constant)[] Sources { get; set; } = [];

        /// <summary>The leaf columns the Arrow reader decodes.</summary>
        public int[] Leaves { get; set; } = [];

        /// <summary>The INT96 timestamp columns, read beside the Arrow reader's (see <see cref="Int96TimestampReader"/>).</summary>
        public ParquetColumn[] Int96Columns { get; set; } = [];

        /// <summary>Every leaf column whose chunks are read: the Arrow reader's and the INT96 ones.</summary>
        public int[] FetchedLeaves => Int96Columns.Length == 0 ? Leaves : [.. Leaves, .. Int96Columns.Select(c => c.LeafIndex)];

        public List<int> Selected { get; set; } = [];

        /// <summary>The column chunks being fetched for the row group read next.</summary>
        public (Task Task, long Start, long End)? Prefetched { get; set; }

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (Prefetched is { } pending)
                {
                    Prefetched = null;
                    await pending.Task.ConfigureAwait(false);
                }
            }
            finally
            {
                Parquet.Dispose();
                Reader.Dispose();
                if (Input is not null)
                {
                    Metrics.Add("requests", Input.Requests);
                    Metrics.Add("bytes_read", Input.BytesFetched);
                    if (Input.Retries.Total > 0)
                    {
                        // Only when there were any: a clean scan's EXPLAIN ANALYZE stays as it was.
                        Metrics.Add("request_retries", Input.Retries.Total);
                    }
                    await Input.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
    }
    /// <summary>The next batch decoded, copied out of the reader's memory and converted to the table's types; null at the end.</summary>
    private RecordBatch? ReadBatch(RowGroupBatchReader stream, (ParquetColumn? Field, ScalarValue? Constant)[] sources, string path)
    {
        var batch = stream.Next(borrow: false);
        return batch is null ? null : Assemble(batch.Length, sources, batch, path);
    }

    /// <summary>
    /// The rows of the next decoded batch that pass the scan's filter, copied out of the reader's memory only after
    /// filtering; an empty batch when none passes, null at the end.
    /// </summary>
    private RecordBatch? ReadFilteredBatch(RowGroupBatchReader stream, ConjunctFilter filter, (ParquetColumn? Field, ScalarValue? Constant)[] sources,
        string path, EvaluationContext evaluation, OperatorMetrics metrics)
    {
        var batch = stream.Next(borrow: true);
        if (batch is null)
        {
            return null;
        }

        // Low-cardinality strings stay encoded while filtering: compared once per distinct value, decoded only for the
        // rows kept.
        var assembled = Assemble(batch.Length, sources, batch, path, keepDictionaries: true);
        var selection = filter.Select(assembled, evaluation, out var kept);
        metrics.Add("rows_filtered", batch.Length - kept);
        return kept == 0 ? BatchOps.Empty(Schema) : NativeRecordBatchStream.Detach(TakeDecoded(assembled, selection, kept));
    }

    /// <summary>
    /// The selected rows (all of them when <paramref name="selection"/> is null) with dictionary-encoded columns
    /// decoded: straight from the selected rows' dictionary positions, rather than taking the indices and decoding them
    /// after (TPC-H Q1 keeps 98% of its rows, and its two flag columns paid for both).
    /// </summary>
    private static RecordBatch TakeDecoded(RecordBatch batch, int[]? selection, int count)
    {
        var rows = selection is null ? default : selection.AsSpan(0, count);
        var runs = selection is null ? null : ArrayTake.DenseRuns(rows);
        var columns = new IArrowArray[batch.ColumnCount];
        for (var c = 0; c < columns.Length; c++)
        {
            var column = batch.Column(c);
            if (column is DictionaryArray encoded)
            {
                var positions = DictionaryIndices.Positions(encoded);
                if (selection is not null)
                {
                    var chosen = new int[count];
                    for (var i = 0; i < chosen.Length; i++)
                    {
                        chosen[i] = positions[rows[i]];
                    }

                    positions = chosen;
                }

                columns[c] = ArrayTake.Take(ArrowNormalizer.Normalize(encoded.Dictionary), positions);
            }
            else
            {
                columns[c] = selection is null ? column : runs is null ? ArrayTake.Take(column, rows) : ArrayTake.TakeRuns(column, runs, count);
            }
        }

        return new RecordBatch(batch.Schema, columns, count);
    }

    /// <summary>Starts fetching the column chunks of <paramref name="rowGroups"/>; the span covers them, for releasing later.</summary>
    private static (Task Task, long Start, long End)? Prefetch(ObjectInputStream input, ParquetFileReader parquet, int[] rowGroups, int[] leaves, CancellationToken cancellationToken)
    {
        var ranges = new List<(long Offset, long Length)>();
        long start = long.MaxValue, end = 0;
        foreach (var g in rowGroups)
        {
            using var rowGroup = parquet.RowGroup(g);
            var metadata = rowGroup.MetaData;
            foreach (var leaf in leaves)
            {
                using var chunk = metadata.GetColumnChunkMetaData(leaf);
                var (offset, length) = ColumnChunkRange.Of(chunk);
                ranges.Add((offset, length));
                start = Math.Min(start, offset);
                end = Math.Max(end, offset + length);
            }
        }

        return (input.PrefetchAsync(ranges, cancellationToken), start, end);
    }

    /// <summary>Whether a filter rules the file out by its partition values alone.</summary>
    private bool PrunedByPartitionValues(ParquetScanFile file)
    {
        if (_filters.Count == 0 || file.PartitionValues.Count == 0)
        {
            return false;
        }

        var rows = file.Info.Rows;
        ColumnStatistics? Statistics(int columnId)
        {
            var index = IndexOfColumnId(columnId);
            if (index < 0 || _columns[index].SourceIndex < _dataColumns)
            {
                return null;
            }

            var value = file.PartitionValues[_columns[index].SourceIndex - _dataColumns];
            return new ColumnStatistics(value, value, value.IsNull ? rows : 0, rows);
        }

        foreach (var filter in _filters)
        {
            if (PruningPredicate.CanSkip(filter, Statistics))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The selected row groups that survive the filters, judged by partition values and statistics.</summary>
    private List<int> PruneRowGroups(ParquetFileReader parquet, ParquetFileInfo info, ParquetScanFile file, IReadOnlyList<int> rowGroups,
        (ParquetColumn? Field, ScalarValue? Constant)[] sources, OperatorMetrics metrics)
    {
        metrics.Add("row_groups", rowGroups.Count);
        if (_filters.Count == 0)
        {
            return rowGroups.ToList();
        }

        var selected = new List<int>();
        using var fileMetadata = parquet.FileMetaData;
        var schema = fileMetadata.Schema;
        foreach (var g in rowGroups)
        {
            using var rowGroup = parquet.RowGroup(g);
            var metadata = rowGroup.MetaData;
            var cache = new Dictionary<int, ColumnStatistics?>();
            ColumnStatistics? Statistics(int columnId)
            {
                if (cache.TryGetValue(columnId, out var cached))
                {
                    return cached;
                }

                ColumnStatistics? result = null;
                var index = IndexOfColumnId(columnId);
                if (index >= 0)
                {
                    var (field, constant) = sources[index];
                    if (constant is not null)
                    {
                        result = new ColumnStatistics(constant, constant, constant.IsNull ? metadata.NumRows : 0, metadata.NumRows);
                    }
                    else if (field is not null && field.LeafIndex >= 0 && field.Type.SameComputation(_columns[index].Column.Type)
                        && !_columns[index].Column.Type.IsChar)
                    {
                        // A CHAR(n) column's values are padded when read, and its filters compare padded values: the
                        // file's unpadded minimum and maximum would prune row groups that hold matches.
                        result = ParquetStatistics.Read(metadata, schema.Column(field.LeafIndex), field.LeafIndex, field.Type);
                    }
                }

                cache[columnId] = result;
                return result;
            }

            if (_filters.Any(f => PruningPredicate.CanSkip(f, Statistics)))
            {
                metrics.Add("row_groups_pruned", 1);
                continue;
            }

            selected.Add(g);
        }

        return selected;
    }

    private int IndexOfColumnId(int id)
    {
        for (var i = 0; i < _columns.Count; i++)
        {
            if (_columns[i].Column.Id == id)
            {
                return i;
            }
        }

        return -1;
    }

    private static long ScannedBytes(ParquetFileReader parquet, List<int> rowGroups, (ParquetColumn? Field, ScalarValue? Constant)[] sources)
    {
        long total = 0;
        foreach (var g in rowGroups)
        {
            using var rowGroup = parquet.RowGroup(g);
            var metadata = rowGroup.MetaData;
            foreach (var leaf in sources.Where(s => s.Field is not null).Select(s => s.Field!.LeafIndex).Distinct())
            {
                using var chunk = metadata.GetColumnChunkMetaData(leaf);
                total += chunk.TotalCompressedSize;
            }
        }

        return total;
    }

    /// <summary>Output columns in scan order, converted to the table's types; the native batch is copied out and released.</summary>
    /// <param name="keepDictionaries">
    /// Leave dictionary-encoded columns whose values already have the table's type encoded, for a filter to evaluate
    /// per distinct value (see <see cref="ConjunctFilter"/>); the caller decodes what survives (<see cref="TakeDecoded"/>).
    /// </param>
    private RecordBatch Assemble(int rows, (ParquetColumn? Field, ScalarValue? Constant)[] sources, RecordBatch? batch, string path,
        bool keepDictionaries = false)
    {
        var columns = new IArrowArray[_columns.Count];
        for (var c = 0; c < columns.Length; c++)
        {
            var (field, constant) = sources[c];
            var target = _columns[c].Column.Type;
            if (field is null)
            {
                columns[c] = ArrayFactory.FromScalar(constant ?? ScalarValue.NullOf(target), rows);
                continue;
            }

            var raw = batch!.Column(batch.Schema.GetFieldIndex(field.Name));
            if (keepDictionaries && raw is DictionaryArray encoded && ArrowTypes.IsNative(encoded.Dictionary.Data.DataType)
                && ArrowTypes.FromArrow(encoded.Dictionary.Data.DataType) is { } valueType && valueType.SameComputation(target) && !target.IsChar)
            {
                columns[c] = raw;
                continue;
            }

            var native = ArrowNormalizer.Normalize(raw);
            var sourceType = ArrowTypes.FromArrow(native.Data.DataType)!;
            // Text read as CHAR(n) is blank-padded to n, as a CHAR(n) value stored in a table is, so it compares and
            // prints as one (trailing blanks ignored by =, kept by LIKE).
            columns[c] = sourceType.SameComputation(target) && !target.IsChar ? native : Convert(native, sourceType, target, field.Name, path);
        }

        return new RecordBatch(Schema, columns, rows);
    }

    private IArrowArray Convert(IArrowArray array, SqlType from, SqlType to, string column, string path)
    {
        if (!TypeCoercion.CanImplicitlyCast(from, to) && !(from.Kind == TypeKind.Binary && to.Kind == TypeKind.String))
        {
            throw new FederationException(ErrorCode.SchemaMismatch,
                $"column \"{column}\" of {_table} has type {from} in Parquet file {path} but the table declares {to}");
        }

        // A file's timestamp read into a timestamptz column is taken as UTC, whatever the session zone: the file has no session.
        return CastKernel.Cast(array, from, to, SessionTimeZone.Utc);
    }
}
