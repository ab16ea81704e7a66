using Federation.Common.Types;
using Federation.Logical;
using Federation.Logical.Expressions;
using Federation.Logical.Plans;

namespace Federation.Optimizer.Rules;

/// <summary>
/// Turns [NOT] EXISTS and [NOT] IN subqueries into joins that run the subquery once: a WHERE conjunct becomes a
/// semi join (anti join for NOT), with the subquery's correlated predicates as the join condition; NOT IN over
/// nullable values becomes a null-aware anti join. A subquery elsewhere (under OR, in the select list) becomes
/// a mark join whose boolean column replaces it. Subqueries nested in subqueries are decorrelated first.
/// </summary>
public sealed class DecorrelatePredicateSubquery : ILogicalRule
{
    public string Name => "decorrelate_predicate_subquery";

    public ApplyOrder Order => ApplyOrder.BottomUp;

    public LogicalPlan? Rewrite(LogicalPlan plan, OptimizerContext context) => plan switch
    {
        Filter filter when HasPredicateSubquery(filter.Predicate) => RewriteFilter(filter, context),
        Projection projection when projection.Items.Any(i => HasPredicateSubquery(i.Expr)) => RewriteProjection(projection, context),
        _ => null,
    };

    private static bool HasPredicateSubquery(Expr e) => ExprVisitor.Any(e, x => x is ExistsExpr or InSubqueryExpr);

    /// <summary>Applies this rule everywhere inside a subquery's plan (its own subqueries first).</summary>
    private LogicalPlan Inner(LogicalPlan plan, OptimizerContext context)
    {
        var inputs = plan.Inputs.Select(i => Inner(i, context)).ToArray();
        var current = inputs.Where((p, i) => !ReferenceEquals(p, plan.Inputs[i])).Any() ? plan.WithInputs(inputs) : plan;
        return Rewrite(current, context) ?? current;
    }

    private LogicalPlan? RewriteFilter(Filter filter, OptimizerContext context)
    {
        var outerIds = PlanColumns.Ids(filter.Input);
        var input = filter.Input;
        var remaining = new List<Expr>();
        var changed = false;
        foreach (var conjunct in Conjunctions.Split(filter.Predicate))
        {
            switch (conjunct)
            {
                case ExistsExpr exists when Decorrelate(exists.Plan, null, outerIds, context) is { } d:
                    input = new Join(input, d.Plan, exists.Negated ? JoinType.Anti : JoinType.Semi, d.Condition);
                    changed = true;
                    continue;
                case InSubqueryExpr inSub when Decorrelate(inSub.Plan, inSub.Input, outerIds, context) is { } d:
                    if (inSub.Negated && d.NullAware && d.Correlated)
                    {
                        // Correlated NOT IN over nullable values: a row passes when no correlated row equals it,
                        // is NULL, or it is NULL itself (and the subquery has rows) — an anti join with that condition.
                        input = new Join(input, d.Plan, JoinType.Anti, Conjunctions.Combine([.. d.Correlation, NullAwareMatch(inSub.Input, d.Value)]));
                    }
                    else
                    {
                        input = new Join(input, d.Plan, inSub.Negated ? JoinType.Anti : JoinType.Semi, d.Condition, inSub.Negated && d.NullAware);
                    }

                    changed = true;
                    continue;
            }

            if (HasPredicateSubquery(conjunct))
            {
                var (newInput, rewritten) = MarkJoins(input, conjunct, outerIds, context);
                if (!ReferenceEquals(rewritten, conjunct))
                {
                    input = newInput;
                    remaining.Add(rewritten);
                    changed = true;
                    continue;
                }
            }

            remaining.Add(conjunct);
        }

        if (!changed)
        {
            return null;
        }

        LogicalPlan result = Conjunctions.Combine(remaining) is { } predicate ? new Filter(input, predicate) : input;
        return Correlation.Restore(result, filter.Output);
    }

    private LogicalPlan? RewriteProjection(Projection projection, OptimizerContext context)
    {
        var outerIds = PlanColumns.Ids(projection.Input);
        var input = projection.Input;
        var items = new List<ProjectionItem>();
        var changed = false;
        foreach (var item in projection.Items)
        {
            var (newInput, rewritten) = MarkJoins(input, item.Expr, outerIds, context);
            if (!ReferenceEquals(rewritten, item.Expr))
            {
                changed = true;
                input = newInput;
            }

            items.Add(item with { Expr = rewritten });
        }

        return changed ? projection with { Input = input, Items = items } : null;
    }

    /// <summary>Replaces each EXISTS / IN inside an expression with the mark column of a mark join added to the input.</summary>
    private (LogicalPlan Input, Expr Expr) MarkJoins(LogicalPlan input, Expr expr, HashSet<int> outerIds, OptimizerContext context)
    {
        var current = input;
        var rewritten = ExprRewriter.TransformDown(expr, e =>
        {
            switch (e)
            {
                case ExistsExpr exists when Decorrelate(exists.Plan, null, outerIds, context) is { } d:
                {
                    var mark = context.Ids.NewColumn("exists", SqlType.Boolean, nullable: false);
                    current = new Join(current, d.Plan, JoinType.Mark, d.Condition, false, mark);
                    return exists.Negated ? new NotExpr(new ColumnRef(mark)) : new ColumnRef(mark);
                }

                case InSubqueryExpr inSub when Decorrelate(inSub.Plan, inSub.Input, outerIds, context) is { } d && (!d.Correlated || !d.NullAware):
                {
                    var mark = context.Ids.NewColumn("in", SqlType.Boolean, nullable: d.NullAware);
                    current = new Join(current, d.Plan, JoinType.Mark, d.Condition, d.NullAware, mark);
                    return inSub.Negated ? new NotExpr(new ColumnRef(mark)) : new ColumnRef(mark);
                }

                default:
                    return null;
            }
        });
        return (current, rewritten);
    }

    private sealed record Decorrelated(LogicalPlan Plan, Expr? Condition, bool Correlated, bool NullAware, IReadOnlyList<Expr> Correlation, PlanColumn? Value);

    private static Expr NullAwareMatch(Expr input, PlanColumn? value)
    {
        var column = new ColumnRef(value!);
        return Conjunctions.CombineOr([
            new BinaryExpr(BinaryOp.Equal, input, column, SqlType.Boolean),
            new IsNullExpr(column, false),
            new IsNullExpr(input, false),
        ]);
    }

    /// <summary>
    /// The subquery made independent of the outer query plus the join condition (its correlated predicates, and
    /// for IN the equality of the tested value with the subquery's column); null when it cannot be done.
    /// </summary>
    private Decorrelated? Decorrelate(LogicalPlan subquery, Expr? inValue, HashSet<int> outerIds, OptimizerContext context)
    {
        var plan = Inner(subquery, context);
        var valueColumn = plan.Output[0];
        var pulled = Correlation.Pull(plan, outerIds);
        if (pulled is null)
        {
            return null;
        }

        var conditions = new List<Expr>(pulled.Predicates);
        var nullAware = false;
        if (inValue is not null)
        {
            if (!pulled.Plan.Output.Any(c => c.Id == valueColumn.Id))
            {
                return null;
            }

            conditions.Insert(0, new BinaryExpr(BinaryOp.Equal, inValue, new ColumnRef(valueColumn), SqlType.Boolean));
            nullAware = inValue.Nullable || valueColumn.Nullable;
        }

        return new Decorrelated(pulled.Plan, Conjunctions.Combine(conditions), pulled.Predicates.Count > 0, nullAware, pulled.Predicates,
            inValue is null ? null : valueColumn);
    }

}
