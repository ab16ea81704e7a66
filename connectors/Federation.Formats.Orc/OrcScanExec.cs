using System.Runtime.CompilerServices;
using Apache.Arrow;
using Federation.Common;
using Federation.Common.Arrow;
using Federation.Common.Types;
using Federation.Execution;
using Federation.Logical.Expressions;
using Federation.Logical.Plans;
using Federation.Logical.Tables;
using Federation.Physical;
using Federation.Physical.Files;
using Federation.Physical.Pruning;
using Federation.Storage;

namespace Federation.Formats.Orc;

/// <summary>
/// Reads ORC files, or the stripes of them a split names: the tail (postscript, footer, metadata) once per object,
/// then per stripe only the projected columns' streams (<see cref="OrcStripe"/>), decoded a batch at a time straight
/// into Arrow arrays. The table's columns are matched to the file's by <see cref="OrcColumnBinder"/>; columns the
/// file lacks read as NULL. The pushed filters skip whole files (footer statistics) and stripes (the metadata
/// section's stripe statistics) that cannot match; the engine applies the filters again. Errors name the object and
/// the stripe.
/// </summary>
public sealed class OrcScanExec : PhysicalOperator
{
    /// <summary>The table property that matches columns by position instead of by name (Hive's name for it).</summary>
    public const string PositionalProperty = "orc.force.positional.evolution";

    private readonly string _table;
    private readonly IReadOnlyList<PartitionedFile> _files;
    private readonly int _dataColumns;
    private readonly IReadOnlyList<ScanColumn> _columns;
    private readonly IReadOnlyList<Expr> _filters;
    private readonly long? _limit;
    private readonly bool _positional;
    private readonly IReadOnlyList<IReadOnlyList<OrcScanUnit>> _partitions;
    private readonly int[] _slotOfField;
    private readonly SqlType[] _slotTypes;
    private readonly string[] _slotNames;
    private readonly OrcTailCache _tails;

    internal OrcScanExec(string table, IReadOnlyList<PartitionedFile> files, IReadOnlyList<TableColumn> tableColumns, int dataColumns,
        IReadOnlyList<ScanColumn> columns, IReadOnlyList<Expr> filters, long? limit, int targetPartitions, bool positional, OrcTailCache tails)
        : base(columns.Select(c => new PhysicalField(c.Column.Name, c.Column.Type, c.Column.Nullable)).ToArray())
    {
        _table = table;
        _files = files;
        _dataColumns = dataColumns;
        _columns = columns;
        _filters = filters;
        _limit = limit;
        _positional = positional;
        _tails = tails;
        _slotOfField = new int[dataColumns];
        System.Array.Fill(_slotOfField, -1);
        var types = new List<SqlType>();
        var names = new List<string>();
        foreach (var column in columns)
        {
            if (column.SourceIndex < dataColumns && _slotOfField[column.SourceIndex] < 0)
            {
                _slotOfField[column.SourceIndex] = types.Count;
                types.Add(tableColumns[column.SourceIndex].Type);
                names.Add(tableColumns[column.SourceIndex].Name);
            }
        }

        _slotTypes = types.ToArray();
        _slotNames = names.ToArray();
        _partitions = Assign(files, targetPartitions);
    }

    public override string Name => "OrcScanExec";

