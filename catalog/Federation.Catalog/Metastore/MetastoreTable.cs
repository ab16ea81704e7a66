namespace Federation.Catalog.Metastore;

/// <summary>
/// An external table: data columns (stored in the files), partition keys (taken from the partitions, never from the
/// files), the location of its files, how they are stored, and table properties ('numRows', ...).
/// </summary>
public sealed record MetastoreTable(
    string Database,
    string Name,
    IReadOnlyList<MetastoreColumn> Columns,
    IReadOnlyList<MetastoreColumn> PartitionKeys,
    string Location,
    MetastoreStorage Storage,
    IReadOnlyDictionary<string, string> Properties)
{
    public bool IsPartitioned => PartitionKeys.Count > 0;
}
