using Federation.Common;
using Federation.Common.Types;
using Federation.Logical.Expressions;
using Federation.Logical.Plans;
using Federation.Logical.Tables;
using Federation.Physical;
using Federation.Physical.Tables;

namespace Federation.Formats.Parquet;

/// <summary>
/// Parquet files on the local file system as one table: a file, a folder (all *.parquet files below it,
/// skipping hidden and marker files, with Hive key=value folders as partition columns) or a glob.
/// The columns are the first file's; other files' columns are matched by name (missing ones read as NULL).
/// </summary>
public sealed class ParquetTable : ITableProvider
{
    private readonly IReadOnlyList<ParquetScanFile> _files;
    private readonly int _dataColumns;

    public ParquetTable(string name, string location)
    {
        Name = name;
        var (root, paths) = ListFiles(location);
        if (paths.Count == 0)
        {
            throw new FederationException(ErrorCode.ObjectReadError, $"no Parquet files found at {location}");
        }

        var infos = paths.Select(ParquetFileInfo.Read).ToArray();
        var partitioning = HivePartitioning.Detect(root, paths);
        var first = infos[0];
        _dataColumns = first.Columns.Count;
        var columns = first.Columns.Select(c => new TableColumn(c.Name, c.Type, true)).ToList();
        foreach (var (key, type) in partitioning.Keys)
        {
            if (!columns.Any(c => string.Equals(c.Name, key, StringComparison.OrdinalIgnoreCase)))
            {
                columns.Add(new TableColumn(key, type, true));
            }
        }

        Columns = columns;
        PartitionColumnCount = columns.Count - _dataColumns;
        _files = infos.Select((info, i) => new ParquetScanFile(info,
            partitioning.Values.Count == 0 ? [] : partitioning.Values[i].Take(PartitionColumnCount).ToArray())).ToArray();
        Statistics = new TableStatistics(infos.Sum(i => (double)i.Rows), infos.Sum(i => i.Length));
    }

    public string Name { get; }

    public IReadOnlyList<TableColumn> Columns { get; }

    public int PartitionColumnCount { get; }

    public TableStatistics Statistics { get; }

    /// <summary>Filters help skip files and row groups but are not applied to rows: always Inexact.</summary>
    public FilterPushdown SupportsFilter(Expr filter, IReadOnlyList<ScanColumn> columns) => FilterPushdown.Inexact;

    public PhysicalOperator Scan(ScanRequest request) =>
        new ParquetScanExec(Name, _files, Columns, _dataColumns, request.Columns, request.Filters, request.Limit, Math.Max(1, request.TargetPartitions));

    /// <summary>The files a location names and the folder partition paths are relative to.</summary>
    public static (string Root, IReadOnlyList<string> Files) ListFiles(string location)
    {
        if (location.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
        {
            location = new Uri(location).LocalPath;
        }

        if (File.Exists(location))
        {
            return (Path.GetDirectoryName(Path.GetFullPath(location))!, [Path.GetFullPath(location)]);
        }

        if (Directory.Exists(location))
        {
            var root = Path.GetFullPath(location);
            var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                .Where(f => !IsHidden(root, f) && (f.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".parq", StringComparison.OrdinalIgnoreCase)))
                .Order(StringComparer.Ordinal)
                .ToArray();
            return (root, files);
        }

        // A glob in the last part: /data/lineitem/*.parquet
        var directory = Path.GetDirectoryName(location);
        var pattern = Path.GetFileName(location);
        if (directory is not null && Directory.Exists(directory) && (pattern.Contains('*', StringComparison.Ordinal) || pattern.Contains('?', StringComparison.Ordinal)))
        {
            var root = Path.GetFullPath(directory);
            return (root, Directory.GetFiles(root, pattern).Where(f => !IsHidden(root, f)).Order(StringComparer.Ordinal).ToArray());
        }

        throw new FederationException(ErrorCode.ObjectReadError, $"no such file or directory: {location}");
    }

    /// <summary>Names starting with _ or . (markers like _SUCCESS, temporary files) are not data.</summary>
    private static bool IsHidden(string root, string path)
    {
        var relative = Path.GetRelativePath(root, path);
        return relative.Split(Path.DirectorySeparatorChar).Any(p => p.StartsWith('_') || p.StartsWith('.'));
    }
}
