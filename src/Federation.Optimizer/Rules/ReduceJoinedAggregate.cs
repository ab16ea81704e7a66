using Federation.Common.Types;
using Federation.Logical;
using Federation.Logical.Expressions;
using Federation.Logical.Plans;
using Federation.Logical.Statistics;

namespace Federation.Optimizer.Rules;

/// <summary>
/// Semi-join reduction of an aggregate that is joined on its group keys: when a small input X joins
/// GROUP BY k (Y) on x = k, only the groups X can match are needed, so Y is first semi-joined with a copy of
/// the small subtree of X that produces x. This is what a decorrelated scalar subquery needs (TPC-H Q17:
/// the average quantity of only the ~200 parts that pass the part filter, not of all 200,000).
/// </summary>
public sealed class ReduceJoinedAggregate : ILogicalRule
{
    /// <summary>Reduce only when the aggregate's input is this many times larger than the key source.</summary>
    private const double MinimumReduction = 4;

    public string Name => "reduce_joined_aggregate";

    public ApplyOrder Order => ApplyOrder.BottomUp;

    public LogicalPlan? Rewrite(LogicalPlan plan, OptimizerContext context)
    {
        if (plan is not Join { Type: JoinType.Inner or JoinType.Left, NullAware: false, Condition: { } condition } join)
        {
            return null;
        }

        // The aggregate may be either input of an inner join; of a left join only the right (padded) one.
        if (Reduce(join.Left, join.Right, condition, context) is { } right)
        {
            return join with { Right = right };
        }

        return join.Type == JoinType.Inner && Reduce(join.Right, join.Left, condition, context) is { } left ? join with { Left = left } : null;
    }

    /// <summary>The aggregate side, reduced to the groups the other side can match, or null.</summary>
    private static LogicalPlan? Reduce(LogicalPlan other, LogicalPlan aggregateSide, Expr condition, OptimizerContext context)
    {
        if (Unwrap(aggregateSide) is not { } aggregate || aggregate.GroupBy.Count == 0 || aggregate.Input is Join { Type: JoinType.Semi })
        {
            return null;
        }

        // x = k pairs where k is a group key that is a plain input column of the aggregate.
        var groupOf = new Dictionary<int, (PlanColumn Output, Expr Key)>();
        foreach (var g in aggregate.GroupBy)
        {
            groupOf[g.Column.Id] = (g.Column, g.Expr);
        }

        var passthrough = PassThrough(aggregateSide);
        var leftIds = PlanColumns.Ids(other);
        var pairs = new List<(ColumnRef Outer, Expr InnerKey)>();
        foreach (var c in Conjunctions.Split(condition))
        {
            if (c is BinaryExpr { Op: BinaryOp.Equal } eq)
            {
                var (outer, inner) = eq.Left is ColumnRef l && leftIds.Contains(l.Id) ? (l, eq.Right) : eq.Right is ColumnRef r && leftIds.Contains(r.Id) ? (r, eq.Left) : (null, null);
                if (outer is not null && inner is ColumnRef innerRef && passthrough.TryGetValue(innerRef.Id, out var groupId) && groupOf.TryGetValue(groupId, out var group)
                    && group.Key is ColumnRef)
                {
                    pairs.Add((outer, group.Key));
                }
            }
        }

        if (pairs.Count == 0)
        {
            return null;
        }

        var source = KeySource(other, pairs.Select(p => p.Outer.Id).ToHashSet());
        if (source is null || CardinalityEstimator.Estimate(source) * MinimumReduction > CardinalityEstimator.Estimate(aggregate.Input))
        {
            return null;
        }

        if (PlanCloner.Clone(source, context.Ids) is not { } copy)
        {
            return null;
        }

        var semiCondition = Conjunctions.Combine(pairs.Select(p => (Expr)new BinaryExpr(BinaryOp.Equal, p.InnerKey, new ColumnRef(copy.Columns[p.Outer.Id]), SqlType.Boolean)));
        var reduced = aggregate with { Input = new Join(aggregate.Input, copy.Plan, JoinType.Semi, semiCondition) };
        return Replace(aggregateSide, reduced);
    }

    /// <summary>The aggregate under an optional projection.</summary>
    private static Aggregate? Unwrap(LogicalPlan plan) => plan switch
    {
        Aggregate a => a,
        Projection { Input: Aggregate a } => a,
        _ => null,
    };

    private static LogicalPlan Replace(LogicalPlan plan, Aggregate replacement) => plan switch
    {
        Aggregate => replacement,
        Projection p => p with { Input = replacement },
        _ => plan,
    };

    /// <summary>Output column id → the aggregate column it passes through unchanged.</summary>
    private static Dictionary<int, int> PassThrough(LogicalPlan plan)
    {
        var result = new Dictionary<int, int>();
        if (plan is Projection projection)
        {
            foreach (var item in projection.Items)
            {
                if (item.Expr is ColumnRef c)
                {
                    result[item.Column.Id] = c.Id;
                }
            }
        }
        else
        {
            foreach (var c in plan.Output)
            {
                result[c.Id] = c.Id;
            }
        }

        return result;
    }

    /// <summary>
    /// The smallest subtree of the outer input that produces all the key columns unchanged: descend through
    /// inner joins (and the kept side of outer joins) toward the side holding the keys; stop at anything else,
    /// so filters and semi joins stay in the source and keep it small.
    /// </summary>
    private static LogicalPlan? KeySource(LogicalPlan plan, HashSet<int> keys)
    {
        while (true)
        {
            if (!keys.All(PlanColumns.Ids(plan).Contains))
            {
                return null;
            }

            switch (plan)
            {
                case Join { Type: JoinType.Inner or JoinType.Left } join when keys.All(PlanColumns.Ids(join.Left).Contains):
                    plan = join.Left;
                    continue;
                case Join { Type: JoinType.Inner } join when keys.All(PlanColumns.Ids(join.Right).Contains):
                    plan = join.Right;
                    continue;
                case Projection projection when projection.Items.All(i => !keys.Contains(i.Column.Id) || i.Expr is ColumnRef { } c && c.Id == i.Column.Id):
                    plan = projection.Input;
                    continue;
                default:
                    return plan;
            }
        }
    }
}
