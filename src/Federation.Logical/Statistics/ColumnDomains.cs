using Federation.Logical.Expressions;
using Federation.Logical.Plans;

namespace Federation.Logical.Statistics;

/// <summary>
/// An upper bound on the number of distinct values of each output column: a column read unchanged from a
/// table has at most as many distinct values as the table has rows (the table's key has exactly that many).
/// Joins use it as the number of distinct join-key values: |A ⋈ B| ≈ |A| · |B| / distinct(key).
/// </summary>
public static class ColumnDomains
{
    public static Dictionary<int, double> Of(LogicalPlan plan)
    {
        var result = new Dictionary<int, double>();
        Fill(plan, result);
        return result;
    }

    private static void Fill(LogicalPlan plan, Dictionary<int, double> result)
    {
        switch (plan)
        {
            case TableScan scan:
            {
                var statistics = scan.Source.Statistics;
                var rows = statistics.RowCount ?? CardinalityEstimator.UnknownTableRows;
                foreach (var c in scan.Columns)
                {
                    result[c.Column.Id] = Math.Min(rows, statistics.Column(c.SourceIndex)?.DistinctCount ?? rows);
                }

                return;
            }

            case Filter or Sort or Limit:
                Fill(plan.Inputs[0], result);
                return;
            case Projection projection:
            {
                var inner = Of(projection.Input);
                var estimate = CardinalityEstimator.Estimate(projection.Input);
                foreach (var item in projection.Items)
                {
                    result[item.Column.Id] = item.Expr is ColumnRef c && inner.TryGetValue(c.Id, out var d) ? d : estimate;
                }

                return;
            }

            case Join join:
                Fill(join.Left, result);
                Fill(join.Right, result);
                return;
            default:
            {
                var estimate = CardinalityEstimator.Estimate(plan);
                foreach (var c in plan.Output)
                {
                    result[c.Id] = estimate;
                }

                return;
            }
        }
    }

    /// <summary>
    /// Estimated size of joining two inputs on the given conjuncts: the most selective equi-condition decides;
    /// without one, a tenth of the cross product per non-equi condition.
    /// </summary>
    public static double JoinRows(double leftRows, double rightRows, IReadOnlyList<Expr> conjuncts, IReadOnlyDictionary<int, double> domains)
    {
        double? best = null;
        var other = 0;
        foreach (var c in conjuncts)
        {
            if (c is BinaryExpr { Op: BinaryOp.Equal or BinaryOp.IsNotDistinctFrom } eq)
            {
                var a = Domain(eq.Left, domains);
                var b = Domain(eq.Right, domains);
                if (a is not null && b is not null)
                {
                    var distinct = Math.Max(1, Math.Min(a.Value, b.Value));
                    best = best is null ? distinct : Math.Max(best.Value, distinct);
                    continue;
                }
            }

            other++;
        }

        var rows = best is { } d ? leftRows * rightRows / d : leftRows * rightRows;
        for (var i = 0; i < other; i++)
        {
            rows *= best is null ? 0.1 : 0.5;
        }

        return Math.Max(1, rows);
    }

    private static double? Domain(Expr e, IReadOnlyDictionary<int, double> domains)
    {
        var ids = ExprVisitor.ColumnIds(e);
        if (ids.Count == 0)
        {
            return null;
        }

        double? max = null;
        foreach (var id in ids)
        {
            if (!domains.TryGetValue(id, out var d))
            {
                return null;
            }

            max = max is null ? d : Math.Max(max.Value, d);
        }

        return max;
    }
}
