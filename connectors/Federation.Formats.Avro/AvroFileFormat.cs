using Federation.Physical;
using Federation.Physical.Files;

namespace Federation.Formats.Avro;

/// <summary>
/// Avro object container files ("avro": Hive's AvroSerDe / AvroContainerInputFormat, Spectrum's STORED AS AVRO) as an
/// external table's format. Any object splits into byte ranges of <see cref="UnitBytes"/> units that a split names by
/// index (as Parquet splits name row groups); a part reads the blocks that start in its range (see
/// <see cref="AvroScanUnit"/>), whatever the codec, since Avro compresses block by block.
/// </summary>
public sealed class AvroFileFormat : IFileFormat
{
    /// <summary>The default size of the units splits are made of.</summary>
    public const long DefaultUnitBytes = 8L * 1024 * 1024;

    /// <param name="unitBytes">The size of the units splits are made of (tests use small ones to cut small files).</param>
    public AvroFileFormat(long unitBytes = DefaultUnitBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(unitBytes, 1);
        UnitBytes = unitBytes;
    }

    public string Name => "avro";

    /// <summary>The size of the byte ranges a split's "row group" indices stand for.</summary>
    public long UnitBytes { get; }

    public Task<PhysicalOperator> CreateScanAsync(FileScanConfig config, CancellationToken cancellationToken)
    {
        PhysicalOperator scan = new AvroScanExec(config.Table, config.Files, config.TableColumns, config.DataColumns, config.Columns, config.Filters,
            config.Limit, Math.Max(1, config.TargetPartitions), UnitBytes, BadDataHandling.From(config.FormatProperties, config.Table));
        return Task.FromResult(scan);
    }

    /// <summary>Runs of consecutive units of about <paramref name="targetBytes"/>; null for objects of one run.</summary>
    public Task<IReadOnlyList<FileSplit>?> SplitAsync(PartitionedFile file, long targetBytes, CancellationToken cancellationToken)
    {
        var size = file.Meta.Size;
        if (size <= targetBytes)
        {
            return Task.FromResult<IReadOnlyList<FileSplit>?>(null);
        }

        var units = (int)((size + UnitBytes - 1) / UnitBytes);
        var perSplit = (int)Math.Max(1, targetBytes / UnitBytes);
        if (perSplit >= units)
        {
            return Task.FromResult<IReadOnlyList<FileSplit>?>(null);
        }

        var splits = new List<FileSplit>();
        for (var first = 0; first < units; first += perSplit)
        {
            var count = Math.Min(perSplit, units - first);
            var indices = new int[count];
            for (var i = 0; i < count; i++)
            {
                indices[i] = first + i;
            }

            var bytes = Math.Min(size, (first + count) * UnitBytes) - (first * UnitBytes);
            splits.Add(new FileSplit(indices, bytes));
        }

        return Task.FromResult<IReadOnlyList<FileSplit>?>(splits);
    }
}
