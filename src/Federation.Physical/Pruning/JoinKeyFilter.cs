using Federation.Execution;

namespace Federation.Physical.Pruning;

/// <summary>
/// A dynamic filter: a hash join's build-side keys offered to the scan under its probe side. When its build side is
/// complete the join publishes its key table (<see cref="JoinKeySlot"/>), and the scan drops rows whose keys cannot
/// match before copying them out of the reader, so rows the join would discard never travel up the plan. Planned
/// once with the plan; the table lives in each execution's <see cref="TaskContext"/>, so a plan run twice never sees
/// another run's keys.
/// </summary>
public sealed class JoinKeyFilter(string description, IReadOnlyList<int>? keys = null)
{
    /// <summary>What the join matches on, for EXPLAIN: "o_orderkey = l_orderkey".</summary>
    public string Description { get; } = description;

    /// <summary>
    /// Which of the join's keys the filter checks (positions in its key list); null: all of them. A join on several
    /// keys whose probe columns come from different scans filters each scan it can reach by the keys it holds.
    /// </summary>
    public IReadOnlyList<int>? Keys { get; } = keys;

    public JoinKeySlot SlotFor(TaskContext context) => context.GetOrCreateState(this, () => new JoinKeySlot());

    public override string ToString() => Description;

    /// <summary>How a scan's EXPLAIN line names the filters it takes: " join_key_filters=[...]", or nothing.</summary>
    public static string Describe(IReadOnlyList<(JoinKeyFilter Filter, IReadOnlyList<int> Columns)> filters) =>
        filters.Count == 0 ? string.Empty : $" join_key_filters=[{string.Join("; ", filters.Select(f => f.Filter.Description))}]";
}
