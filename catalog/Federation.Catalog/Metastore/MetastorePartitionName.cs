namespace Federation.Catalog.Metastore;

/// <summary>A partition as a name listing gives it: the service's own name (Hive's key=value/key=value) and its values in key order (null: the default partition).</summary>
public sealed record MetastorePartitionName(string Name, IReadOnlyList<string?> Values);
