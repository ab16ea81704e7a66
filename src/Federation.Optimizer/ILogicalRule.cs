using Federation.Logical.Plans;

namespace Federation.Optimizer;

/// <summary>
/// One optimizer rule. <see cref="Rewrite"/> returns the replacement for a node (or the whole plan for
/// <see cref="ApplyOrder.Whole"/>), or null when the rule does not apply. A rule must not change the node's
/// output columns (ids and types); the driver checks and names the rule that did.
/// </summary>
public interface ILogicalRule
{
    /// <summary>snake_case name used in settings and EXPLAIN VERBOSE.</summary>
    string Name { get; }

    ApplyOrder Order { get; }

    LogicalPlan? Rewrite(LogicalPlan plan, OptimizerContext context);
}
