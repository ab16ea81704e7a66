using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;
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
    private readonly BadDataHandling _handling;
    private readonly TextValueConverter _converter;
    private readonly IReadOnlyList<IReadOnlyList<TextScanUnit>> _partitions;

    /// <summary>The size of the windows an object is read in (<see cref="LineChunkReader"/>).</summary>
    private readonly int _chunkBytes;

    /// <summary>Data columns the query reads, in declared order, each with its builder slot.</summary>
    private readonly int[] _slotOfField;

    /// <summary>For each builder slot, the declared type its text converts to.</summary>
    private readonly SqlType[] _slotTypes;

    /// <summary>For each builder slot, the declared column's name, for messages.</summary>
    private readonly string[] _slotNames;

    internal TextScanExec(string table, IReadOnlyList<PartitionedFile> files, IReadOnlyList<TableColumn> tableColumns, int dataColumns,
        IReadOnlyList<ScanColumn> columns, IReadOnlyList<Expr> filters, long? limit, int targetPartitions, TextLayout layout, BadDataHandling handling, long unitBytes,
        int chunkBytes = LineChunkReader.DefaultChunkBytes)
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
        _handling = handling;
        _chunkBytes = chunkBytes;
        (_slotOfField, _slotTypes, _slotNames) = FileScanSlots.Assign(columns, tableColumns, dataColumns);
        _converter = new TextValueConverter("text", table, _slotTypes, _slotNames, handling);
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

            metrics.Add("files_opened", 1);
            var path = $"{file.Store.Url}/{file.Meta.Key}";
            var line = 1L;
            await foreach (var chunk in LineChunkReader.ReadAsync(file, unit, "text", _chunkBytes, _layout.LineDelimiter, _layout.Csv ? _layout : null, cancellationToken)
                               .ConfigureAwait(false))
            {
                metrics.Add("bytes_scanned", chunk.NewBytes);
                var data = chunk.Data;
                // Invalid UTF-8 fails the object unless the table handles it or the query tolerates bad rows; then each
                // value is checked, and only those of the columns read matter.
                var checkValues = !Utf8.IsValid(data.AsSpan(chunk.Begin, chunk.ValidEnd - chunk.Begin));
                if (checkValues && _handling.InvalidCharacters == BadDataAction.Disabled && !context.ScanErrors.Tolerates)
                {
                    LineRangeReader.CheckUtf8(data, chunk.Begin, chunk.ValidEnd, chunk.BaseOffset, line, path, unit, "text");
                }

                var part = new TextPart(data, chunk.Begin, chunk.OwnEnd, chunk.BaseOffset, unit, file, path, checkValues, context.ScanErrors)
                {
                    FirstLine = line,
                    First = chunk.First,
                };
                foreach (var batch in Decode(part, context.BatchSize))
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

                line += data.AsSpan(chunk.Begin, Math.Max(0, chunk.OwnEnd - chunk.Begin)).Count(_layout.LineDelimiter);
            }
        }
    }

    private IEnumerable<RecordBatch> Decode(TextPart part, int batchSize)
    {
        var data = part.Data;
        var countFields = _handling.ColumnCountMismatch != BadDataAction.Disabled;
        var decoder = new TextRecordDecoder(_layout, _slotOfField, _converter.EmptyIsNull(), countFields);
        var position = part.Begin;
        var line = part.FirstLine;
        if (part.Unit.Start == 0 && part.First)
        {
            for (var h = 0; h < _layout.SkipHeaderLines && position < data.Length; h++)
            {
                position = TextRecordDecoder.SkipLine(data, position, _layout.LineDelimiter);
                line++;
            }
        }

        var rows = new TextBatchRows(batchSize);
        while (position < part.OwnEnd && position < data.Length)
        {
            while (decoder.Rows < batchSize && position < part.OwnEnd && position < data.Length)
            {
                var row = decoder.Rows;
                rows.Start(row, line, part.BaseOffset + position);
                var start = position;
                try
                {
                    position = decoder.Decode(data, position);
                }
                catch (TextFormatException e)
                {
                    throw new FederationException(ErrorCode.CorruptObject, $"cannot read text file {part.Path}: {LineRangeReader.Where(part.Unit, line)}: {e.Message}");
                }

                if (countFields && decoder.FieldCount != _dataColumns && !(decoder.FieldCount == _dataColumns + 1 && decoder.EndsWithDelimiter))
                {
                    HandleColumnCount(part, rows, row, decoder.FieldCount, data.AsSpan(start, position - start));
                }

                line += _layout.Csv ? data.AsSpan(start, position - start).Count(_layout.LineDelimiter) : 1;
                if (_layout.Csv && position > start && data[position - 1] != _layout.LineDelimiter)
                {
                    line++;
                }
            }

            var count = decoder.Rows;
            var batch = _converter.Assemble(decoder.TakeColumns(), count, rows, part, Schema, _columns, _slotOfField, _dataColumns);
            if (batch.Length > 0)
            {
                yield return batch;
            }
        }
    }

    private void HandleColumnCount(TextPart part, TextBatchRows rows, int row, int fields, ReadOnlySpan<byte> record)
    {
        var action = _handling.ColumnCountMismatch;
        if (action == BadDataAction.Fail)
        {
            throw new FederationException(ErrorCode.CorruptObject,
                $"cannot read text file {part.Path}: {LineRangeReader.Where(part.Unit, rows.Lines[row])}: the record has {fields} fields, but {_table} has {_dataColumns} columns "
                + $"({BadDataHandling.ColumnCountMismatchProperty} is FAIL)");
        }

        var text = Encoding.UTF8.GetString(record).TrimEnd('\n', '\r');
        if (action == BadDataAction.DropRow)
        {
            rows.Dropped[row] = true;
        }

        part.Errors.Record(TextValueConverter.ErrorRecord(part, rows, row, "", text, null, BadDataHandling.ColumnCountMismatchProperty, action, null, ScanErrorCode.ColumnCountMismatch));
    }
}
