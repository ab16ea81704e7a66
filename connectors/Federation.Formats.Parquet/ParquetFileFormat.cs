using Federation.Common;
using Federation.Physical;
using Federation.Physical.Files;
using Federation.Storage;

namespace Federation.Formats.Parquet;

/// <summary>
/// Parquet as an external table's format: the footers of the listed objects are read in parallel (one GET each,
/// see <see cref="ParquetFileInfo.ReadAsync(ParquetObject, bool, CancellationToken)"/>, whose bytes the scan reuses
/// within a budget: a small object is fetched once for footer and data alike), then <see cref="ParquetScanExec"/> reads the projected column chunks,
/// matching columns by name (case-insensitively), reading missing ones as NULL and widening types where allowed.
/// Footers are kept across queries in <see cref="Footers"/>, checked against each object's listed size and ETag.
/// </summary>
public sealed class ParquetFileFormat : IFileFormat
{
    /// <summary>Footers fetched at once.</summary>
    private const int FooterParallelism = 16;

    /// <summary>
    /// How many of the bytes fetched for footers one scan keeps for reading the data: a small object is fetched whole
    /// for its footer, and keeping it saves fetching it again moments later. Beyond this the bytes are dropped and the
    /// scan fetches what it needs, so memory stays bounded however many files a query reads.
    /// </summary>
    private const long KeptOpeningBytes = 256L * 1024 * 1024;

    private readonly ObjectReadOptions _options;

    public ParquetFileFormat(ObjectReadOptions? options = null)
    {
        _options = options ?? ObjectReadOptions.Default;
        Footers = new ParquetFooterCache(_options.FooterCacheBytes);
    }

    /// <summary>
    /// The footers of the objects this format read, kept across queries while their size and ETag stay the same (the
    /// listing says both, so checking costs no request). One per format, and an engine registers one format.
    /// </summary>
    public ParquetFooterCache Footers { get; }

    public string Name => "parquet";

    public async Task<PhysicalOperator> CreateScanAsync(FileScanConfig config, CancellationToken cancellationToken)
    {
        var files = new ParquetScanFile[config.Files.Count];
        var kept = 0L;
        var hits = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, files.Length),
            new ParallelOptions { MaxDegreeOfParallelism = FooterParallelism, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var file = config.Files[i];
                var remote = new ParquetObject(file.Store, file.Meta, _options);
                ParquetFileInfo info;
                if (Footers.Find(file.Store, file.Meta) is { Footer: { } footer } cached)
                {
                    // The scan opens the object with the cached footer: no request before the column chunks.
                    info = cached with { Object = remote, Opening = footer, OpeningCached = true };
                    Interlocked.Increment(ref hits);
                }
                else
                {
                    info = await ParquetFileInfo.ReadAsync(remote, keepOpening: true, ct).ConfigureAwait(false);
                    Footers.Add(file.Store, file.Meta, info);
                    if (info.Opening is { } opening && Interlocked.Add(ref kept, opening.Bytes.Length) > KeptOpeningBytes)
                    {
                        info = info with { Opening = null };
                    }
                }

                files[i] = new ParquetScanFile(info, file.PartitionValues) { RowGroups = CheckRowGroups(file, info) };
            }).ConfigureAwait(false);

        return new ParquetScanExec(config.Table, files, config.TableColumns, config.DataColumns, config.Columns, config.Filters, config.Limit,
            Math.Max(1, config.TargetPartitions), new ParquetFooterReads(hits, files.Length - hits), config.JoinKeyFilters);
    }

    /// <summary>
    /// Consecutive row groups of about <paramref name="targetBytes"/> of column chunks each; null for an object of one
    /// row group (or whose groups all fit in one split). The footer comes from the cache when the object is unchanged,
    /// else it is read and cached, so the scans that read the splits find it there.
    /// </summary>
    public async Task<IReadOnlyList<FileSplit>?> SplitAsync(PartitionedFile file, long targetBytes, CancellationToken cancellationToken)
    {
        var info = Footers.Find(file.Store, file.Meta);
        if (info is null)
        {
            info = await ParquetFileInfo.ReadAsync(new ParquetObject(file.Store, file.Meta, _options), keepOpening: false, cancellationToken).ConfigureAwait(false);
            Footers.Add(file.Store, file.Meta, info);
        }

        var splits = new List<FileSplit>();
        var groups = new List<int>();
        long bytes = 0;
        for (var g = 0; g < info.RowGroupBytes.Count; g++)
        {
            var size = info.RowGroupBytes[g];
            if (groups.Count > 0 && bytes + size > targetBytes)
            {
                splits.Add(new FileSplit(groups.ToArray(), bytes));
                groups.Clear();
                bytes = 0;
            }

            groups.Add(g);
            bytes += size;
        }

        if (splits.Count == 0)
        {
            return null;
        }

        splits.Add(new FileSplit(groups.ToArray(), bytes));
        return splits;
    }

    /// <summary>The row groups a split names, each of which the footer must have: else the object changed since it was planned.</summary>
    private static IReadOnlyList<int>? CheckRowGroups(PartitionedFile file, ParquetFileInfo info)
    {
        if (file.RowGroups is { } rowGroups)
        {
            foreach (var g in rowGroups)
            {
                if (g < 0 || g >= info.RowGroupRows.Count)
                {
                    throw new FederationException(ErrorCode.ObjectChanged,
                        $"cannot read Parquet file {info.Path}: row group {g} was asked for, but the file has {info.RowGroupRows.Count} (changed since the query was planned?)");
                }
            }
        }

        return file.RowGroups;
    }
}
