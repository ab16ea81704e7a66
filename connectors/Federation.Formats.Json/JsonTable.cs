using Federation.Common;
using Federation.Formats.Text;
using Federation.Logical.Expressions;
using Federation.Logical.Plans;
using Federation.Logical.Tables;
using Federation.Physical;
using Federation.Physical.Files;
using Federation.Physical.Tables;
using Federation.Storage;

namespace Federation.Formats.Json;

/// <summary>
/// JSON-lines objects at a location (a file, a folder or prefix, or a glob, local or in an object store) as a table
/// whose columns are inferred from the first object (<see cref="JsonSchemaInference"/>): what read_json returns.
/// Large uncompressed objects are read in byte-range parts, as external JSON tables are.
/// </summary>
public sealed class JsonTable : ITableProvider
{
    /// <summary>About how many bytes one part of a large object holds.</summary>
    private const long PartBytes = 32L << 20;

    private static readonly JsonLayout Layout = new(CaseInsensitive: true, IgnoreMalformed: false, DotsInKeys: false, new Dictionary<string, string>());

    private readonly IReadOnlyList<PartitionedFile> _files;

    private JsonTable(string name, IReadOnlyList<PartitionedFile> files, IReadOnlyList<TableColumn> columns)
    {
        Name = name;
        _files = files;
        Columns = columns;
        Statistics = new TableStatistics(null, files.Sum(f => f.Meta.Size));
    }

    public string Name { get; }

    public IReadOnlyList<TableColumn> Columns { get; }

    public TableStatistics Statistics { get; }

    public FilterPushdown SupportsFilter(Expr filter, IReadOnlyList<ScanColumn> columns) => FilterPushdown.Unsupported;

    public PhysicalOperator Scan(ScanRequest request) =>
        new JsonScanExec(Name, _files, Columns, Columns.Count, request.Columns, request.Filters, request.Limit, Math.Max(1, request.TargetPartitions), Layout,
            BadDataHandling.None, JsonFileFormat.DefaultUnitBytes);

    /// <summary>The objects at <paramref name="location"/>, and the columns the first one's sample gives.</summary>
    public static async Task<JsonTable> OpenAsync(string name, string location, ObjectStoreRegistry stores, CancellationToken cancellationToken)
    {
        var (store, key) = stores.Resolve(location);
        var objects = await DataObjects.AtLocationAsync(store, key, "JSON files", cancellationToken).ConfigureAwait(false);
        var first = new PartitionedFile(store, objects[0], []);
        var data = await LineChunkReader.FirstWindowAsync(first, "JSON", (byte)'\n', null, cancellationToken).ConfigureAwait(false);
        var path = $"{store.Url}/{objects[0].Key}";
        LineRangeReader.CheckUtf8(data, 0, path, new TextScanUnit(0, 0, null), "JSON");
        var columns = JsonSchemaInference.Infer(data, path);

        var files = new List<PartitionedFile>();
        foreach (var meta in objects)
        {
            var file = new PartitionedFile(store, meta, []);
            if (LineSplits.Split(file, PartBytes, JsonFileFormat.DefaultUnitBytes) is { } splits)
            {
                files.AddRange(splits.Select(s => file with { RowGroups = s.RowGroups }));
            }
            else
            {
                files.Add(file);
            }
        }

        return new JsonTable(name, files, columns);
    }
}
