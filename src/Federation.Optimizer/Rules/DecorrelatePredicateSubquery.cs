using Federation.Common.Types;
using Federation.Logical;
using Federation.Logical.Expressions;
using Federation.Logical.Plans;

namespace Federation.Optimizer.Rules;

/// <summary>
/// Turns [NOT] EXISTS, [NOT] IN and quantified comparisons (x op ANY|ALL (q)) into joins that run the subquery
/// once: a WHERE conjunct becomes a semi join (anti join for NOT), with the subquery's correlated predicates as
/// the join condition; NOT IN over nullable values becomes a null-aware anti join. A subquery elsewhere (under
/// OR, in the select list) becomes a mark join whose boolean column replaces it. An uncorrelated x &lt; ANY (q)
/// and its kin need no join on the comparison at all: they compare x with q's minimum or maximum, joined once.
/// Subqueries nested in subqueries are decorrelated first.
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
                case InSubqueryExpr inSub when Decorrelate(inSub.Plan, inSub.Input, outerIds, context, inSub.Op) is { } d:
                    if (!d.Correlated && inSub.Op != BinaryOp.Equal)
                    {
                        (input, var test) = ViaExtremes(input, inSub, d, context);
                        remaining.Add(test);
                    }
                    else if (inSub.Negated && d.NullAware && (d.Correlated || inSub.Op != BinaryOp.Equal))
                    {
                        // Correlated NOT IN (or NOT (x op ANY q)) over nullable values: a row passes when no correlated
                        // row compares true with it, or is NULL, or it is NULL itself (and the subquery has rows) — an
                        // anti join with that condition.
                        input = new Join(input, d.Plan, JoinType.Anti, Conjunctions.Combine([.. d.Correlation, NullAwareMatch(inSub.Op, inSub.Input, d.Value)]));
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

    /// <summary>Replaces each EXISTS / IN / quantified comparison inside an expression with the mark column of a mark join added to the input.</summary>
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

                case InSubqueryExpr inSub when Decorrelate(inSub.Plan, inSub.Input, outerIds, context, inSub.Op) is { } d:
                {
                    Expr test;
                    if (!d.Correlated && inSub.Op != BinaryOp.Equal)
                    {
                        (current, test) = ViaExtremes(current, inSub, d, context);
                        return test;
                    }

                    if (!d.NullAware || (!d.Correlated && inSub.Op == BinaryOp.Equal))
                    {
                        // Without NULLs a plain mark join answers; an uncorrelated IN's NULLs a null-aware one handles.
                        var mark = context.Ids.NewColumn("in", SqlType.Boolean, nullable: d.NullAware);
                        current = new Join(current, d.Plan, JoinType.Mark, d.Condition, d.NullAware, mark);
                        test = new ColumnRef(mark);
                    }
                    else if (WithUnknownMark(current, inSub, d, context) is { } marked)
                    {
                        (current, test) = marked;
                    }
                    else
                    {
                        return null;
                    }

                    return inSub.Negated ? new NotExpr(test) : test;
                }

                default:
                    return null;
            }
        });
        return (current, rewritten);
    }

    private sealed record Decorrelated(LogicalPlan Plan, Expr? Condition, bool Correlated, bool NullAware, IReadOnlyList<Expr> Correlation, PlanColumn? Value);

    /// <summary>Whether a subquery row may make input op ANY (q) true or NULL: the comparison is true, or one side is NULL.</summary>
    private static Expr NullAwareMatch(BinaryOp op, Expr input, PlanColumn? value)
    {
        var column = new ColumnRef(value!);
        return Conjunctions.CombineOr([new BinaryExpr(op, input, column, SqlType.Boolean), .. NullTests(input, column)]);
    }

    /// <summary>IS NULL tests for those of the two comparison operands that can be NULL.</summary>
    private static List<Expr> NullTests(Expr input, Expr column)
    {
        var tests = new List<Expr>(2);
        if (input.Nullable)
        {
            tests.Add(new IsNullExpr(input, false));
        }

        if (column.Nullable)
        {
            tests.Add(new IsNullExpr(column, false));
        }

        return tests;
    }

    /// <summary>
    /// A correlated x op ANY (q) over nullable values outside a WHERE conjunct, where the answer has three values:
    /// one mark join finds a row comparing true, a second one over a copy of q finds a correlated row whose
    /// comparison is NULL (x or its value is NULL). CASE WHEN true-mark THEN true WHEN null-mark THEN NULL ELSE
    /// false END. Null when q cannot be copied.
    /// </summary>
    private static (LogicalPlan Input, Expr Test)? WithUnknownMark(LogicalPlan input, InSubqueryExpr inSub, Decorrelated d, OptimizerContext context)
    {
        if (PlanCloner.Clone(d.Plan, context.Ids) is not { } cloned)
        {
            return null;
        }

        var (copy, columns) = cloned;

        Expr Map(Expr e) => ExprRewriter.TransformUp(e, x => x is ColumnRef c && columns.TryGetValue(c.Id, out var m) ? new ColumnRef(m) : null);

        var found = context.Ids.NewColumn("any", SqlType.Boolean, nullable: false);
        var unknown = context.Ids.NewColumn("any_null", SqlType.Boolean, nullable: false);
        var withFound = new Join(input, d.Plan, JoinType.Mark, d.Condition, false, found);
        var unknownCondition = Conjunctions.Combine([
            .. d.Correlation.Select(Map),
            Conjunctions.CombineOr(NullTests(inSub.Input, Map(new ColumnRef(d.Value!)))),
        ]);
        var withUnknown = new Join(withFound, copy, JoinType.Mark, unknownCondition, false, unknown);
        var test = new CaseExpr(
            [new CaseWhen(new ColumnRef(found), Literal.True), new CaseWhen(new ColumnRef(unknown), Literal.NullOf(SqlType.Boolean))],
            Literal.False, SqlType.Boolean);
        return (withUnknown, test);
    }

    /// <summary>
    /// An uncorrelated x op ANY (q) for op in &lt;, &lt;=, &gt;, &gt;=, &lt;&gt;: some row of q compares true exactly when x compares
    /// true with q's maximum (for &lt;, &lt;=) or minimum (for &gt;, &gt;=), or, for &lt;&gt;, differs from the minimum or the
    /// maximum. q is aggregated once into one row (MIN, MAX, COUNT(*), COUNT(value)) that every input row is
    /// joined with, instead of comparing every pair of rows. The counts give SQL's NULL rules: an empty q is false;
    /// otherwise, without a true comparison, a NULL x or a NULL in q makes the answer NULL.
    /// </summary>
    private static (LogicalPlan Input, Expr Test) ViaExtremes(LogicalPlan input, InSubqueryExpr inSub, Decorrelated d, OptimizerContext context)
    {
        var value = new ColumnRef(d.Value!);
        var type = d.Value!.Type;
        AggregateExpr Call(string name, params Expr[] arguments)
        {
            var function = context.Functions.FindAggregate(name) ?? throw Common.FederationException.Internal($"{name} is not registered");
            var binding = function.Bind(arguments.Select(a => a.Type).ToArray())
                ?? throw Common.FederationException.Internal($"{name}({string.Join(", ", arguments.Select(a => a.Type))}) is not registered");
            return new AggregateExpr(binding, arguments, false, null, []);
        }

        var min = context.Ids.NewColumn("min", type);
        var max = context.Ids.NewColumn("max", type);
        var rows = context.Ids.NewColumn("count", SqlType.Int64, nullable: false);
        var values = context.Ids.NewColumn("count", SqlType.Int64, nullable: false);
        var extremes = new Aggregate(d.Plan, [], [
            new ProjectionItem(Call("min", value), min),
            new ProjectionItem(Call("max", value), max),
            new ProjectionItem(Call("count"), rows),
            new ProjectionItem(Call("count", value), values),
        ]);

        // The test below names x several times: a subquery in x would become as many joins producing one column id
        // twice, so x is computed once, as a column of the input, first.
        var x = inSub.Input;
        if (ExprVisitor.Any(x, e => e is ScalarSubqueryExpr or ExistsExpr or InSubqueryExpr))
        {
            var computed = context.Ids.NewColumn("x", x.Type, x.Nullable);
            input = new Projection(input, [.. input.Output.Select(c => new ProjectionItem(new ColumnRef(c), c)), new ProjectionItem(x, computed)]);
            x = new ColumnRef(computed);
        }

        Expr Compare(BinaryOp op, PlanColumn extreme) => new BinaryExpr(op, x, new ColumnRef(extreme), SqlType.Boolean);
        var match = inSub.Op switch
        {
            BinaryOp.Less or BinaryOp.LessOrEqual => Compare(inSub.Op, max),
            BinaryOp.Greater or BinaryOp.GreaterOrEqual => Compare(inSub.Op, min),
            BinaryOp.NotEqual => Conjunctions.CombineOr([Compare(BinaryOp.NotEqual, min), Compare(BinaryOp.NotEqual, max)]),
            _ => throw Common.FederationException.Internal($"{inSub.Op} ANY has no extreme-value form"),
        };

        var whens = new List<CaseWhen>
        {
            new(new BinaryExpr(BinaryOp.Equal, new ColumnRef(rows), Literal.Of(ScalarValue.Int64(0)), SqlType.Boolean), Literal.False),
            new(match, Literal.True),
        };
        var unknown = new List<Expr>(2);
        if (x.Nullable)
        {
            unknown.Add(new IsNullExpr(x, false));
        }

        if (d.Value!.Nullable)
        {
            unknown.Add(new BinaryExpr(BinaryOp.Less, new ColumnRef(values), new ColumnRef(rows), SqlType.Boolean));
        }

        if (unknown.Count > 0)
        {
            whens.Add(new CaseWhen(Conjunctions.CombineOr(unknown), Literal.NullOf(SqlType.Boolean)));
        }

        Expr test = new CaseExpr(whens, Literal.False, SqlType.Boolean);
        return (new Join(input, extremes, JoinType.Inner, null), inSub.Negated ? new NotExpr(test) : test);
    }

    /// <summary>
    /// The subquery made independent of the outer query plus the join condition (its correlated predicates, and
    /// for IN / op ANY the comparison of the tested value with the subquery's column); null when it cannot be done.
    /// </summary>
    private Decorrelated? Decorrelate(LogicalPlan subquery, Expr? inValue, HashSet<int> outerIds, OptimizerContext context, BinaryOp op = BinaryOp.Equal)
    {
        var plan = Inner(Correlation.SubstituteEquivalentOuter(subquery, outerIds), context);
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

            conditions.Insert(0, new BinaryExpr(op, inValue, new ColumnRef(valueColumn), SqlType.Boolean));
            nullAware = inValue.Nullable || valueColumn.Nullable;
        }

        return new Decorrelated(pulled.Plan, Conjunctions.Combine(conditions), pulled.Predicates.Count > 0, nullAware, pulled.Predicates,
            inValue is null ? null : valueColumn);
    }

}
