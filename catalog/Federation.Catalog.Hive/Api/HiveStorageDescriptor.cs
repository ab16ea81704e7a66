namespace Federation.Catalog.Hive.Api;

/// <summary>
/// hive_metastore.thrift StorageDescriptor: 1 cols, 2 location, 3 inputFormat, 4 outputFormat, 5 compressed,
/// 6 numBuckets, 7 serdeInfo, 8 bucketCols, 9 sortCols (not kept), 10 parameters.
/// </summary>
public sealed record HiveStorageDescriptor(
    IReadOnlyList<HiveFieldSchema> Columns,
    string? Location,
    string? InputFormat,
    string? OutputFormat,
    HiveSerDeInfo? SerDe,
    IReadOnlyDictionary<string, string> Parameters)
{
    public bool Compressed { get; init; }

    /// <summary>Hive writes -1 for "not bucketed".</summary>
    public int NumBuckets { get; init; } = -1;

    public IReadOnlyList<string> BucketColumns { get; init; } = [];
}
