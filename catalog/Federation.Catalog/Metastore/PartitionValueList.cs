using System.Collections;
using System.Collections.Concurrent;

namespace Federation.Catalog.Metastore;

/// <summary>
/// A table's partition names and their values (one list per partition, in key order; null is the default partition),
/// as the engine's pruning (<see cref="PartitionFilter.Prune"/>) reads them. The metadata cache keeps one per name
/// listing, and with it what the engine derives from the text (<see cref="GetOrAdd{T}"/>: the values parsed to the
/// keys' types, as columns), so a warm query prunes without parsing 10,000 names again.
/// </summary>
public sealed class PartitionValueList : IReadOnlyList<IReadOnlyList<string?>>
{
    private readonly ConcurrentDictionary<string, object> _derived = new(StringComparer.Ordinal);

    public PartitionValueList(IReadOnlyList<MetastorePartitionName> names)
    {
        Names = names;
    }

    /// <summary>The listing's names, in its order (the values' order too).</summary>
    public IReadOnlyList<MetastorePartitionName> Names { get; }

    public int Count => Names.Count;

    public IReadOnlyList<string?> this[int index] => Names[index].Values;

    /// <summary>
    /// What <paramref name="derive"/> makes of these values, made once per <paramref name="key"/> and kept as long as
    /// the list is: the key must name everything the result depends on besides the values (such as the keys' types).
    /// </summary>
    public T GetOrAdd<T>(string key, Func<PartitionValueList, T> derive)
        where T : class =>
        (T)_derived.GetOrAdd(key, static (_, state) => state.Derive(state.List), (Derive: derive, List: this));

    public IEnumerator<IReadOnlyList<string?>> GetEnumerator()
    {
        foreach (var name in Names)
        {
            yield return name.Values;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
