using Apache.Arrow;
using Federation.Logical.Expressions;
using Federation.Logical.Plans;
using Federation.Logical.Tables;
using Federation.Physical;
using Federation.Physical.Tables;

namespace Federation.LocalTables;

/// <summary>
/// A table stored in its own folder as segment files of compressed column blocks, described by a manifest.
/// Every scan reads the manifest current when it was planned (a statement's snapshot) and never waits for a
/// writer; writers take turns, and each commit replaces the manifest atomically.
/// </summary>
public sealed class LocalTable : IWritableTable
{
    private readonly SemaphoreSlim _writer = new(1, 1);
    private TableManifest _manifest;

    internal LocalTable(string folder, TableManifest manifest)
    {
        Folder = folder;
        _manifest = manifest;
        Columns = manifest.Columns;
        Schema = PhysicalOperator.BuildSchema(manifest.Columns.Select(c => new PhysicalField(c.Name, c.Type, c.Nullable)).ToArray());
    }

    /// <summary>The table's folder: its manifest and segment files.</summary>
    public string Folder { get; }

    public TableManifest Manifest => Volatile.Read(ref _manifest);

    public string Name => Manifest.Name;

    public string SchemaName => Manifest.Schema;

    public IReadOnlyList<TableColumn> Columns { get; }

    public Schema Schema { get; }

    public LocalScanCounters Counters { get; } = new();

    public TableStatistics Statistics
    {
        get
        {
            var manifest = Manifest;
            var bytes = 0L;
            foreach (var group in manifest.RowGroups)
            {
                bytes += group.StoredBytes;
            }

            return new TableStatistics(manifest.RowCount, bytes);
        }
    }

    /// <summary>Every filter may let zone maps skip row groups, but rows that pass are not checked: the engine applies it again.</summary>
    public FilterPushdown SupportsFilter(Expr filter, IReadOnlyList<ScanColumn> columns) => FilterPushdown.Inexact;

    public PhysicalOperator Scan(ScanRequest request)
    {
        var projection = new int[request.Columns.Count];
        var fields = new PhysicalField[request.Columns.Count];
        var sources = new Dictionary<int, int>();
        for (var i = 0; i < projection.Length; i++)
        {
            var column = request.Columns[i];
            projection[i] = column.SourceIndex;
            fields[i] = new PhysicalField(column.Column.Name, column.Column.Type, column.Column.Nullable);
            sources[column.Column.Id] = column.SourceIndex;
        }

        return new LocalScanExec(this, Manifest, projection, fields, request.Filters, sources, request.Limit, request.TargetPartitions);
    }

    public async ValueTask AppendAsync(IReadOnlyList<RecordBatch> batches, CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = Manifest;
            var version = current.Version + 1;
            var file = $"seg-{version:D10}-{Guid.NewGuid():N}.blk";
            IReadOnlyList<RowGroup> groups;
            try
            {
                groups = SegmentWriter.Write(Folder, file, Columns, current.Encodings, batches);
            }
            catch
            {
                File.Delete(Path.Combine(Folder, file));
                throw;
            }

            if (groups.Count > 0)
            {
                Commit(current with { Version = version, RowGroups = [.. current.RowGroups, .. groups] });
            }
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>
    /// Commits an empty version. The old segment files stay until the next start, which removes every file no
    /// manifest names: a statement still reading the old version finds its blocks.
    /// </summary>
    public async ValueTask TruncateAsync(CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = Manifest;
            Commit(current with { Version = current.Version + 1, RowGroups = [] });
        }
        finally
        {
            _writer.Release();
        }
    }

    private void Commit(TableManifest next)
    {
        ManifestFile.Commit(Folder, next);
        Volatile.Write(ref _manifest, next);
    }
}
