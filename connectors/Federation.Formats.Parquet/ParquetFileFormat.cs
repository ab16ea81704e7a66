using Federation.Physical;
using Federation.Physical.Files;
using Federation.Storage;

namespace Federation.Formats.Parquet;

/// <summary>
/// Parquet as an external table's format: the footers of the listed objects are read in parallel (one GET each,
/// see <see cref="ParquetFileInfo.ReadAsync"/>), then <see cref="ParquetScanExec"/> reads the projected column chunks,
/// matching columns by name (case-insensitively), reading missing ones as NULL and widening types where allowed.
/// </summary>
public sealed class ParquetFileFormat : IFileFormat
{
    /// <summary>Footers fetched at once.</summary>
    private const int FooterParallelism = 16;

    private readonly ObjectReadOptions _options;

    public ParquetFileFormat(ObjectReadOptions? options = null)
    {
        _options = options ?? ObjectReadOptions.Default;
    }

    public string Name => "parquet";

    public async Task<PhysicalOperator> CreateScanAsync(FileScanConfig config, CancellationToken cancellationToken)
    {
        var files = new ParquetScanFile[config.Files.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, files.Length),
            new ParallelOptions { MaxDegreeOfParallelism = FooterParallelism, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var file = config.Files[i];
                var info = await ParquetFileInfo.ReadAsync(new ParquetObject(file.Store, file.Meta, _options), ct).ConfigureAwait(false);
                files[i] = new ParquetScanFile(info, file.PartitionValues);
            }).ConfigureAwait(false);

        return new ParquetScanExec(config.Table, files, config.TableColumns, config.DataColumns, config.Columns, config.Filters, config.Limit,
            Math.Max(1, config.TargetPartitions));
    }
}
