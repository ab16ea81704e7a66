using System.Runtime.CompilerServices;
using System.Text;
using Apache.Arrow;
using Federation.Common;
using Federation.Common.Arrow;
using Federation.Common.Types;
using Federation.Execution;
using Federation.Formats.Text;
using Federation.Logical.Expressions;
using Federation.Logical.Plans;
using Federation.Logical.Tables;
using Federation.Physical;
using Federation.Physical.Files;

namespace Federation.Formats.Json;

/// <summary>
/// Reads JSON-lines objects (or byte-range parts of large ones, see <see cref="TextScanUnit"/>): each object is
/// fetched (and decompressed, by its extension), checked to be UTF-8, and its lines decoded into string columns of the
/// projected columns only (<see cref="JsonRecordDecoder"/>), which are then converted to the declared types with
/// PostgreSQL's input rules (the cast kernel's text input) and the table's bad-data handling, as delimited text is
/// (<see cref="TextValueConverter"/>). Blank lines are skipped. The first malformed line (unless ignore.malformed.json)
/// or value that does not convert fails the query with an error naming the object, the line, and for a value the
/// column and the value, unless spectrum_query_maxerror lets the query skip its row. Files whose partition values
/// cannot satisfy the filters are never fetched.
/// </summary>
public sealed class JsonScanExec : PhysicalOperator
{
    private const string Kind = "JSON";

    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    private readonly string _table;
    private readonly IReadOnlyList<PartitionedFile> _files;
    private readonly int _dataColumns;
    private readonly IReadOnlyList<ScanColumn> _columns;
    private readonly IReadOnlyList<Expr> _filters;
    private readonly long? _limit;
    private readonly JsonLayout _layout;
    private readonly TextValueConverter _converter;
    private readonly IReadOnlyList<IReadOnlyList<TextScanUnit>> _partitions;

    /// <summary>The size of the windows an object is read in (<see cref="LineChunkReader"/>).</summary>
    private readonly int _chunkBytes;

    /// <summary>Data columns the query reads, in declared order, each with its builder slot.</summary>
    private readonly int[] _slotOfField;

    /// <summary>The JSON key each builder slot reads.</summary>
    private readonly (string Key, int Slot)[] _keys;

    /// <summary>For each builder slot, the declared type its text converts to.</summary>
    private readonly SqlType[] _slotTypes;

    /// <summary>For each builder slot, the declared column's name, for messages.</summary>
    private readonly string[] _slotNames;

    internal JsonScanExec(string table, IReadOnlyList<PartitionedFile> files, IReadOnlyList<TableColumn> tableColumns, int dataColumns,
        IReadOnlyList<ScanColumn> columns, IReadOnlyList<Expr> filters, long? limit, int targetPartitions, JsonLayout layout, BadDataHandling handling, long unitBytes,
        int chunkBytes = LineChunkReader.DefaultChunkBytes)
        : base(columns.Select(c => new PhysicalField(c.Column.Name, c.Column.Type, c.Column.Nullable)).ToArray())
    {
        _table = table;
        _chunkBytes = chunkBytes;
        _files = files;
        _dataColumns = dataColumns;
        _columns = columns;
        _filters = filters;
        _limit = limit;
        _layout = layout;
        (_slotOfField, _slotTypes, _slotNames) = FileScanSlots.Assign(columns, tableColumns, dataColumns);
        var keys = new (string, int)[_slotNames.Length];
        for (var slot = 0; slot < keys.Length; slot++)
        {
            keys[slot] = (layout.KeyOf(_slotNames[slot]), slot);
        }

        _keys = keys;
        _converter = new TextValueConverter(Kind, table, _slotTypes, _slotNames, handling);
        _partitions = LineSplits.Assign(files, targetPartitions, unitBytes);
    }

    public override string Name => "JsonScanExec";

    public override string Details
    {
        get
        {
            var text = $"{_table} files={_files.Count} format=json projection=[{string.Join(", ", Fields.Select(f => f.Name))}]";
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
            await foreach (var chunk in LineChunkReader.ReadAsync(file, unit, Kind, _chunkBytes, (byte)'\n', null, cancellationToken).ConfigureAwait(false))
            {
                metrics.Add("bytes_scanned", chunk.NewBytes);
                LineRangeReader.CheckUtf8(chunk.Data, chunk.Begin, chunk.ValidEnd, chunk.BaseOffset, line, path, unit, Kind);
                var part = new TextPart(chunk.Data, chunk.Begin, chunk.OwnEnd, chunk.BaseOffset, unit, file, path, false, context.ScanErrors)
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

                line += chunk.Data.AsSpan(chunk.Begin, Math.Max(0, chunk.OwnEnd - chunk.Begin)).Count((byte)'\n');
            }
        }
    }

    private IEnumerable<RecordBatch> Decode(TextPart part, int batchSize)
    {
        var data = part.Data;
        var onlyColumnSlot = _dataColumns == 1 ? _slotOfField[0] : -1;
        var decoder = new JsonRecordDecoder(_layout, _keys, _converter.EmptyIsNull(), _dataColumns, onlyColumnSlot);
        var position = part.Begin;
        if (part.Unit.Start == 0 && part.First && data.AsSpan().StartsWith(Utf8ByteOrderMark))
        {
            // A byte order mark before the first line is not part of it.
            position = 3;
        }

        var line = part.FirstLine;
        var rows = new TextBatchRows(batchSize);
        var end = Math.Min(part.OwnEnd, data.Length);
        while (position < end)
        {
            while (decoder.Rows < batchSize && position < end)
            {
                var start = position;
                var rest = data.AsSpan(position);
                var cut = rest.IndexOf((byte)'\n');
                var text = cut < 0 ? rest : rest[..cut];
                position = cut < 0 ? data.Length : position + cut + 1;
                if (text.IndexOfAnyExcept((byte)' ', (byte)'\t', (byte)'\r') < 0)
                {
                    line++;
                    continue;
                }

                var row = decoder.Rows;
                rows.Start(row, line, part.BaseOffset + start);
                try
                {
                    decoder.Decode(text);
                }
                catch (JsonLineException e)
                {
                    if (!_layout.IgnoreMalformed)
                    {
                        var error = new FederationException(ErrorCode.CorruptObject,
                            $"cannot read JSON file {part.Path}: {LineRangeReader.Where(part.Unit, line)} of {_table} is not a JSON object it can read: {e.Message}");
                        part.Errors.SkipOrThrow(
                            TextValueConverter.ErrorRecord(part, rows, row, "", Encoding.UTF8.GetString(text).TrimEnd('\r'), null, "", BadDataAction.Disabled, null,
                                ScanErrorCode.MalformedRecord),
                            error);
                        rows.Dropped[row] = true;
                    }

                    decoder.AppendNulls();
                }

                line++;
            }

            if (decoder.Rows > 0)
            {
                var count = decoder.Rows;
                var batch = _converter.Assemble(decoder.TakeColumns(), count, rows, part, Schema, _columns, _slotOfField, _dataColumns);
                if (batch.Length > 0)
                {
                    yield return batch;
                }
            }
        }
    }
}
