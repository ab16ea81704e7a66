using Federation.Common;
using Federation.Common.Types;
using Federation.Logical.Expressions;
using Federation.Logical.Plans;
using Federation.Logical.Tables;
using Federation.Physical;
using Federation.Physical.Tables;
using Federation.Storage;

namespace Federation.Formats.Parquet;

/// <summary>
/// Parquet files as one table: on the local file system a file, a folder (all *.parquet files below it, skipping
/// hidden and marker files, with Hive key=value folders as partition columns) or a glob (<see cref="ObjectGlob"/>:
/// *, ?, [...] within a folder level, ** across levels; key=value folders below the glob's literal folder are partition
/// columns); in an object store (s3://bucket/prefix/) an object, every object under a prefix, or a glob, likewise. The columns are the first file's;
/// other files' columns are matched by name (missing ones read as NULL).
/// </summary>
public sealed class ParquetTable : ITableProvider
{
    private readonly IReadOnlyList<ParquetScanFile> _files;
    private readonly int _dataColumns;

    public ParquetTable(string name, string location)
        : this(name, location, LocalFiles(location))
    {
    }

    /// <summary>The files of a local location, each named relative to the folder partition paths start from ('/'-separated), and their footers.</summary>
    private static (IReadOnlyList<string> RelativeKeys, IReadOnlyList<ParquetFileInfo> Infos) LocalFiles(string location)
    {
        var (root, paths) = ListFiles(location);
        var relative = paths.Select(p => Path.GetRelativePath(root, p).Replace(Path.DirectorySeparatorChar, '/')).ToArray();
        return (relative, paths.Select(ParquetFileInfo.Read).ToArray());
    }

    /// <summary>
    /// A table over a location in any store of <paramref name="stores"/>: local paths are read natively; object
    /// store prefixes are listed once, and every object's footer is read (in parallel) with one GET each.
    /// </summary>
    public static async Task<ParquetTable> OpenAsync(string name, string location, ObjectStoreRegistry stores, ObjectReadOptions options,
        CancellationToken cancellationToken)
    {
        var parsed = ObjectLocation.Parse(location);
        if (parsed.Scheme == "file")
        {
            return new ParquetTable(name, location);
        }

        var (store, key) = stores.Resolve(location);
        var (prefix, objects) = await ListObjectsAsync(store, key, cancellationToken).ConfigureAwait(false);
        var infos = new ParquetFileInfo[objects.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, objects.Count), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (i, ct) => infos[i] = await ParquetFileInfo.ReadAsync(new ParquetObject(store, objects[i], options), ct).ConfigureAwait(false)).ConfigureAwait(false);

