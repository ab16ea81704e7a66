using System.IO.Hashing;
using System.Runtime.CompilerServices;
using Apache.Arrow;
using Federation.Common;
using Federation.Execution;
using Federation.Logical.Expressions;
using Federation.Logical.Tables;
using Federation.Physical;
using Federation.Physical.Pruning;
using Microsoft.Win32.SafeHandles;

namespace Federation.LocalTables;

/// <summary>
/// Reads one version of a local table: row groups are dealt round-robin to partitions, a row group whose zone
/// maps prove a pushed filter false is skipped, and only the projected columns' blocks are read and decoded, then
/// handed on in batches of the session's batch_size.
/// </summary>
public sealed class LocalScanExec : PhysicalOperator
{
    private readonly LocalTable _table;
    private readonly TableManifest _snapshot;
    private readonly int[] _projection;
    private readonly IReadOnlyList<Expr> _filters;
    private readonly IReadOnlyDictionary<int, int> _sources;
    private readonly long? _limit;
    private readonly int _partitions;

    internal LocalScanExec(LocalTable table, TableManifest snapshot, int[] projection, IReadOnlyList<PhysicalField> fields, IReadOnlyList<Expr> filters,
        IReadOnlyDictionary<int, int> sources, long? limit, int partitions)
        : base(fields)
    {
        _table = table;
        _snapshot = snapshot;
        _projection = projection;
        _filters = filters;
        _sources = sources;
        _limit = limit;
        _partitions = Math.Max(1, Math.Min(partitions, snapshot.RowGroups.Count));
    }

    public override string Name => "LocalScanExec";

    public override string Details =>
        $"{_snapshot.Schema}.{_snapshot.Name} projection=[{string.Join(", ", Fields.Select(f => f.Name))}] row_groups={_snapshot.RowGroups.Count}"
        + (_filters.Count == 0 ? string.Empty : $" filters=[{string.Join(", ", _filters)}]");

    public override int OutputPartitionCount => _partitions;

    public override IReadOnlyList<PhysicalOperator> Children => [];

    public override PhysicalOperator WithChildren(IReadOnlyList<PhysicalOperator> children) => this;

    protected override async IAsyncEnumerable<RecordBatch> ExecuteCore(int partition, TaskContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        var batchRows = Math.Max(1, context.BatchSize);
        var handles = new Dictionary<string, SafeFileHandle>(StringComparer.Ordinal);
        try
        {
            var produced = 0L;
            var groups = _snapshot.RowGroups;
            for (var g = partition; g < groups.Count; g += _partitions)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (_limit is { } limit && _filters.Count == 0 && produced >= limit)
                {
                    yield break;
                }

                var group = groups[g];
                if (Skips(group))
                {
                    _table.Counters.Skipped();
                    continue;
                }

                var pieces = (group.Rows + batchRows - 1) / batchRows;
                var columns = new IArrowArray[_projection.Length][];
                for (var c = 0; c < columns.Length; c++)
                {
                    var source = _projection[c];
                    var type = _snapshot.Columns[source].Type;
                    var bytes = ReadBlock(handles, group.File, group.Columns[source]);
                    var decoded = ColumnBlockCodec.Decode(bytes, type, BlockPath(group.File));
                    if (decoded.Length != group.Rows)
                    {
                        throw BlockReader.Corrupt(BlockPath(group.File), $"a block holds {decoded.Length} rows where its row group has {group.Rows}");
                    }

                    columns[c] = ArrayPieces.Split(decoded, type, batchRows);
                }

                _table.Counters.Read(columns.Length);
                for (var p = 0; p < pieces; p++)
                {
                    var arrays = new IArrowArray[columns.Length];
                    for (var c = 0; c < arrays.Length; c++)
                    {
                        arrays[c] = columns[c][p];
                    }

                    yield return new RecordBatch(Schema, arrays, Math.Min(batchRows, group.Rows - p * batchRows));
                }

                produced += group.Rows;
            }
        }
        finally
        {
            foreach (var handle in handles.Values)
            {
                handle.Dispose();
            }
        }
    }

    private bool Skips(RowGroup group)
    {
        foreach (var filter in _filters)
        {
            if (PruningPredicate.CanSkip(filter, id => Statistics(group, id)))
            {
                return true;
            }
        }

        return false;
    }

    private ColumnStatistics? Statistics(RowGroup group, int id)
    {
        if (!_sources.TryGetValue(id, out var source))
        {
            return null;
        }

        var chunk = group.Columns[source];
        return new ColumnStatistics(chunk.Min, chunk.Max, chunk.NullCount, group.Rows);
    }

    private string BlockPath(string file) => Path.Combine(_table.Folder, file);

    private byte[] ReadBlock(Dictionary<string, SafeFileHandle> handles, string file, ColumnChunk chunk)
    {
        var path = BlockPath(file);
        if (!handles.TryGetValue(file, out var handle))
        {
            try
            {
                handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.RandomAccess);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                throw new FederationException(ErrorCode.ObjectNotFound,
                    $"local table \"{_snapshot.Name}\": block file \"{path}\" is missing (was the table dropped while this statement ran?)", e);
            }

            handles[file] = handle;
        }

        var bytes = new byte[chunk.Length];
        var read = 0;
        while (read < bytes.Length)
        {
            var n = RandomAccess.Read(handle, bytes.AsSpan(read), chunk.Offset + read);
            if (n == 0)
            {
                throw BlockReader.Corrupt(path, $"the file ends before the block at offset {chunk.Offset} (torn write?)");
            }

            read += n;
        }

        if (XxHash64.HashToUInt64(bytes) != chunk.Checksum)
        {
            throw BlockReader.Corrupt(path, $"the block at offset {chunk.Offset} fails its checksum");
        }

        return bytes;
    }
}
