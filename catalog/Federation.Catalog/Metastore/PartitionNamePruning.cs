namespace Federation.Catalog.Metastore;

/// <summary>
/// The partition look-up over an <see cref="IPartitionNameSource"/> without a cache: the service's filter first; when
/// it refuses, the names, pruned by the engine's callback, and a fetch of the survivors; with neither, every partition.
/// </summary>
public static class PartitionNamePruning
{
    public static async Task<IReadOnlyList<MetastorePartition>> ListAsync(IMetastore metastore, IPartitionNameSource source, string database, string table,
        PartitionFilter filter, CancellationToken cancellationToken)
    {
        if (filter.Predicate is { } predicate
            && await source.TryListPartitionsAsync(database, table, predicate, cancellationToken).ConfigureAwait(false) is { } matching)
        {
            return matching;
        }

        if (filter.Prune is not { } prune)
        {
            return await metastore.ListPartitionsAsync(database, table, cancellationToken).ConfigureAwait(false);
        }

        var names = await source.ListPartitionNamesAsync(database, table, cancellationToken).ConfigureAwait(false);
        var survivors = Survivors(new PartitionValueList(names), prune);
        return survivors.Count == 0 ? [] : await source.GetPartitionsAsync(database, table, survivors, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The names whose values the engine's pruning keeps.</summary>
    public static List<MetastorePartitionName> Survivors(PartitionValueList values, Func<PartitionValueList, bool[]> prune)
    {
        var names = values.Names;
        var keep = prune(values);
        var survivors = new List<MetastorePartitionName>();
        for (var i = 0; i < names.Count; i++)
        {
            if (keep[i])
            {
                survivors.Add(names[i]);
            }
        }

        return survivors;
    }
}
