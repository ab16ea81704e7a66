namespace Federation.Catalog.Metastore;

/// <summary>
/// Where external tables are described (Trino's HiveMetastore, Glue's data catalog): databases, their tables and the
/// tables' partitions, as plain records. Names are compared case-insensitively. Every change is one call, so an
/// implementation can make each one atomic; errors are <see cref="Common.FederationException"/>s naming the object.
/// The built-in implementation is <see cref="EmbeddedMetastore"/> (persisted); <see cref="InMemoryMetastore"/> serves tests.
/// </summary>
public interface IMetastore
{
    Task<IReadOnlyList<MetastoreDatabase>> ListDatabasesAsync(CancellationToken cancellationToken);

    /// <summary>The database, or null when there is none of that name.</summary>
    Task<MetastoreDatabase?> GetDatabaseAsync(string name, CancellationToken cancellationToken);

    /// <summary>Creates a database; one of that name existing is an error (DuplicateObject).</summary>
    Task CreateDatabaseAsync(MetastoreDatabase database, CancellationToken cancellationToken);

    /// <summary>Drops a database; with tables in it that is an error unless <paramref name="cascade"/>, which drops them too.</summary>
    Task DropDatabaseAsync(string name, bool cascade, CancellationToken cancellationToken);

    Task<IReadOnlyList<MetastoreTable>> ListTablesAsync(string database, CancellationToken cancellationToken);

    /// <summary>The names of a database's tables (a catalog service answers this without sending every definition).</summary>
    async Task<IReadOnlyList<string>> ListTableNamesAsync(string database, CancellationToken cancellationToken) =>
        (await ListTablesAsync(database, cancellationToken).ConfigureAwait(false)).Select(t => t.Name).ToArray();

    /// <summary>The table, or null when the database has none of that name (a missing database is an error).</summary>
    Task<MetastoreTable?> GetTableAsync(string database, string table, CancellationToken cancellationToken);

    /// <summary>Creates a table with no partitions; one of that name existing is an error (DuplicateObject).</summary>
    Task CreateTableAsync(MetastoreTable table, CancellationToken cancellationToken);

    /// <summary>Replaces a table's definition (location, properties); its columns and partition keys must not change.</summary>
    Task AlterTableAsync(MetastoreTable table, CancellationToken cancellationToken);

    /// <summary>Drops a table and its partitions; a missing table is an error (TableNotFound).</summary>
    Task DropTableAsync(string database, string table, CancellationToken cancellationToken);

    /// <summary>Every partition of a table, in the order they were added.</summary>
    Task<IReadOnlyList<MetastorePartition>> ListPartitionsAsync(string database, string table, CancellationToken cancellationToken);

    /// <summary>
    /// The partitions that may satisfy <paramref name="filter"/>: at least every one that does, perhaps more (the
    /// caller checks each again). A catalog service pushes the predicate to its own filter where it can (Hive's
    /// get_partitions_by_filter, Glue's expression); by default every partition is listed.
    /// </summary>
    Task<IReadOnlyList<MetastorePartition>> ListPartitionsAsync(string database, string table, PartitionFilter filter, CancellationToken cancellationToken) =>
        ListPartitionsAsync(database, table, cancellationToken);

    /// <summary>Whether CREATE EXTERNAL DATABASE and DROP ... DROP EXTERNAL DATABASE may change this catalog's databases (not a Hive metastore's, as in Redshift).</summary>
    bool ManagesDatabases => true;

    /// <summary>Adds partitions, all or none: one whose values exist already (or that repeats another) is an error (DuplicateObject).</summary>
    Task AddPartitionsAsync(string database, string table, IReadOnlyList<MetastorePartition> partitions, CancellationToken cancellationToken);

    /// <summary>Drops partitions by their values, all or none: a missing one is an error (ObjectNotFound).</summary>
    Task DropPartitionsAsync(string database, string table, IReadOnlyList<IReadOnlyList<string?>> values, CancellationToken cancellationToken);

    /// <summary>Replaces the partition with the same values (its location); a missing one is an error (ObjectNotFound).</summary>
    Task AlterPartitionAsync(string database, string table, MetastorePartition partition, CancellationToken cancellationToken);
}
