using Federation.Logical.Expressions;
using Federation.Logical.Plans;
using Federation.Logical.Statistics;

namespace Federation.Optimizer.Rules;

/// <summary>
/// A semi or anti join keeps or drops each left row by that row's own columns only, so it acts like a filter and
/// moves down the same way when it is selective: through projections that pass its columns through and into the
/// side of an inner join that produces every left column its condition reads. TPC-H Q18's
/// <c>o_orderkey IN (SELECT l_orderkey ... HAVING ...)</c> then cuts orders to a few rows before orders meet
/// lineitem, instead of after six million joined rows.
/// </summary>
public sealed class PushDownSemiJoin : ILogicalRule
{
    public string Name => "push_down_semi_join";

    public ApplyOrder Order => ApplyOrder.TopDown;

    public LogicalPlan? Rewrite(LogicalPlan plan, OptimizerContext context)
    {
        if (plan is not Join { Type: JoinType.Semi or JoinType.Anti, Condition: { } condition } semi)
        {
            return null;
        }

        var rightIds = PlanColumns.Ids(semi.Right);
        var leftReads = ExprVisitor.ColumnIds(condition);
        leftReads.ExceptWith(rightIds);
        if (leftReads.Count == 0)
        {
            // Decides for all rows at once; it does not matter where it runs, and the rows are fewest here.
            return null;
        }

        return PushInto(semi, semi.Left, leftReads);
    }

    private static LogicalPlan? PushInto(Join semi, LogicalPlan input, HashSet<int> leftReads)
    {
        switch (input)
        {
            case Projection projection when PassesThrough(projection, leftReads):
                return projection with { Input = Pushed(semi, projection.Input, leftReads) };
            case Join { Type: JoinType.Inner } inner:
                if (leftReads.IsSubsetOf(PlanColumns.Ids(inner.Left)) && Worthwhile(semi, inner.Left, inner))
                {
                    return inner with { Left = Pushed(semi, inner.Left, leftReads) };
                }

                if (leftReads.IsSubsetOf(PlanColumns.Ids(inner.Right)) && Worthwhile(semi, inner.Right, inner))
                {
                    return inner with { Right = Pushed(semi, inner.Right, leftReads) };
                }

                return null;
            default:
                return null;
        }
    }

    // Pushes further when it can; otherwise the semi join settles right here.
    private static LogicalPlan Pushed(Join semi, LogicalPlan input, HashSet<int> leftReads) =>
        PushInto(semi, input, leftReads) ?? semi with { Left = input };

    // Below the join the semi join probes the side's rows instead of the join's output. That pays when the side is
    // no bigger than the output (Q18: orders under orders ⋈ lineitem), or when it removes most rows so the join
    // itself gets cheaper. Q21's EXISTS keeps nearly every lineitem row, and the joins with orders and supplier
    // shrink those rows first: there it stays on top.
    private static bool Worthwhile(Join semi, LogicalPlan side, Join inner)
    {
        var rows = CardinalityEstimator.Estimate(side);
        return rows <= CardinalityEstimator.Estimate(inner)
            || CardinalityEstimator.Estimate(semi with { Left = side }) <= rows * MaxPushedSelectivity;
    }

    private const double MaxPushedSelectivity = 0.25;

    private static bool PassesThrough(Projection projection, HashSet<int> leftReads)
    {
        var passed = 0;
        foreach (var item in projection.Items)
        {
            if (leftReads.Contains(item.Column.Id))
            {
                if (item.Expr is not ColumnRef reference || reference.Column.Id != item.Column.Id)
                {
                    return false;
                }

                passed++;
            }
        }

        return passed == leftReads.Count;
    }
}
