using Federation.Execution;

namespace Federation.Physical.Pruning;

/// <summary>
/// A dynamic filter: a hash join's build-side keys offered to the scan under its probe side. When its build side is
/// complete the join publishes its key table (<see cref="JoinKeySlot"/>), and the scan drops rows whose keys cannot
/// match before copying them out of the reader, so rows the join would discard never travel up the plan. Planned
/// once with the plan; the table lives in each execution's <see cref="TaskContext"/>, so a plan run twice never sees
/// another run's keys.
/// </summary>
public sealed class JoinKeyFilter(string description)
{
    /// <summary>What the join matches on, for EXPLAIN: "o_orderkey = l_orderkey".</summary>
    public string Description { get; } = description;

    public JoinKeySlot SlotFor(TaskContext context) => context.GetOrCreateState(this, () => new JoinKeySlot());

    public override string ToString() => Description;
}
