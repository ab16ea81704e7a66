using System.Collections.Concurrent;
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

namespace Federation.Formats.Avro;

/// <summary>
/// Reads Avro object container files (or the blocks of large ones that start in a byte range, see
/// <see cref="AvroScanUnit"/>): the header gives the writer's schema, codec and sync marker; each block's sync marker
/// is checked, its data decompressed and its records decoded straight into the projected columns
/// (<see cref="AvroRecordDecoder"/>), the table's columns matched to the writer's fields by name. Errors name the
/// object and, for a block, the byte it starts at. Files whose partition values cannot satisfy the filters are never
/// fetched. The headers of objects read in parts are fetched once per scan.
/// </summary>
public sealed class AvroScanExec : PhysicalOperator
{
    /// <summary>Bytes fetched at first for a header (it holds the schema, usually a few KiB).</summary>
    private const int HeaderProbeBytes = 64 * 1024;

    private readonly string _table;
    private readonly IReadOnlyList<PartitionedFile> _files;
    private readonly int _dataColumns;
    private readonly IReadOnlyList<ScanColumn> _columns;
    private readonly IReadOnlyList<Expr> _filters;
    private readonly long? _limit;
    private readonly IReadOnlyList<IReadOnlyList<AvroScanUnit>> _partitions;
    private readonly int[] _slotOfField;
    private readonly SqlType[] _slotTypes;
    private readonly string[] _slotNames;

    /// <summary>The table's handling of values that do not fit their columns (<see cref="AvroBadValues"/>).</summary>
    private readonly BadDataHandling _handling;

    /// <summary>Headers of objects read in parts, by object, shared by the partitions of this scan.</summary>
    private readonly ConcurrentDictionary<string, Task<AvroHeader>> _headers = new(StringComparer.Ordinal);

    internal AvroScanExec(string table, IReadOnlyList<PartitionedFile> files, IReadOnlyList<TableColumn> tableColumns, int dataColumns,
        IReadOnlyList<ScanColumn> columns, IReadOnlyList<Expr> filters, long? limit, int targetPartitions, long unitBytes,
        BadDataHandling? handling = null)
        : base(columns.Select(c => new PhysicalField(c.Column.Name, c.Column.Type, c.Column.Nullable)).ToArray())
    {
        _table = table;
        _files = files;
        _dataColumns = dataColumns;
        _columns = columns;
        _filters = filters;
        _limit = limit;
        _handling = handling ?? BadDataHandling.None;
        (_slotOfField, _slotTypes, _slotNames) = FileScanSlots.Assign(columns, tableColumns, dataColumns);
        _partitions = Assign(files, targetPartitions, unitBytes);
    }

    public override string Name => "AvroScanExec";

    public override string Details
    {
        get
        {
            var text = $"{_table} files={_files.Count} format=avro projection=[{string.Join(", ", Fields.Select(f => f.Name))}]";
            return _limit is null ? text : text + $" limit={_limit}";
        }
    }

    public override int OutputPartitionCount => _partitions.Count;

    public override IReadOnlyList<PhysicalOperator> Children => [];

    public override PhysicalOperator WithChildren(IReadOnlyList<PhysicalOperator> children) => this;

