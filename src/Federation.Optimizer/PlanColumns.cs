using Federation.Logical.Expressions;
using Federation.Logical.Plans;

namespace Federation.Optimizer;

/// <summary>Small helpers rules share about which columns plans produce and expressions read.</summary>
internal static class PlanColumns
{
    public static HashSet<int> Ids(LogicalPlan plan) => plan.Output.Select(c => c.Id).ToHashSet();
}