        // Partition folders are found in the keys below the prefix.
        return new ParquetTable(name, location, (objects.Select(o => o.Key[prefix.Length..]).ToArray(), infos));
    }

    /// <summary>
    /// The objects a location names: the one object, or the visible non-empty objects under the prefix; and the prefix
    /// their keys are relative to (the one object's folder, or the listed prefix).
    /// </summary>
    private static async Task<(string Prefix, List<ObjectMeta> Objects)> ListObjectsAsync(IObjectStore store, string key, CancellationToken cancellationToken)
    {
        var objects = new List<ObjectMeta>();
        if (ObjectGlob.IsGlob(key))
        {
            // One listing of the glob's literal prefix; keys are relative to its folder, where partition folders start.
            var glob = ObjectGlob.Parse(key);
            await foreach (var meta in DataObjects.ListAsync(store, glob, cancellationToken).ConfigureAwait(false))
            {
                objects.Add(meta);
            }

            return objects.Count > 0 ? (glob.Root, objects)
                : throw new FederationException(ErrorCode.ObjectNotFound, $"no Parquet files match {ObjectStoreErrors.Describe(store, key)}");
        }

        if (key.Length > 0 && !key.EndsWith('/'))
        {
            try
            {
                objects.Add(await store.HeadAsync(key, cancellationToken).ConfigureAwait(false));
                return (key[..(key.LastIndexOf('/') + 1)], objects);
            }
            catch (FederationException e) when (e.Code == ErrorCode.ObjectNotFound)
            {
                key += "/";
            }
        }

        await foreach (var meta in DataObjects.ListAsync(store, key, cancellationToken).ConfigureAwait(false))
        {
            objects.Add(meta);
        }

        if (objects.Count == 0)
        {
            throw new FederationException(ErrorCode.ObjectNotFound, $"no Parquet files found at {ObjectStoreErrors.Describe(store, key)}");
        }

        return (key, objects);
    }

    private ParquetTable(string name, string location, (IReadOnlyList<string> RelativeKeys, IReadOnlyList<ParquetFileInfo> Infos) files)
    {
        Name = name;
        var (relativeKeys, infos) = files;
        if (relativeKeys.Count == 0)
        {
            throw new FederationException(ErrorCode.ObjectNotFound, $"no Parquet files found at {location}");
        }

        var partitioning = HivePartitioning.Detect(relativeKeys);
        var first = infos[0];
        if (first.Columns.Count == 0)
        {
            throw new FederationException(ErrorCode.NotSupported,
                $"Parquet file {first.Path} has no column Federation can read (nested list, map and struct columns are not supported yet)");
        }

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
        Statistics = new TableStatistics(infos.Sum(i => (double)i.Rows), infos.Sum(i => i.Length), TableColumnStatistics(infos, partitioning));
    }

    public string Name { get; }

    /// <summary>
    /// Per table column: merged footer statistics of every file (partition columns: their values), with a
    /// distinct-count estimate for integers and dates from their range.
    /// </summary>
    private IReadOnlyList<ColumnStatistics?> TableColumnStatistics(IReadOnlyList<ParquetFileInfo> infos, HivePartitioning.Result partitioning)
    {
        var rows = infos.Sum(i => i.Rows);
        var result = new ColumnStatistics?[Columns.Count];
        for (var c = 0; c < Columns.Count; c++)
        {
            ColumnStatistics? merged = null;
            if (c < _dataColumns)
            {
                var name = Columns[c].Name;
                for (var f = 0; f < infos.Count; f++)
                {
                    var index = IndexOf(infos[f].Columns, name);
                    var stats = index < 0 ? null : infos[f].ColumnStatistics[index];
                    merged = f == 0 ? stats : ParquetFileInfo.Merge(merged, stats);
                }
            }
            else
            {
                var values = partitioning.Values.Select(v => v[c - _dataColumns]).ToArray();
                var present = values.Where(v => !v.IsNull).ToArray();
                var ordered = present.Order(Comparer<ScalarValue>.Create((x, y) => x.CompareTo(y) ?? 0)).ToArray();
                merged = new ColumnStatistics(ordered.FirstOrDefault(), ordered.LastOrDefault(), null, rows, present.Distinct().Count());
            }

            if (merged is not null && merged.DistinctCount is null && RangeSize(merged) is { } range)
            {
                merged = merged with { DistinctCount = Math.Min(rows, range) };
            }

            result[c] = merged;
        }

        return result;
    }

    private static int IndexOf(IReadOnlyList<ParquetColumn> columns, string name)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (string.Equals(columns[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private static double? RangeSize(ColumnStatistics stats) => (stats.Min?.Value, stats.Max?.Value) switch
    {
        (short a, short b) => (double)b - a + 1,
        (int a, int b) => (double)b - a + 1,
        (long a, long b) => (double)b - a + 1,
        _ => null,
    };

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
                .Where(f => !IsHidden(root, f) && (f.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".parq", StringComparison.OrdinalIgnoreCase))
                            && new FileInfo(f).Length > 0)
                .Order(StringComparer.Ordinal)
                .ToArray();
            return (root, files);
        }

        if (ObjectGlob.IsGlob(location))
        {
            return GlobFiles(location);
        }

        throw new FederationException(ErrorCode.ObjectNotFound, $"no such file or directory: {location}");
    }

    /// <summary>
    /// The files a local glob matches (/data/trips/*.parquet, /data/lineitem/*/part-*.parquet), found below the glob's
    /// literal folder no deeper than the pattern reaches; that folder is the one partition paths start from.
    /// </summary>
    private static (string Root, IReadOnlyList<string> Files) GlobFiles(string location)
    {
        var glob = ObjectGlob.Parse(Path.GetFullPath(location).Replace(Path.DirectorySeparatorChar, '/').TrimStart('/'));
        var root = Path.GetFullPath("/" + glob.Root);
        if (!Directory.Exists(root))
        {
            throw new FederationException(ErrorCode.ObjectNotFound, $"no Parquet files match {location}: no such directory {root}");
        }

        var options = new EnumerationOptions
        {
            RecurseSubdirectories = glob.MaxDepthBelowRoot is not 0,
            MaxRecursionDepth = glob.MaxDepthBelowRoot ?? int.MaxValue,
            IgnoreInaccessible = true,
            AttributesToSkip = 0,
        };
        var files = Directory.EnumerateFiles(root, "*", options)
            .Where(f => !IsHidden(root, f) && glob.IsMatch(Path.GetFullPath(f).Replace(Path.DirectorySeparatorChar, '/').TrimStart('/')) && new FileInfo(f).Length > 0)
            .Order(StringComparer.Ordinal)
            .ToArray();
        return files.Length > 0 ? (root, files) : throw new FederationException(ErrorCode.ObjectNotFound, $"no Parquet files match {location}");
    }

    /// <summary>Names starting with _ or . (markers like _SUCCESS, temporary files) are not data, nor are empty files (DataObjects' rule).</summary>
    private static bool IsHidden(string root, string path) =>
        DataObjects.IsHidden(Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/'));
}
