using Federation.Common.Types;
using Federation.Functions.Aggregates;
using Federation.Logical;
using Federation.Logical.Expressions;
using Federation.Logical.Plans;

namespace Federation.Optimizer.Rules;

/// <summary>
/// Runs scalar subqueries once, as joins. An uncorrelated one becomes a one-row input cross-joined to the query.
/// A correlated one, (SELECT agg(...) FROM t WHERE t.k = outer.k), becomes an aggregate grouped by the
/// correlation keys, left-joined on them; the value a group-less aggregate gives for no rows (0 for COUNT) is
/// substituted where no group matched. A subquery that is not an aggregate is wrapped in single_value, which
/// keeps PostgreSQL's "more than one row returned by a subquery" error.
/// </summary>
public sealed class ScalarSubqueryToJoin : ILogicalRule
{
    public string Name => "scalar_subquery_to_join";

    public ApplyOrder Order => ApplyOrder.BottomUp;

    public LogicalPlan? Rewrite(LogicalPlan plan, OptimizerContext context)
    {
        switch (plan)
        {
            case Filter filter when HasScalar(filter.Predicate):
            {
                var (input, predicate) = Replace(filter.Input, filter.Predicate, context);
                return ReferenceEquals(predicate, filter.Predicate) ? null : Correlation.Restore(new Filter(input, predicate), filter.Output);
            }

            case Projection projection when projection.Items.Any(i => HasScalar(i.Expr)):
            {
                var input = projection.Input;
                var items = new List<ProjectionItem>();
                var changed = false;
                foreach (var item in projection.Items)
                {
                    var (newInput, expr) = Replace(input, item.Expr, context);
                    changed |= !ReferenceEquals(expr, item.Expr);
                    input = newInput;
                    items.Add(item with { Expr = expr });
                }

                return changed ? projection with { Input = input, Items = items } : null;
            }

            case Aggregate aggregate when aggregate.Expressions.Any(HasScalar):
            {
                var input = aggregate.Input;
                var expressions = new List<Expr>();
                var changed = false;
                foreach (var e in aggregate.Expressions)
                {
                    var (newInput, expr) = Replace(input, e, context);
                    changed |= !ReferenceEquals(expr, e);
                    input = newInput;
                    expressions.Add(expr);
                }

                return changed ? ((Aggregate)aggregate.WithExpressions(expressions)) with { Input = input } : null;
            }

            default:
                return null;
        }
    }

    private static bool HasScalar(Expr e) => ExprVisitor.Any(e, x => x is ScalarSubqueryExpr);

    private LogicalPlan Inner(LogicalPlan plan, OptimizerContext context)
    {
        var inputs = plan.Inputs.Select(i => Inner(i, context)).ToArray();
        var current = inputs.Where((p, i) => !ReferenceEquals(p, plan.Inputs[i])).Any() ? plan.WithInputs(inputs) : plan;
        return Rewrite(current, context) ?? current;
    }

    private (LogicalPlan Input, Expr Expr) Replace(LogicalPlan input, Expr expr, OptimizerContext context)
    {
        var outerIds = PlanColumns.Ids(input);
        var current = input;
        var rewritten = ExprRewriter.TransformDown(expr, e =>
        {
            if (e is not ScalarSubqueryExpr subquery)
            {
                return null;
            }

            var result = Decorrelate(current, outerIds, subquery, context);
            if (result is null)
            {
                return null;
            }

            current = result.Value.Input;
            return result.Value.Value;
        });
        return (current, rewritten);
    }