    public override string Details
    {
        get
        {
            var text = $"{_table} files={_files.Count} format=orc projection=[{string.Join(", ", Fields.Select(f => f.Name))}]";
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

    private static List<IReadOnlyList<OrcScanUnit>> Assign(IReadOnlyList<PartitionedFile> files, int targetPartitions)
    {
        var units = new List<OrcScanUnit>();
        for (var f = 0; f < files.Count; f++)
        {
            units.Add(new OrcScanUnit(f, files[f].RowGroups is { Count: > 0 } stripes ? stripes : null));
        }

        var count = Math.Max(1, Math.Min(targetPartitions, units.Count));
        var partitions = new List<OrcScanUnit>[count];
        for (var p = 0; p < count; p++)
        {
            partitions[p] = [];
        }

        for (var u = 0; u < units.Count; u++)
        {
            partitions[u % count].Add(units[u]);
        }

        return [.. partitions];
    }

    protected override async IAsyncEnumerable<RecordBatch> ExecuteCore(int partition, TaskContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        var metrics = context.MetricsFor(this);
        var remaining = _limit ?? long.MaxValue;
        foreach (var unit in _partitions[partition])
        {
            var file = _files[unit.FileIndex];
            if (PrunedByPartitionValues(file))
            {
                metrics.Add("files_pruned", 1);
                continue;
            }

            var path = $"{file.Store.Url}/{file.Meta.Key}";
            var tail = await _tails.GetAsync(file, cancellationToken).ConfigureAwait(false);
            metrics.Add("files_opened", 1);
            var bindings = Bind(tail, path);
            var footer = tail.Footer;
            var writerVersion = tail.PostScript.WriterVersion;
            if (unit.Stripes is null && footer.Statistics.Count > 0 && Skips(bindings, file, footer.Statistics, (long)footer.NumberOfRows, writerVersion))
            {
                metrics.Add("files_pruned", 1);
                continue;
            }

            var columnIds = new List<int>();
            foreach (var binding in bindings)
            {
                if (binding.Field is { } field)
                {
                    columnIds.Add(field.ColumnId);
                }
            }

            var stripeCount = footer.Stripes.Count;
            var stripeList = unit.Stripes ?? Enumerable.Range(0, stripeCount).ToArray();
            foreach (var s in stripeList)
            {
                if (s < 0 || s >= stripeCount)
                {
                    throw new FederationException(ErrorCode.CorruptObject, $"cannot read ORC file {path}: a split names stripe {s}, but the file has {stripeCount}");
                }

                var information = footer.Stripes[s];
                var rows = (long)information.NumberOfRows;
                if (rows == 0)
                {
                    continue;
                }

                if (tail.Metadata is { } metadata && s < metadata.StripeStats.Count
                    && Skips(bindings, file, metadata.StripeStats[s].ColStats, rows, writerVersion))
                {
                    metrics.Add("stripes_pruned", 1);
                    continue;
                }

                OrcStripe stripe;
                OrcColumnReader?[] readers;
                try
                {
                    stripe = await OrcStripe.OpenAsync(file.Store, file.Meta, tail, information, columnIds, ObjectReadOptions.Default, cancellationToken).ConfigureAwait(false);
                    readers = new OrcColumnReader?[bindings.Length];
                    for (var b = 0; b < bindings.Length; b++)
                    {
                        readers[b] = bindings[b].Field is null ? null : stripe.CreateReader(bindings[b]);
                    }
                }
                catch (OrcFormatException e)
                {
                    throw Failure(e, path, s, information);
                }

                metrics.Add("stripes", 1);
                metrics.Add("bytes_scanned", stripe.BytesRead);
                var left = rows;
                while (left > 0)
                {
                    var take = (int)Math.Min(left, context.BatchSize);
                    RecordBatch batch;
                    try
                    {
                        batch = ReadBatch(readers, bindings, file, take);
                    }
                    catch (OrcFormatException e)
                    {
                        throw Failure(e, path, s, information);
                    }

                    left -= take;
                    cancellationToken.ThrowIfCancellationRequested();
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
    }

    private static FederationException Failure(OrcFormatException e, string path, int stripe, Protocol.StripeInformation information) =>
        new(e.Code, $"cannot read ORC file {path}: stripe {stripe} (at byte {information.Offset}): {e.Message}");

    private OrcColumnBinding[] Bind(OrcFileTail tail, string path)
    {
        try
        {
            // By position, a slot reads the file column at its table column's place.
            var places = new int[_slotNames.Length];
            for (var i = 0; i < _slotOfField.Length; i++)
            {
                if (_slotOfField[i] >= 0)
                {
                    places[_slotOfField[i]] = i;
                }
            }

            return OrcColumnBinder.Bind(tail.Schema, _slotNames, _slotTypes, places, _positional, _table, path);
        }
        catch (OrcFormatException e)
        {
            throw new FederationException(e.Code, $"cannot read ORC file {path}: {e.Message}");
        }
    }

    private RecordBatch ReadBatch(OrcColumnReader?[] readers, OrcColumnBinding[] bindings, PartitionedFile file, int rows)
    {
        var slots = new IArrowArray[readers.Length];
        for (var b = 0; b < readers.Length; b++)
        {
            slots[b] = readers[b]?.Read(rows) ?? ArrayFactory.Nulls(bindings[b].Target, rows);
        }

        var columns = new IArrowArray[_columns.Count];
        for (var c = 0; c < columns.Length; c++)
        {
            var source = _columns[c].SourceIndex;
            columns[c] = source < _dataColumns
                ? slots[_slotOfField[source]]
                : ArrayFactory.FromScalar(file.PartitionValues[source - _dataColumns], rows);
        }

        return new RecordBatch(Schema, columns, rows);
    }

    /// <summary>Whether statistics (<paramref name="statistics"/>, by ORC column id, over <paramref name="rows"/> rows) show no row can pass the filters.</summary>
    private bool Skips(OrcColumnBinding[] bindings, PartitionedFile file, IReadOnlyList<Protocol.ColumnStatistics> statistics, long rows, uint writerVersion)
    {
        if (_filters.Count == 0)
        {
            return false;
        }

        ColumnStatistics? Statistics(int columnId)
        {
            for (var i = 0; i < _columns.Count; i++)
            {
                if (_columns[i].Column.Id != columnId)
                {
                    continue;
                }

                var source = _columns[i].SourceIndex;
                if (source >= _dataColumns)
                {
                    var value = file.PartitionValues[source - _dataColumns];
                    return new ColumnStatistics(value, value, value.IsNull ? rows : 0, rows);
                }

                var binding = bindings[_slotOfField[source]];
                if (binding.Field is not { } field)
                {
                    return new ColumnStatistics(null, null, rows, rows);
                }

                return field.ColumnId < statistics.Count ? OrcStatistics.Of(statistics[field.ColumnId], field.Type, binding.Target, rows, writerVersion) : null;
            }

            return null;
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

    private bool PrunedByPartitionValues(PartitionedFile file)
    {
        if (_filters.Count == 0 || file.PartitionValues.Count == 0)
        {
            return false;
        }

        ColumnStatistics? Statistics(int columnId)
        {
            for (var i = 0; i < _columns.Count; i++)
            {
                if (_columns[i].Column.Id == columnId && _columns[i].SourceIndex >= _dataColumns)
                {
                    var value = file.PartitionValues[_columns[i].SourceIndex - _dataColumns];
                    return new ColumnStatistics(value, value, value.IsNull ? 1 : 0, 1);
                }
            }

            return null;
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
}
