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
}