    private (LogicalPlan Input, Expr Value)? Decorrelate(LogicalPlan input, HashSet<int> outerIds, ScalarSubqueryExpr subquery, OptimizerContext context)
    {
        var plan = Inner(Correlation.SubstituteEquivalentOuter(subquery.Plan, outerIds), context);
        var column = plan.Output[0];

        if (!Correlation.References(plan, outerIds))
        {
            // Uncorrelated: exactly one row (an aggregate without GROUP BY already is one), cross-joined.
            var oneRow = IsSingleRowAggregate(plan) ? plan : SingleValue(plan, [], context, out column);
            return (new Join(input, oneRow, JoinType.Inner, null), new ColumnRef(column));
        }

        // Correlated: find the aggregate (under an optional projection) and pull the correlation out of its input.
        Projection? projection = plan as Projection;
        var body = projection?.Input ?? plan;
        if (body is not Aggregate { GroupBy.Count: 0 } aggregate || (projection is not null && projection.Items.Any(i => Correlation.ReadsOuter(i.Expr, outerIds))))
        {
            // Not an aggregate: the rows matching the correlation must be at most one.
            var pulledRows = Correlation.Pull(plan, outerIds);
            if (pulledRows is null)
            {
                return null;
            }

            if (!EqualityKeys(pulledRows.Predicates, outerIds, out var rowKeys))
            {
                return General(input, outerIds, pulledRows, null, null, context);
            }

            var grouped = SingleValue(pulledRows.Plan, rowKeys.Select(k => k.Inner).ToArray(), context, out var valueColumn, out var keyColumns);
            var rowCondition = Conjunctions.Combine(rowKeys.Select((k, i) => (Expr)new BinaryExpr(BinaryOp.Equal, k.Outer, new ColumnRef(keyColumns[i]), SqlType.Boolean)));
            return (new Join(input, grouped, JoinType.Left, rowCondition), new ColumnRef(valueColumn));
        }

        var pulled = Correlation.Pull(aggregate.Input, outerIds);
        if (pulled is null)
        {
            return null;
        }

        if (!EqualityKeys(pulled.Predicates, outerIds, out var keys))
        {
            return General(input, outerIds, pulled, aggregate, projection, context);
        }

        // Group by the inner side of each correlation equality.
        var groupItems = keys.Select(k => new ProjectionItem(k.Inner, context.Ids.NewColumn("key", k.Inner.Type, k.Inner.Nullable))).ToArray();
        var groupedAggregate = new Aggregate(pulled.Plan, groupItems, aggregate.Aggregates);
        LogicalPlan right = groupedAggregate;
        var valueRef = new ColumnRef(column);
        Expr? emptyValue;
        if (projection is not null)
        {
            right = new Projection(groupedAggregate, [.. groupItems.Select(g => new ProjectionItem(new ColumnRef(g.Column), g.Column)), .. projection.Items]);
            emptyValue = EmptyValue(projection.Items[0].Expr, aggregate, context);
        }
        else
        {
            emptyValue = EmptyValue(new ColumnRef(column), aggregate, context);
        }

        var condition = Conjunctions.Combine(keys.Select((k, i) => (Expr)new BinaryExpr(BinaryOp.Equal, k.Outer, new ColumnRef(groupItems[i].Column), SqlType.Boolean)));
        var joined = new Join(input, right, JoinType.Left, condition);

        // No matching group means the subquery saw no rows: COUNT says 0 there, not NULL.
        Expr value = emptyValue is null
            ? valueRef
            : new CaseExpr([new CaseWhen(new IsNullExpr(new ColumnRef(groupItems[0].Column), false), emptyValue)], valueRef, column.Type);
        return (joined, value);
    }

    /// <summary>
    /// Any correlation (not only outer = inner): the subquery is computed once per distinct combination of the
    /// outer values it reads. Those combinations (D, from a copy of the outer input) are left-joined with the
    /// subquery's rows on the correlated predicates, aggregated per combination over the rows a marker shows are real
    /// (so a combination without rows counts 0 and its MAX(7) is NULL), and joined back on the outer values with IS NOT DISTINCT FROM.
    /// </summary>
    private static (LogicalPlan Input, Expr Value)? General(LogicalPlan input, HashSet<int> outerIds, Correlation.Pulled pulled,
        Aggregate? aggregate, Projection? projection, OptimizerContext context)
    {
        var outerColumns = pulled.Predicates.SelectMany(p => ExprVisitor.ColumnIds(p)).Where(outerIds.Contains).Distinct()
            .Select(id => input.Output.First(c => c.Id == id)).ToArray();
        if (outerColumns.Length == 0 || ExprVisitor.IsDeterministic(Conjunctions.Combine(pulled.Predicates)!) is false
            || PlanCloner.Clone(input, context.Ids) is not { } copy)
        {
            return null;
        }

        // D: the distinct outer values.
        var keyColumns = outerColumns.Select(c => context.Ids.NewColumn(c.Name, c.Type, c.Nullable)).ToArray();
        var distinct = new Aggregate(copy.Plan, outerColumns.Select((c, i) => new ProjectionItem(new ColumnRef(copy.Columns[c.Id]), keyColumns[i])).ToArray(), []);

        // The subquery's rows, with a marker that is TRUE on every real (not NULL-padded) row.
        var marker = context.Ids.NewColumn("matched", SqlType.Boolean, nullable: false);
        var inner = pulled.Plan;
        var marked = new Projection(inner, [.. inner.Output.Select(c => new ProjectionItem(new ColumnRef(c), c)), new ProjectionItem(Literal.True, marker)]);
        var toKeys = outerColumns.Select((c, i) => (c.Id, (Expr)new ColumnRef(keyColumns[i]))).ToDictionary(x => x.Id, x => x.Item2);
        var condition = Conjunctions.Combine(pulled.Predicates.Select(p => ExprRewriter.ReplaceColumns(p, toKeys)));
        var joined = new Join(distinct, marked, JoinType.Left, condition);

        // One row per combination.
        var groupColumns = keyColumns.Select(k => context.Ids.NewColumn(k.Name, k.Type, k.Nullable)).ToArray();
        var groups = keyColumns.Select((k, i) => new ProjectionItem(new ColumnRef(k), groupColumns[i])).ToArray();
        LogicalPlan right;
        PlanColumn value;
        if (aggregate is not null)
        {
            // Only the subquery's real rows count. A combination with none gets one NULL-padded row from the left join,
            // which an aggregate of anything but the subquery's columns would see: MAX(7) would be 7 and COUNT(*) 1.
            var aggregates = aggregate.Aggregates.Select(a => a with
            {
                Expr = a.Expr is AggregateExpr call
                    ? call with { Filter = Conjunctions.Combine(call.Filter is null ? [new ColumnRef(marker)] : [call.Filter, new ColumnRef(marker)]) }
                    : a.Expr,
            }).ToArray();
            var grouped = new Aggregate(joined, groups, aggregates);
            right = projection is null
                ? grouped
                : new Projection(grouped, [.. groupColumns.Select(g => new ProjectionItem(new ColumnRef(g), g)), .. projection.Items]);
            value = projection?.Items[0].Column ?? aggregate.Aggregates[0].Column;
        }
        else
        {
            var column = inner.Output[0];
            var binding = SingleValueFunction.Instance.Bind([column.Type])!;
            value = context.Ids.NewColumn(column.Name, column.Type);
            right = new Aggregate(joined, groups, [new ProjectionItem(new AggregateExpr(binding, [new ColumnRef(column)], false, null, []), value)]);
        }

        var back = Conjunctions.Combine(outerColumns.Select((c, i) => (Expr)new BinaryExpr(BinaryOp.IsNotDistinctFrom, new ColumnRef(c), new ColumnRef(groupColumns[i]), SqlType.Boolean)));
        return (new Join(input, right, JoinType.Left, back), new ColumnRef(value));
    }

