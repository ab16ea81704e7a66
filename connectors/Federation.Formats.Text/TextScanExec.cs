using System.Runtime.CompilerServices;
using System.Text;
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
using Federation.Physical.Files;

namespace Federation.Formats.Text;

/// <summary>
/// Reads delimited text and CSV objects (or byte-range parts of large ones, see <see cref="TextScanUnit"/>): each
/// object is fetched (and decompressed, by its extension), checked to be UTF-8, and its records decoded into string
/// columns of the projected columns only (<see cref="TextRecordDecoder"/>), which are then converted to the declared
/// types with PostgreSQL's input rules (the cast kernel's text input). The first value that does not convert fails the
/// query with an error naming the object, the line, the column and the value. Files whose partition values cannot
/// satisfy the filters are never fetched.
/// </summary>
public sealed class TextScanExec : PhysicalOperator
{
    private readonly string _table;
    private readonly IReadOnlyList<PartitionedFile> _files;
    private readonly IReadOnlyList<TableColumn> _tableColumns;
    private readonly int _dataColumns;
    private readonly IReadOnlyList<ScanColumn> _columns;
    private readonly IReadOnlyList<Expr> _filters;
    private readonly long? _limit;
    private readonly TextLayout _layout;
    private readonly IReadOnlyList<IReadOnlyList<TextScanUnit>> _partitions;

    /// <summary>Data columns the query reads, in declared order, each with its builder slot.</summary>
    private readonly int[] _slotOfField;

    /// <summary>For each builder slot, the declared type its text converts to.</summary>
    private readonly SqlType[] _slotTypes;

    /// <summary>For each builder slot, the declared column's name, for messages.</summary>
    private readonly string[] _slotNames;

    internal TextScanExec(string table, IReadOnlyList<PartitionedFile> files, IReadOnlyList<TableColumn> tableColumns, int dataColumns,
        IReadOnlyList<ScanColumn> columns, IReadOnlyList<Expr> filters, long? limit, int targetPartitions, TextLayout layout, long unitBytes)
        : base(columns.Select(c => new PhysicalField(c.Column.Name, c.Column.Type, c.Column.Nullable)).ToArray())
    {
        _table = table;
        _files = files;
        _tableColumns = tableColumns;
        _dataColumns = dataColumns;
        _columns = columns;
        _filters = filters;
        _limit = limit;
        _layout = layout;
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
        _partitions = LineSplits.Assign(files, targetPartitions, unitBytes);
    }

    public override string Name => "TextScanExec";

    public override string Details
    {
        get
        {
            var text = $"{_table} files={_files.Count} format={(_layout.Csv ? "csv" : "text")} projection=[{string.Join(", ", Fields.Select(f => f.Name))}]";
            return _limit is null ? text : text + $" limit={_limit}";
        }
    }

    public override int OutputPartitionCount => _partitions.Count;

    public override IReadOnlyList<PhysicalOperator> Children => [];

    public override PhysicalOperator WithChildren(IReadOnlyList<PhysicalOperator> children) => this;

    protected override async IAsyncEnumerable<RecordBatch> ExecuteCore(int partition, TaskContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        var metrics = context.MetricsFor(this);
        var remaining = _limit ?? long.MaxValue;
        foreach (var unit in _partitions[partition])
        {
            var file = _files[unit.FileIndex];
            if (PartitionValuePruning.CanSkip(file, _filters, _columns, _dataColumns))
            {
                metrics.Add("files_pruned", 1);
                continue;
            }

            var (data, begin, ownEnd) = await LineRangeReader.ReadAsync(file, unit, "text", cancellationToken).ConfigureAwait(false);
            metrics.Add("files_opened", 1);
            metrics.Add("bytes_scanned", data.Length);
            var path = $"{file.Store.Url}/{file.Meta.Key}";
            LineRangeReader.CheckUtf8(data, begin, path, unit, "text");
            foreach (var batch in Decode(data, begin, ownEnd, unit, file, path, context.BatchSize))
            {
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

    private IEnumerable<RecordBatch> Decode(byte[] data, int begin, int ownEnd, TextScanUnit unit, PartitionedFile file, string path, int batchSize)
    {
        var decoder = new TextRecordDecoder(_layout, _slotOfField, EmptyIsNull());
        var position = begin;
        var line = 1L;
        if (unit.Start == 0)
        {
            for (var h = 0; h < _layout.SkipHeaderLines && position < data.Length; h++)
            {
                position = TextRecordDecoder.SkipLine(data, position, _layout.LineDelimiter);
                line++;
            }
        }

        var lines = new long[batchSize];
        while (position < ownEnd && position < data.Length)
        {
            while (decoder.Rows < batchSize && position < ownEnd && position < data.Length)
            {
                lines[decoder.Rows] = line;
                var start = position;
                try
                {
                    position = decoder.Decode(data, position);
                }
                catch (TextFormatException e)
                {
                    throw new FederationException(ErrorCode.CorruptObject, $"cannot read text file {path}: {LineRangeReader.Where(unit, line)}: {e.Message}");
                }

                line += _layout.Csv ? data.AsSpan(start, position - start).Count(_layout.LineDelimiter) : 1;
                if (_layout.Csv && position > start && data[position - 1] != _layout.LineDelimiter)
                {
                    line++;
                }
            }

            var rows = decoder.Rows;
            yield return Assemble(decoder.TakeColumns(), rows, lines, unit, file, path);
        }
    }

    private bool[] EmptyIsNull()
    {
        var empty = new bool[_slotTypes.Length];
        for (var s = 0; s < empty.Length; s++)
        {
            empty[s] = _slotTypes[s].Kind != TypeKind.String;
        }

        return empty;
    }

    private RecordBatch Assemble(IArrowArray[] text, int rows, long[] lines, TextScanUnit unit, PartitionedFile file, string path)
    {
        var converted = new IArrowArray[text.Length];
        for (var s = 0; s < text.Length; s++)
        {
            var type = _slotTypes[s];
            converted[s] = type.Kind == TypeKind.String && !type.IsChar && type.Length < 0 ? text[s] : Convert(text[s], s, lines, unit, path);
        }

        var columns = new IArrowArray[_columns.Count];
        for (var c = 0; c < columns.Length; c++)
        {
            var source = _columns[c].SourceIndex;
            columns[c] = source < _dataColumns
                ? converted[_slotOfField[source]]
                : ArrayFactory.FromScalar(file.PartitionValues[source - _dataColumns], rows);
        }

        return new RecordBatch(Schema, columns, rows);
    }

    private IArrowArray Convert(IArrowArray text, int slot, long[] lines, TextScanUnit unit, string path)
    {
        var type = _slotTypes[slot];
        try
        {
            return CastKernel.Cast(text, SqlType.String, type, SessionTimeZone.Utc);
        }
        catch (FederationException)
        {
            // Find the first value that does not convert, to say where it is.
            var strings = (StringArray)text;
            for (var r = 0; r < strings.Length; r++)
            {
                if (strings.IsNull(r))
                {
                    continue;
                }

                try
                {
                    CastKernel.Cast(ArrowArrayFactory.Slice(text, r, 1), SqlType.String, type, SessionTimeZone.Utc);
                }
                catch (FederationException e)
                {
                    var value = Encoding.UTF8.GetString(strings.GetBytes(r));
                    throw new FederationException(e.Code,
                        $"cannot read text file {path}: {LineRangeReader.Where(unit, lines[r])}, column \"{_slotNames[slot]}\" of {_table}: '{value}' is not a valid {type} ({e.Message})");
                }
            }

            throw;
        }
    }
}
