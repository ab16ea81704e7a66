using System.Text;
using Federation.Logical.Expressions;
using Federation.Logical.Plans;
using Federation.Logical.Tables;
using Federation.Physical;
using Federation.Physical.Files;
using Federation.Physical.Tables;
using Federation.Storage;

namespace Federation.Formats.Text;

/// <summary>
/// CSV objects at a location (a file, a folder or prefix, or a glob, local or in an object store) as a table: what
/// read_csv returns. The columns are the <see cref="CsvOptions.Columns"/> given, or else named by the header line
/// (column0, column1, ... without one) and typed by <see cref="CsvTypeInference"/> over the first
/// <see cref="CsvOptions.SampleSize"/> records of the first object. Without a header parameter the first line is a
/// header when some column's sampled type does not read it, or when every column is text and it has no NULL (DuckDB's
/// rule). Objects are read as an OpenCSVSerde table's are, each whole (a quoted field may hold a line break).
/// </summary>
public sealed class CsvTable : ITableProvider
{
    private readonly IReadOnlyList<PartitionedFile> _files;
    private readonly TextLayout _layout;

    private CsvTable(string name, IReadOnlyList<PartitionedFile> files, IReadOnlyList<TableColumn> columns, TextLayout layout)
    {
        Name = name;
        _files = files;
        _layout = layout;
        Columns = columns;
        Statistics = new TableStatistics(null, files.Sum(f => f.Meta.Size));
    }

    public string Name { get; }

    public IReadOnlyList<TableColumn> Columns { get; }

    public TableStatistics Statistics { get; }

    /// <summary>Whether the objects' first line is taken as a header.</summary>
    public bool Header => _layout.SkipHeaderLines > 0;

    public FilterPushdown SupportsFilter(Expr filter, IReadOnlyList<ScanColumn> columns) => FilterPushdown.Unsupported;

    public PhysicalOperator Scan(ScanRequest request) =>
        new TextScanExec(Name, _files, Columns, Columns.Count, request.Columns, request.Filters, request.Limit, Math.Max(1, request.TargetPartitions), _layout,
            BadDataHandling.None, TextFileFormat.DefaultUnitBytes);

    public static async Task<CsvTable> OpenAsync(string location, CsvOptions options, ObjectStoreRegistry stores, CancellationToken cancellationToken)
    {
        var (store, key) = stores.Resolve(location);
        var objects = await DataObjects.AtLocationAsync(store, key, "CSV files", cancellationToken).ConfigureAwait(false);
        var layout = new TextLayout(true, options.Delimiter, (byte)'\n', options.Escape, options.Quote, Encoding.UTF8.GetBytes(options.NullText), 0);
        var sample = await LineChunkReader.FirstWindowAsync(new PartitionedFile(store, objects[0], []), "CSV", (byte)'\n', layout, cancellationToken)
            .ConfigureAwait(false);
        var records = CsvSample.Records(sample, options, options.SampleSize + 1);
        var width = options.Columns?.Count ?? (records.Count == 0 ? 0 : records.Max(r => r.Length));
        if (width == 0)
        {
            throw new Common.FederationException(Common.ErrorCode.InvalidArgument,
                $"cannot infer the columns of {store.Url}/{objects[0].Key}: it holds no records (give them with columns => 'name type, ...')");
        }

        var header = options.Header ?? IsHeader(records, width);
        var columns = options.Columns ?? Infer(records, width, header);
        var files = objects.Select(o => new PartitionedFile(store, o, [])).ToList();
        return new CsvTable(location, files, columns, layout with { SkipHeaderLines = header ? 1 : 0 });
    }

    private static bool IsHeader(List<string?[]> records, int width)
    {
        if (records.Count < 2)
        {
            return false;
        }

        var first = records[0];
        var types = CsvTypeInference.Infer(records, 1, width);
        var allText = true;
        for (var c = 0; c < width; c++)
        {
            if (types[c].Kind != Common.Types.TypeKind.String)
            {
                allText = false;
                if (c < first.Length && first[c] is { } value && !CsvTypeInference.Reads(value, types[c]))
                {
                    return true;
                }
            }
        }

        return allText && first.Length == width && first.All(v => !string.IsNullOrEmpty(v));
    }

    private static List<TableColumn> Infer(List<string?[]> records, int width, bool header)
    {
        var types = CsvTypeInference.Infer(records, header ? 1 : 0, width);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var columns = new List<TableColumn>();
        for (var c = 0; c < width; c++)
        {
            var name = header && c < records[0].Length && !string.IsNullOrWhiteSpace(records[0][c]) ? records[0][c]!.Trim() : $"column{c}";
            for (var n = 1; !names.Add(name); n++)
            {
                name = $"{name}_{n}";
            }

            columns.Add(new TableColumn(name, types[c]));
        }

        return columns;
    }
}