    private static bool IsSingleRowAggregate(LogicalPlan plan) => plan switch
    {
        Aggregate { GroupBy.Count: 0 } => true,
        Projection p => IsSingleRowAggregate(p.Input),
        _ => false,
    };

    /// <summary>Correlation predicates must all be outer = inner equalities; returns the pairs.</summary>
    private static bool EqualityKeys(List<Expr> predicates, HashSet<int> outerIds, out List<(Expr Outer, Expr Inner)> keys)
    {
        keys = [];
        foreach (var p in predicates)
        {
            if (p is not BinaryExpr { Op: BinaryOp.Equal } eq)
            {
                return false;
            }

            var leftOuter = ExprVisitor.ColumnIds(eq.Left).All(outerIds.Contains) && ExprVisitor.ColumnIds(eq.Left).Count > 0;
            var rightOuter = ExprVisitor.ColumnIds(eq.Right).All(outerIds.Contains) && ExprVisitor.ColumnIds(eq.Right).Count > 0;
            var leftInner = !ExprVisitor.ColumnIds(eq.Left).Any(outerIds.Contains);
            var rightInner = !ExprVisitor.ColumnIds(eq.Right).Any(outerIds.Contains);
            if (leftOuter && rightInner)
            {
                keys.Add((eq.Left, eq.Right));
            }
            else if (rightOuter && leftInner)
            {
                keys.Add((eq.Right, eq.Left));
            }
            else
            {
                return false;
            }
        }

        return keys.Count > 0;
    }

    private static LogicalPlan SingleValue(LogicalPlan plan, IReadOnlyList<Expr> groupBy, OptimizerContext context, out PlanColumn value) =>
        SingleValue(plan, groupBy, context, out value, out _);

    private static LogicalPlan SingleValue(LogicalPlan plan, IReadOnlyList<Expr> groupBy, OptimizerContext context, out PlanColumn value, out PlanColumn[] keyColumns)
    {
        var column = plan.Output[0];
        var binding = SingleValueFunction.Instance.Bind([column.Type])!;
        value = context.Ids.NewColumn(column.Name, column.Type);
        var keys = groupBy.Select(g => context.Ids.NewColumn("key", g.Type, g.Nullable)).ToArray();
        keyColumns = keys;
        var groups = groupBy.Select((g, i) => new ProjectionItem(g, keys[i])).ToArray();
        return new Aggregate(plan, groups, [new ProjectionItem(new AggregateExpr(binding, [new ColumnRef(column)], false, null, []), value)]);
    }

    /// <summary>
    /// What the subquery returns when no row matches, if that is not NULL: its expression with each aggregate
    /// replaced by its value over no rows (COUNT 0, the others NULL), folded to a constant.
    /// </summary>
    private static Expr? EmptyValue(Expr expr, Aggregate aggregate, OptimizerContext context)
    {
        var empty = new Dictionary<int, Expr>();
        foreach (var item in aggregate.Aggregates)
        {
            var call = (AggregateExpr)item.Expr;
            empty[item.Column.Id] = call.Binding.Name == "count" ? new Literal(ScalarValue.Int64(0)) : Literal.NullOf(item.Column.Type);
        }

        var substituted = ExprRewriter.ReplaceColumns(expr, empty);
        if (!ExprVisitor.IsConstant(substituted))
        {
            return null;
        }

        var value = ConstantEvaluator.TryEvaluate(substituted, context.StatementTimestampMicros, context.TimeZone);
        return value is null || value.IsNull ? null : new Literal(value);
    }
}
