namespace Federation.Physical.Pruning;

/// <summary>A scan that can drop rows by a hash join's build-side keys (see <see cref="JoinKeyFilter"/>).</summary>
public interface IJoinKeyFilterTarget
{
    /// <summary>This scan, also keeping only rows whose <paramref name="keyColumns"/> (output positions) are among the filter's keys.</summary>
    PhysicalOperator WithJoinKeyFilter(JoinKeyFilter filter, IReadOnlyList<int> keyColumns);
}
