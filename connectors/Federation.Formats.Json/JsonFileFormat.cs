using Federation.Formats.Text;
using Federation.Physical;
using Federation.Physical.Files;

namespace Federation.Formats.Json;

/// <summary>
/// JSON lines (one object per line, as Hive's and OpenX's JsonSerDe read them) as an external table's format, named
/// "json". Large uncompressed objects split into byte ranges on line boundaries as delimited text does
/// (<see cref="LineSplits"/>), in units of <see cref="UnitBytes"/>; compressed objects are read whole.
/// </summary>
public sealed class JsonFileFormat : IFileFormat
{
    /// <summary>The default size of the units splits are made of.</summary>
    public const long DefaultUnitBytes = TextFileFormat.DefaultUnitBytes;

    /// <param name="unitBytes">The size of the units splits are made of (tests use small ones to cut small files).</param>
    /// <param name="chunkBytes">The size of the windows (and ranged reads) an object is read in (tests use small ones).</param>
    public JsonFileFormat(long unitBytes = DefaultUnitBytes, int chunkBytes = LineChunkReader.DefaultChunkBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(unitBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkBytes, 1);
        UnitBytes = unitBytes;
        ChunkBytes = chunkBytes;
    }

    public string Name => "json";

    /// <summary>The size of the byte ranges a split's "row group" indices stand for.</summary>
    public long UnitBytes { get; }

    /// <summary>The size of the windows an object is read in, so a scan's memory does not grow with the object.</summary>
    public int ChunkBytes { get; }

    public Task<PhysicalOperator> CreateScanAsync(FileScanConfig config, CancellationToken cancellationToken)
    {
        var layout = JsonLayout.From(config.FormatProperties, config.Table);
        PhysicalOperator scan = new JsonScanExec(config.Table, config.Files, config.TableColumns, config.DataColumns, config.Columns, config.Filters,
            config.Limit, Math.Max(1, config.TargetPartitions), layout, BadDataHandling.From(config.FormatProperties, config.Table), UnitBytes, ChunkBytes);
        return Task.FromResult(scan);
    }

    /// <summary>Runs of consecutive units of about <paramref name="targetBytes"/>; null for compressed objects and objects of one run.</summary>
    public Task<IReadOnlyList<FileSplit>?> SplitAsync(PartitionedFile file, long targetBytes, CancellationToken cancellationToken) =>
        Task.FromResult(LineSplits.Split(file, targetBytes, UnitBytes));
}
