using Federation.Physical;
using Federation.Physical.Files;

namespace Federation.Formats.Text;

/// <summary>
/// Delimited text ("text": Hive's LazySimpleSerDe, TPC-H's .tbl files) or CSV ("csv": OpenCSVSerde) as an external
/// table's format; one instance per name. Large uncompressed text objects split into byte ranges on line boundaries,
/// in units of <see cref="UnitBytes"/> that a split names by index (as Parquet splits name row groups), so several
/// workers read one object. CSV objects are not split: a quoted field may hold a line break, and a part starting
/// inside one cannot tell (Hive's OpenCSVSerde reads whole files too). Objects are read in windows of <see cref="ChunkBytes"/>, compressed ones through a decompressing stream.
/// </summary>
public sealed class TextFileFormat : IFileFormat
{
    /// <summary>The default size of the units splits are made of.</summary>
    public const long DefaultUnitBytes = 8L * 1024 * 1024;

    private readonly bool _csv;

    /// <param name="name">"text" or "csv".</param>
    /// <param name="unitBytes">The size of the units splits are made of (tests use small ones to cut small files).</param>
    /// <param name="chunkBytes">The size of the windows (and ranged reads) an object is read in (tests use small ones).</param>
    public TextFileFormat(string name, long unitBytes = DefaultUnitBytes, int chunkBytes = LineChunkReader.DefaultChunkBytes)
    {
        if (name is not ("text" or "csv"))
        {
            throw new ArgumentException($"text formats are \"text\" and \"csv\", not \"{name}\"", nameof(name));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(unitBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkBytes, 1);
        ChunkBytes = chunkBytes;
        Name = name;
        _csv = name == "csv";
        UnitBytes = unitBytes;
    }

    public string Name { get; }

    /// <summary>The size of the byte ranges a split's "row group" indices stand for.</summary>
    public long UnitBytes { get; }

    /// <summary>The size of the windows an object is read in, so a scan's memory does not grow with the object.</summary>
    public int ChunkBytes { get; }

    public Task<PhysicalOperator> CreateScanAsync(FileScanConfig config, CancellationToken cancellationToken)
    {
        var layout = TextLayout.From(_csv, config.FormatProperties, config.Table);
        PhysicalOperator scan = new TextScanExec(config.Table, config.Files, config.TableColumns, config.DataColumns, config.Columns, config.Filters,
            config.Limit, Math.Max(1, config.TargetPartitions), layout, BadDataHandling.From(config.FormatProperties, config.Table), UnitBytes, ChunkBytes);
        return Task.FromResult(scan);
    }

    /// <summary>Runs of consecutive units of about <paramref name="targetBytes"/>; null for CSV, compressed objects and objects of one run.</summary>
    public Task<IReadOnlyList<FileSplit>?> SplitAsync(PartitionedFile file, long targetBytes, CancellationToken cancellationToken)
    {
        if (_csv)
        {
            return Task.FromResult<IReadOnlyList<FileSplit>?>(null);
        }

        return Task.FromResult(LineSplits.Split(file, targetBytes, UnitBytes));
    }
}
