namespace Federation.Catalog.Metastore;

/// <summary>The whole content of a metastore as one serializable value: what <see cref="EmbeddedMetastore"/> writes to disk.</summary>
public sealed record MetastoreDocument(int Version, IReadOnlyList<MetastoreDocument.DatabaseEntry> Databases)
{
    public const int CurrentVersion = 1;

    public static readonly MetastoreDocument Empty = new(CurrentVersion, []);

    public sealed record DatabaseEntry(MetastoreDatabase Database, IReadOnlyList<TableEntry> Tables);

    public sealed record TableEntry(MetastoreTable Table, IReadOnlyList<MetastorePartition> Partitions);
}
