using Federation.Common;
using Federation.Logical.Expressions;
using Federation.Logical.Plans;
using Federation.Logical.Tables;
using Federation.Physical;
using Federation.Physical.Files;
using Federation.Physical.Tables;
using Federation.Storage;

namespace Federation.Formats.Avro;

/// <summary>
/// The Avro objects at a location (one object, the visible objects under a prefix, or a glob) as a table: its columns
/// are the first object's writer fields, typed by <see cref="AvroTypeInference"/>; the others are read by name, as an
/// external table's files are. Partition folders are not detected (read_parquet's are).
/// </summary>
public sealed class AvroTable : ITableProvider
{
    private readonly IReadOnlyList<PartitionedFile> _files;

    private AvroTable(string name, IReadOnlyList<PartitionedFile> files, IReadOnlyList<TableColumn> columns)
    {
        Name = name;
        _files = files;
        Columns = columns;
        Statistics = new TableStatistics(null, files.Sum(f => f.Meta.Size));
    }

    public string Name { get; }

    public IReadOnlyList<TableColumn> Columns { get; }

    public TableStatistics Statistics { get; }

    /// <summary>The scan applies no filter to rows.</summary>
    public FilterPushdown SupportsFilter(Expr filter, IReadOnlyList<ScanColumn> columns) => FilterPushdown.Unsupported;

    public PhysicalOperator Scan(ScanRequest request) =>
        new AvroScanExec(Name, _files, Columns, Columns.Count, request.Columns, request.Filters, request.Limit, Math.Max(1, request.TargetPartitions),
            AvroFileFormat.DefaultUnitBytes);

    public static async Task<AvroTable> OpenAsync(string location, ObjectStoreRegistry stores, CancellationToken cancellationToken)
    {
        var (store, key) = stores.Resolve(location);
        var objects = await DataObjects.AtLocationAsync(store, key, "Avro files", cancellationToken).ConfigureAwait(false);
        var first = objects[0];
        var path = $"{store.Url}/{first.Key}";
        var probe = new byte[(int)Math.Min(first.Size, 1 << 20)];
        await store.ReadAsync(first.Key, 0, probe, first.ETag, cancellationToken).ConfigureAwait(false);
        AvroHeader header;
        try
        {
            header = AvroHeader.Parse(probe, complete: true)!;
        }
        catch (AvroFormatException e)
        {
            throw new FederationException(e.Code, $"cannot read Avro file {path}: {e.Message}");
        }

        var columns = AvroColumnBinder.FieldsOf(header.Schema).Select(f => new TableColumn(f.Name, AvroTypeInference.Of(f.Schema))).ToList();
        return new AvroTable(location, objects.Select(o => new PartitionedFile(store, o, [])).ToList(), columns);
    }
}
