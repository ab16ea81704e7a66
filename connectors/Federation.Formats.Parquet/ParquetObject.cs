using Federation.Storage;

namespace Federation.Formats.Parquet;

/// <summary>A Parquet file in an object store: the store, what its listing said of the object, and how to fetch it.</summary>
public sealed record ParquetObject(IObjectStore Store, ObjectMeta Meta, ObjectReadOptions Options)
{
    /// <summary>The object's URL, e.g. s3://bucket/warehouse/t/part-0.parquet: what errors and EXPLAIN name.</summary>
    public string Name => ObjectStoreErrors.Describe(Store, Meta.Key);
}
