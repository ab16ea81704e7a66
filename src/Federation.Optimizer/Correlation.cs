using Federation.Logical;
using Federation.Logical.Expressions;
using Federation.Logical.Plans;

namespace Federation.Optimizer;

/// <summary>
/// Pulls the predicates that tie a subquery to its enclosing query (those reading the enclosing query's columns,
/// given as <c>outerIds</c>) out of the subquery, so the subquery can run once and be joined on them. Predicates
/// are taken from filters and inner-join conditions reachable through projections, filters and inner joins;
/// projections are widened to expose the inner columns the predicates read.
/// </summary>
internal static class Correlation
{
    public sealed record Pulled(LogicalPlan Plan, List<Expr> Predicates);

    /// <summary>The subquery without its correlation, or null when the correlation sits somewhere it cannot be pulled from.</summary>
    public static Pulled? Pull(LogicalPlan plan, IReadOnlySet<int> outerIds)
    {
        var result = PullFrom(plan, outerIds);
        if (result is null || References(result.Plan, outerIds))
        {
            return null;
        }

        return result;
    }

    private static Pulled? PullFrom(LogicalPlan plan, IReadOnlySet<int> outerIds)
    {
        if (!References(plan, outerIds))
        {
            return new Pulled(plan, []);
        }

        switch (plan)
        {
            case Filter filter:
            {
                var inner = PullFrom(filter.Input, outerIds);
                if (inner is null)
                {
                    return null;
                }

                var kept = new List<Expr>();
                var pulled = new List<Expr>(inner.Predicates);
                foreach (var conjunct in Conjunctions.Split(filter.Predicate))
                {
                    if (ReadsOuter(conjunct, outerIds))
                    {
                        pulled.Add(ToInner(conjunct, outerIds));
                    }
                    else
                    {
                        kept.Add(conjunct);
                    }
                }

                var rebuilt = Conjunctions.Combine(kept) is { } predicate ? new Filter(inner.Plan, predicate) : inner.Plan;
                return new Pulled(rebuilt, pulled);
            }

            case Projection projection:
            {
                if (projection.Items.Any(i => ReadsOuter(i.Expr, outerIds)))
                {
                    return null;
                }

                var inner = PullFrom(projection.Input, outerIds);
                if (inner is null)
                {
                    return null;
                }

                // The pulled predicates read inner columns the projection may drop: pass them through.
                var exposed = projection.Items.Select(i => i.Column.Id).ToHashSet();
                var items = projection.Items.ToList();
                var innerColumns = inner.Plan.Output.ToDictionary(c => c.Id);
                foreach (var predicate in inner.Predicates)
                {
                    foreach (var id in ExprVisitor.ColumnIds(predicate))
                    {
                        if (!outerIds.Contains(id) && !exposed.Contains(id) && innerColumns.TryGetValue(id, out var column))
                        {
                            items.Add(new ProjectionItem(new ColumnRef(column), column));
                            exposed.Add(id);
                        }
                    }
                }

                return new Pulled(projection with { Input = inner.Plan, Items = items }, inner.Predicates);
            }

            case Join { Type: JoinType.Inner } join:
            {
                var left = PullFrom(join.Left, outerIds);
                var right = PullFrom(join.Right, outerIds);
                if (left is null || right is null)
                {
                    return null;
                }

                var kept = new List<Expr>();
                var pulled = new List<Expr>([.. left.Predicates, .. right.Predicates]);
                foreach (var conjunct in Conjunctions.Split(join.Condition))
                {
                    if (ReadsOuter(conjunct, outerIds))
                    {
                        pulled.Add(ToInner(conjunct, outerIds));
                    }
                    else
                    {
                        kept.Add(conjunct);
                    }
                }

                return new Pulled(join with { Left = left.Plan, Right = right.Plan, Condition = Conjunctions.Combine(kept) }, pulled);
            }

            case Sort sort:
                // Row order inside a subquery used as a set of values does not matter.
                return PullFrom(sort.Input, outerIds);

            default:
                return null;
        }
    }

    public static bool ReadsOuter(Expr e, IReadOnlySet<int> outerIds) => ExprVisitor.Any(e, x => x is OuterColumnRef o && outerIds.Contains(o.Column.Id));

    /// <summary>Turns references to the enclosing query into ordinary column references (they are join inputs now).</summary>
    public static Expr ToInner(Expr e, IReadOnlySet<int> outerIds) =>
        ExprRewriter.TransformUp(e, x => x is OuterColumnRef o && outerIds.Contains(o.Column.Id) ? new ColumnRef(o.Column) : null);

    /// <summary>True when anything in the plan (including nested subqueries) refers to one of the ids as an outer column.</summary>
    public static bool References(LogicalPlan plan, IReadOnlySet<int> outerIds)
    {
        foreach (var e in plan.Expressions)
        {
            if (ReadsOuter(e, outerIds))
            {
                return true;
            }

            foreach (var sub in ExprVisitor.Subqueries(e))
            {
                if (References(sub, outerIds))
                {
                    return true;
                }
            }
        }

        foreach (var input in plan.Inputs)
        {
            if (References(input, outerIds))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A projection over <paramref name="plan"/> with exactly <paramref name="columns"/> (passed through).</summary>
    public static LogicalPlan Restore(LogicalPlan plan, IReadOnlyList<PlanColumn> columns) =>
        plan.Output.Select(c => c.Id).SequenceEqual(columns.Select(c => c.Id))
            ? plan
            : new Projection(plan, columns.Select(c => new ProjectionItem(new ColumnRef(c), c)).ToArray());
}