    /// <summary>The parts to read, dealt round-robin to at most <paramref name="targetPartitions"/> partitions.</summary>
    private static List<IReadOnlyList<AvroScanUnit>> Assign(IReadOnlyList<PartitionedFile> files, int targetPartitions, long unitBytes)
    {
        var units = new List<AvroScanUnit>();
        for (var f = 0; f < files.Count; f++)
        {
            if (files[f].RowGroups is { Count: > 0 } parts)
            {
                // A split names consecutive units of the object (AvroFileFormat.SplitAsync): one byte range.
                var start = parts[0] * unitBytes;
                var end = Math.Min(files[f].Meta.Size, (parts[^1] + 1) * unitBytes);
                units.Add(new AvroScanUnit(f, start, end >= files[f].Meta.Size ? null : end));
            }
            else
            {
                units.Add(new AvroScanUnit(f, 0, null));
            }
        }

        var count = Math.Max(1, Math.Min(targetPartitions, units.Count));
        var partitions = new List<AvroScanUnit>[count];
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
            if (PartitionValuePruning.CanSkip(file, _filters, _columns, _dataColumns))
            {
                metrics.Add("files_pruned", 1);
                continue;
            }

            var path = $"{file.Store.Url}/{file.Meta.Key}";
            var window = new AvroObjectWindow(file.Store, file.Meta);
            var size = file.Meta.Size;
            var whole = unit is { Start: 0, End: null };
            AvroHeader header;
            if (whole)
            {
                await window.EnsureAsync(0, size, cancellationToken).ConfigureAwait(false);
                header = ParseHeader(window.Slice(0, size).Span, complete: true, path)!;
            }
            else
            {
                header = await _headers.GetOrAdd(file.Meta.Key + "@" + file.Meta.ETag, _ => ReadHeaderAsync(file, path, cancellationToken)).ConfigureAwait(false);
            }

            metrics.Add("files_opened", 1);
            var (steps, present) = AvroColumnBinder.Bind(header.Schema, _slotNames, _slotTypes, _table, path);
            var decoder = new AvroRecordDecoder(steps, present, _slotTypes, context.BatchSize);
            var bad = AvroBadValues.Applies(_handling, context.ScanErrors) ? new AvroBadValues(_handling, context.ScanErrors, path, context.BatchSize) : null;
            decoder.Bad = bad;
            var decompressor = new AvroBlockDecompressor(header.Codec);
            var end = unit.End ?? size;
            var block = await FirstBlockAsync(window, header, unit.Start, end, cancellationToken).ConfigureAwait(false);
            while (block < end && block < size)
            {
                // The block's record count and byte size (two varints), then its data and the sync marker.
                await window.EnsureAsync(block, block + 20, cancellationToken).ConfigureAwait(false);
                var (records, bytes, prefix) = BlockPrefix(window.Slice(block, Math.Min(size, block + 20)).Span, block, size, path);
                var blockEnd = block + prefix + bytes + 16;
                if (blockEnd > size)
                {
                    throw new FederationException(ErrorCode.CorruptObject,
                        $"cannot read Avro file {path}: the block at byte {block} ({bytes} bytes and its sync marker) runs past the end of the object ({size} bytes): the file is truncated");
                }

                await window.EnsureAsync(block, blockEnd, cancellationToken).ConfigureAwait(false);
                if (!window.Slice(blockEnd - 16, blockEnd).Span.SequenceEqual(header.Sync))
                {
                    throw new FederationException(ErrorCode.CorruptObject,
                        $"cannot read Avro file {path}: the sync marker after the block at byte {block} does not match the header's (the file is corrupt)");
                }

                var data = Decompress(decompressor, window.Slice(block + prefix, block + prefix + bytes), block, path);
                var position = 0;
                var left = records;
                while (left > 0)
                {
                    var take = (int)Math.Min(left, context.BatchSize - decoder.Rows);
                    if (bad is not null)
                    {
                        (bad.Block, bad.FirstRecord, bad.FirstRow) = (block, records - left, decoder.Rows);
                    }

                    DecodeSome(decoder, data, ref position, take, block, records - left, path);
                    left -= take;
                    if (decoder.Rows == context.BatchSize)
                    {
                        var batch = Assemble(decoder, file, bad);
                        cancellationToken.ThrowIfCancellationRequested();
                        var output = batch.Length > remaining ? BatchOps.Slice(batch, 0, (int)remaining) : batch;
                        remaining -= output.Length;
                        yield return output;
                        if (remaining <= 0)
                        {
                            metrics.Add("bytes_scanned", window.BytesRead);
                            yield break;
                        }
                    }
                }

                if (position != data.Length)
                {
                    throw new FederationException(ErrorCode.CorruptObject,
                        $"cannot read Avro file {path}: the block at byte {block} holds {data.Length} bytes, but its {records} records end at byte {position} (the file is corrupt)");
                }

                metrics.Add("blocks", 1);
                block = blockEnd;
            }

            metrics.Add("bytes_scanned", window.BytesRead);
            if (decoder.Rows > 0)
            {
                var batch = Assemble(decoder, file, bad);
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

    private static AvroHeader? ParseHeader(ReadOnlySpan<byte> data, bool complete, string path)
    {
        try
        {
            return AvroHeader.Parse(data, complete);
        }
        catch (AvroFormatException e)
        {
            throw new FederationException(e.Code, $"cannot read Avro file {path}: {e.Message}");
        }
    }

    private static async Task<AvroHeader> ReadHeaderAsync(PartitionedFile file, string path, CancellationToken cancellationToken)
    {
        var size = file.Meta.Size;
        for (var probe = (long)HeaderProbeBytes; ; probe *= 4)
        {
            var length = (int)Math.Min(size, probe);
            var bytes = new byte[length];
            await file.Store.ReadAsync(file.Meta.Key, 0, bytes, file.Meta.ETag, cancellationToken).ConfigureAwait(false);
            if (ParseHeader(bytes, complete: length == size, path) is { } header)
            {
                return header;
            }
        }
    }

    /// <summary>
    /// Where the first block of the part [start, end) begins: right after the first sync marker that ends at or past
    /// start (the header's, for the part holding the header's end); the object's size when none does before end.
    /// </summary>
    private static async Task<long> FirstBlockAsync(AvroObjectWindow window, AvroHeader header, long start, long end, CancellationToken cancellationToken)
    {
        if (start <= header.Length)
        {
            return header.Length;
        }

        var from = start - 16;
        if (end - 1 - from < 16)
        {
            return window.Size;
        }

        await window.EnsureAsync(from, end, cancellationToken).ConfigureAwait(false);
        var found = window.Slice(from, Math.Min(end, window.Size)).Span.IndexOf(header.Sync);
        return found < 0 || from + found + 16 >= end ? window.Size : from + found + 16;
    }

    private static (long Records, long Bytes, int Prefix) BlockPrefix(ReadOnlySpan<byte> data, long block, long size, string path)
    {
        try
        {
            var reader = new AvroBinaryReader(data);
            var records = reader.ReadLong();
            var bytes = reader.ReadLong();
            if (records < 0 || bytes < 0 || bytes > size)
            {
                throw new AvroFormatException($"it claims {records} records in {bytes} bytes");
            }

            return (records, bytes, reader.Position);
        }
        catch (AvroFormatException e)
        {
            throw new FederationException(ErrorCode.CorruptObject,
                $"cannot read Avro file {path}: the block at byte {block} has no valid record count and size ({e.Message}): the file is truncated or corrupt");
        }
    }

    private static ReadOnlyMemory<byte> Decompress(AvroBlockDecompressor decompressor, ReadOnlyMemory<byte> data, long block, string path)
    {
        try
        {
            return decompressor.Decompress(data);
        }
        catch (AvroFormatException e)
        {
            throw new FederationException(e.Code, $"cannot read Avro file {path}: the block at byte {block}: {e.Message}");
        }
    }

    private static void DecodeSome(AvroRecordDecoder decoder, ReadOnlyMemory<byte> data, ref int position, int count, long block, long first, string path)
    {
        var before = decoder.Rows;
        try
        {
            decoder.Decode(data.Span, ref position, count);
        }
        catch (AvroFormatException e)
        {
            var record = first + (decoder.Rows - before);
            throw new FederationException(e.Code, $"cannot read Avro file {path}: record {record} of the block at byte {block}: {e.Message}");
        }
    }

    private RecordBatch Assemble(AvroRecordDecoder decoder, PartitionedFile file, AvroBadValues? bad)
    {
        var rows = decoder.Rows;
        var slots = decoder.TakeColumns();
        var columns = new IArrowArray[_columns.Count];
        for (var c = 0; c < columns.Length; c++)
        {
            var source = _columns[c].SourceIndex;
            columns[c] = source < _dataColumns
                ? slots[_slotOfField[source]]
                : ArrayFactory.FromScalar(file.PartitionValues[source - _dataColumns], rows);
        }

        var batch = new RecordBatch(Schema, columns, rows);
        if (bad is not { AnyDropped: true })
        {
            return batch;
        }

        // Records a handling dropped (DROP_ROW, or skipped under spectrum_query_maxerror) leave the batch.
        var kept = new BooleanArray.Builder().Reserve(rows);
        for (var r = 0; r < rows; r++)
        {
            kept.Append(!bad.Dropped[r]);
        }

        bad.Reset();
        return BatchOps.Filter(batch, kept.Build());
    }
}
