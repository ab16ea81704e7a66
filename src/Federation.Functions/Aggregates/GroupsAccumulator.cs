using Apache.Arrow;

namespace Federation.Functions.Aggregates;

/// <summary>
/// Accumulates one aggregate for many groups at once (DataFusion's GroupsAccumulator). The hash aggregate
/// assigns each input row a dense group id; the accumulator keeps one slot per group in typed arrays and
/// updates them in a tight loop per batch. Group ids only grow: groupCount is the number of groups so far.
/// </summary>
public abstract class GroupsAccumulator
{
    /// <summary>Adds input rows: arguments[i] holds row values (already cast to the parameter types).</summary>
    public abstract void Update(ReadOnlySpan<IArrowArray> arguments, ReadOnlySpan<int> groupIds, int groupCount);

    /// <summary>Merges partial states produced by <see cref="State"/> of other accumulators.</summary>
    public abstract void Merge(ReadOnlySpan<IArrowArray> states, ReadOnlySpan<int> groupIds, int groupCount);

    /// <summary>The partial state, one array per state type, one row per group.</summary>
    public abstract IArrowArray[] State(int groupCount);

    /// <summary>The final values, one row per group.</summary>
    public abstract IArrowArray Evaluate(int groupCount);

    /// <summary>Bytes held, for the memory limit.</summary>
    public abstract long SizeInBytes { get; }
}
