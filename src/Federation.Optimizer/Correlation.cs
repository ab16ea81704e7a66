using Federation.Common.Types;
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

    /// <summary>
    /// In a filter that equates one of the subquery's own columns with an enclosing query's column (s.pid = p.id),
    /// every row the filter keeps has the two equal, so the subqueries nested in the filter's other conjuncts may
    /// read the subquery's column instead. A reference two levels out, (SELECT MIN(qty) FROM s s2 WHERE s2.pid =
    /// p.id) inside a subquery over s, so becomes an ordinary correlation with its parent (s2.pid = s.pid), which
    /// the decorrelation rules remove. Only types whose equal values are identical qualify: not floats (-0 = 0),
    /// intervals (1 day = 24 hours) or CHAR of another length.
    /// </summary>
    public static LogicalPlan SubstituteEquivalentOuter(LogicalPlan plan, IReadOnlySet<int> outerIds)
    {
        var inputs = plan.Inputs.Select(i => SubstituteEquivalentOuter(i, outerIds)).ToArray();
        var current = inputs.Where((p, i) => !ReferenceEquals(p, plan.Inputs[i])).Any() ? plan.WithInputs(inputs) : plan;
        if (current is not Filter filter)
        {
            return current;
        }

        var conjuncts = Conjunctions.Split(filter.Predicate);
        var equivalents = new Dictionary<int, PlanColumn>();
        foreach (var conjunct in conjuncts)
        {
            var pair = conjunct is BinaryExpr { Op: BinaryOp.Equal } eq
                ? (eq.Left, eq.Right) switch
                {
                    (ColumnRef i, OuterColumnRef o) => (Inner: i, Outer: o),
                    (OuterColumnRef o, ColumnRef i) => (Inner: i, Outer: o),
                    _ => ((ColumnRef Inner, OuterColumnRef Outer)?)null,
                }
                : null;
            if (pair is var (inner, outer) && outerIds.Contains(outer.Column.Id) && IdentityEquality(inner.Type, outer.Type))
            {
                equivalents.TryAdd(outer.Column.Id, inner.Column);
            }
        }

        if (equivalents.Count == 0)
        {
            return current;
        }

        var rewritten = conjuncts.Select(c => ExprRewriter.TransformUp(c, e => e switch
        {
            ScalarSubqueryExpr sub => sub with { Plan = OuterReferences.Remap(sub.Plan, equivalents) },
            ExistsExpr sub => sub with { Plan = OuterReferences.Remap(sub.Plan, equivalents) },
            InSubqueryExpr sub => sub with { Plan = OuterReferences.Remap(sub.Plan, equivalents) },
            _ => null,
        })).ToList();
        return rewritten.Where((c, i) => !ReferenceEquals(c, conjuncts[i])).Any()
            ? new Filter(filter.Input, Conjunctions.Combine(rewritten)!)
            : current;
    }

    private static bool IdentityEquality(SqlType a, SqlType b) =>
        a == b && a.Kind is not (TypeKind.Float32 or TypeKind.Float64 or TypeKind.Interval or TypeKind.Null);

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
