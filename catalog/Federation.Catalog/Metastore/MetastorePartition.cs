using Federation.Storage;

namespace Federation.Catalog.Metastore;

/// <summary>
/// One partition of a table: its values as text, one per partition key in key order (null for Hive's
/// __HIVE_DEFAULT_PARTITION__, a NULL key), and where its files are.
/// </summary>
public sealed record MetastorePartition(IReadOnlyList<string?> Values, string Location)
{
    /// <summary>Hive's partition name, key1=value1/key2=value2, for messages.</summary>
    public static string Name(IReadOnlyList<MetastoreColumn> keys, IReadOnlyList<string?> values) =>
        string.Join("/", keys.Select((k, i) => $"{k.Name}={values[i] ?? PartitionNames.DefaultPartition}"));
}
