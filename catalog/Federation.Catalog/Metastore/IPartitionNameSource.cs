namespace Federation.Catalog.Metastore;

/// <summary>
/// A metastore whose partition look-up comes apart in the steps a cache keeps separately: the service's own filter
/// (which it may refuse), the list of partition names (cheap: no storage descriptors), and a fetch of named
/// partitions. With these, a filter the service refuses costs one name listing (kept by the cache) and a fetch of
/// only the partitions the engine's pruning leaves, instead of every partition.
/// </summary>
public interface IPartitionNameSource
{
    /// <summary>The partitions that may satisfy <paramref name="predicate"/> as the service evaluates it, or null when it cannot (it refuses the filter, or the predicate cannot be written in its grammar).</summary>
    Task<IReadOnlyList<MetastorePartition>?> TryListPartitionsAsync(string database, string table, PartitionPredicate predicate, CancellationToken cancellationToken);

    /// <summary>Every partition's name and values.</summary>
    Task<IReadOnlyList<MetastorePartitionName>> ListPartitionNamesAsync(string database, string table, CancellationToken cancellationToken);

    /// <summary>The partitions of these names (one gone meanwhile is left out), in as many calls as the service's batch limit needs.</summary>
    Task<IReadOnlyList<MetastorePartition>> GetPartitionsAsync(string database, string table, IReadOnlyList<MetastorePartitionName> names, CancellationToken cancellationToken);
}
