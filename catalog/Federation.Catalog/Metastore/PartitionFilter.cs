namespace Federation.Catalog.Metastore;

/// <summary>
/// What a scan knows about the partitions it needs, handed to <see cref="IMetastore.ListPartitionsAsync(string, string, PartitionFilter, CancellationToken)"/>
/// so that a metastore with many partitions never sends them all: <see cref="Predicate"/>, the part of the query's
/// filter a service can evaluate (null when none can be expressed), and <see cref="Prune"/>, the engine's own
/// evaluation of the whole partition filter over partition values (one list per partition, in key order, kept with
/// the cache's name list so the engine's parsed form of them is kept too), which a
/// metastore may apply to partition names before fetching partitions. Both may only rule out partitions that the
/// engine would rule out too; the engine checks every partition it is given again, so a metastore may return more.
/// </summary>
public sealed record PartitionFilter(PartitionPredicate? Predicate, Func<PartitionValueList, bool[]>? Prune)
{
    /// <summary>No filter: every partition.</summary>
    public static readonly PartitionFilter All = new(null, null);
}
