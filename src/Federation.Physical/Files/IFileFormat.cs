namespace Federation.Physical.Files;

/// <summary>
/// A file format external tables can be stored as (DataFusion's FileFormat): given the objects a scan reads, with
/// their partition values, it returns the operator that reads them. Footers and other per-file metadata are read
/// here, when the scan runs, never while planning. One implementation per format project (ParquetFileFormat, ...).
/// </summary>
public interface IFileFormat
{
    /// <summary>The format's name as tables record it: "parquet", "orc", ...</summary>
    string Name { get; }

    /// <summary>The scan of <paramref name="config"/>'s files; errors name the object that caused them.</summary>
    Task<PhysicalOperator> CreateScanAsync(FileScanConfig config, CancellationToken cancellationToken);

    /// <summary>
    /// The parts of one object (Parquet row groups, ORC stripes) in consecutive runs of about
    /// <paramref name="targetBytes"/> each, so that several workers read a large object at once; null when it is one
    /// run anyway or the format cannot split (the object is read whole). Reads the object's footer, which the format
    /// keeps for the scans that follow.
    /// </summary>
    Task<IReadOnlyList<FileSplit>?> SplitAsync(PartitionedFile file, long targetBytes, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<FileSplit>?>(null);
}
