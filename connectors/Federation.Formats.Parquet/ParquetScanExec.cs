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
using Federation.Physical.Pruning;
using ParquetSharp.Arrow;

namespace Federation.Formats.Parquet;

/// <summary>
/// Reads Parquet row groups through ParquetSharp's Arrow reader, decoding only the projected columns. Row groups
/// are dealt to partitions by size; before reading, each file's partition values and each row group's statistics
/// are checked against the pushed filters, and row groups that cannot match are skipped.
/// </summary>
public sealed class ParquetScanExec : PhysicalOperator
{
    private readonly string _table;
    private readonly IReadOnlyList<ParquetScanFile> _files;
    private readonly IReadOnlyList<TableColumn> _tableColumns;
    private readonly int _dataColumns;
    private readonly IReadOnlyList<ScanColumn> _columns;
    private readonly IReadOnlyList<Expr> _filters;
    private readonly long? _limit;
    private readonly IReadOnlyList<IReadOnlyList<ParquetScanUnit>> _partitions;

    public ParquetScanExec(string table, IReadOnlyList<ParquetScanFile> files, IReadOnlyList<TableColumn> tableColumns, int dataColumns,
        IReadOnlyList<ScanColumn> columns, IReadOnlyList<Expr> filters, long? limit, int targetPartitions)
        : base(columns.Select(c => new PhysicalField(c.Column.Name, c.Column.Type, c.Column.Nullable)).ToArray())
    {
        _table = table;
        _files = files;
        _tableColumns = tableColumns;
        _dataColumns = dataColumns;
        _columns = columns;
        _filters = filters;
        _limit = limit;
        _partitions = Assign(files, targetPartitions);
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

            return _limit is null ? text : text + $" limit={_limit}";
        }
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
            for (var g = 0; g < rows.Count; g++)
            {
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
        var metrics = context.MetricsFor(this);
        var remaining = _limit ?? long.MaxValue;
        foreach (var unit in _partitions[partition])
        {
            if (remaining <= 0)
            {
                yield break;
            }

            var file = _files[unit.FileIndex];
            metrics.Add("files_opened", 1);
            foreach (var batch in ReadFile(file, unit.RowGroups, context, metrics, cancellationToken))
            {
                var output = batch.Length > remaining ? BatchOps.Slice(batch, 0, (int)remaining) : batch;
                remaining -= output.Length;
                yield return output;
                if (remaining <= 0)
                {
                    yield break;
                }
            }
        }
    }

    private IEnumerable<RecordBatch> ReadFile(ParquetScanFile file, IReadOnlyList<int> rowGroups, TaskContext context, OperatorMetrics metrics, CancellationToken cancellationToken)
    {
        var path = file.Info.Path;
        FileReader reader;
        try
        {
            var arrowProperties = ArrowReaderProperties.GetDefault();
            // Large reader batches: the reader's per-batch cost is high; batches are sliced for the operators.
            arrowProperties.BatchSize = Math.Max(context.BatchSize, ReaderBatchSize);
            foreach (var column in file.Info.Columns)
            {
                if (column.DictionaryEncoded)
                {
                    arrowProperties.SetReadDictionary(column.LeafIndex, true);
                }
            }

            reader = new FileReader(path, null, arrowProperties);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw ParquetErrors.Read(path, e);
        }

        using (reader)
        {
            // Where each output column comes from in this file: a field, a partition value, or nothing (NULL).
            var info = file.Info;
            var sources = new (ParquetColumn? Field, ScalarValue? Constant)[_columns.Count];
            var fieldIndices = new List<int>();
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
                sources[c] = (field, field is null ? ScalarValue.NullOf(column.Type) : null);
                if (field is not null && !fieldIndices.Contains(field.LeafIndex))
                {
                    fieldIndices.Add(field.LeafIndex);
                }
            }

            var selected = PruneRowGroups(reader, info, file, rowGroups, sources, metrics);
            if (selected.Count == 0)
            {
                yield break;
            }

            metrics.Add("bytes_scanned", ScannedBytes(reader, selected, sources));
            if (fieldIndices.Count == 0)
            {
                // Nothing to decode (partition columns or count(*)): the row counts come from the footer.
                foreach (var g in selected)
                {
                    for (var start = 0L; start < info.RowGroupRows[g]; start += context.BatchSize)
                    {
                        var rows = (int)Math.Min(context.BatchSize, info.RowGroupRows[g] - start);
                        yield return Assemble(rows, sources, null);
                    }
                }

                yield break;
            }

            NativeRecordBatchStream stream;
            try
            {
                // The reader takes leaf column numbers and returns their fields in file order.
                fieldIndices.Sort();
                stream = new NativeRecordBatchStream(reader, selected.ToArray(), fieldIndices.ToArray());
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw ParquetErrors.Read(path, e);
            }

            using (stream)
            {
                while (true)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    RecordBatch? batch;
                    try
                    {
                        batch = stream.Next();
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        throw ParquetErrors.Read(path, e);
                    }

                    if (batch is null)
                    {
                        break;
                    }

                    var output = Assemble(batch.Length, sources, batch);

                    for (var start = 0; start < output.Length; start += context.BatchSize)
                    {
                        yield return BatchOps.Slice(output, start, Math.Min(context.BatchSize, output.Length - start));
                    }
                }
            }
        }
    }

    /// <summary>The selected row groups that survive the filters, judged by partition values and statistics.</summary>
    private List<int> PruneRowGroups(FileReader reader, ParquetFileInfo info, ParquetScanFile file, IReadOnlyList<int> rowGroups,
        (ParquetColumn? Field, ScalarValue? Constant)[] sources, OperatorMetrics metrics)
    {
        metrics.Add("row_groups", rowGroups.Count);
        if (_filters.Count == 0)
        {
            return rowGroups.ToList();
        }

        var selected = new List<int>();
        var schema = reader.ParquetReader.FileMetaData.Schema;
        foreach (var g in rowGroups)
        {
            using var rowGroup = reader.ParquetReader.RowGroup(g);
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
                    else if (field is not null && field.LeafIndex >= 0 && field.Type.SameComputation(_columns[index].Column.Type))
                    {
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

    private static long ScannedBytes(FileReader reader, List<int> rowGroups, (ParquetColumn? Field, ScalarValue? Constant)[] sources)
    {
        long total = 0;
        foreach (var g in rowGroups)
        {
            using var rowGroup = reader.ParquetReader.RowGroup(g);
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
    private RecordBatch Assemble(int rows, (ParquetColumn? Field, ScalarValue? Constant)[] sources, RecordBatch? batch)
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
            var native = ArrowNormalizer.Normalize(raw);
            var sourceType = ArrowTypes.FromArrow(native.Data.DataType)!;
            columns[c] = sourceType.SameComputation(target) ? native : Convert(native, sourceType, target, field.Name);
        }

        return new RecordBatch(Schema, columns, rows);
    }

    private IArrowArray Convert(IArrowArray array, SqlType from, SqlType to, string column)
    {
        if (!TypeCoercion.CanImplicitlyCast(from, to) && !(from.Kind == TypeKind.Binary && to.Kind == TypeKind.String))
        {
            throw new FederationException(ErrorCode.ObjectReadError,
                $"column \"{column}\" of {_table} has type {from} in a file but the table declares {to}");
        }

        return CastKernel.Cast(array, from, to);
    }
}
