using Federation.Common.Types;

namespace Federation.Exchange;

/// <summary>
/// One object a fragment reads, as the coordinator's listing described it, with the values of its partition columns
/// and pseudocolumns (one per table column after the data columns) and the part of it to read.
/// </summary>
/// <param name="StoreUrl">The store's root, e.g. s3://bucket; the worker resolves it with its own credentials.</param>
/// <param name="Key">The object's key in the store.</param>
/// <param name="RowGroups">Row groups (Parquet) or stripes (ORC) by index, in the object's order; null: all of them.</param>
public sealed record FragmentObject(
    string StoreUrl,
    string Key,
    long Size,
    string? ETag,
    DateTimeOffset LastModified,
    IReadOnlyList<ScalarValue> PartitionValues,
    IReadOnlyList<int>? RowGroups)
{
    /// <summary>The object's URL, as errors name it.</summary>
    public string Name => StoreUrl.TrimEnd('/') + "/" + Key;
}
