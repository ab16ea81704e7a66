using Federation.Common;
using Federation.Common.Types;
using Federation.Logical;
using Federation.Logical.Expressions;
using Federation.Logical.Plans;
using Federation.Sql.Ast;

namespace Federation.Planner;

/// <summary>
/// One SELECT block: FROM, WHERE, the select list, GROUP BY / HAVING with aggregates, window functions,
/// DISTINCT, and ORDER BY (which may use input columns that are not in the select list).
/// </summary>
public sealed partial class Binder
{
    private sealed record SelectItemBinding(Expr Expr, string Name, Expression? Source);

    private IReadOnlyList<NamedWindow> _namedWindows = [];

    private LogicalPlan BindSelect(SelectBody select, Scope? outer, IReadOnlyList<OrderByItem> orderBy)
    {
        var (plan, scope) = BindFrom(select.From, outer);

        if (select.Where is not null)
        {
            var predicate = BindExpr(select.Where, new ExprContext(scope, "WHERE"));
            plan = new Filter(plan, CoerceToBoolean(predicate, select.Where, "WHERE"));
        }

        var savedWindows = _namedWindows;
        _namedWindows = select.Windows;
        try
        {
            return BindSelectAfterWhere(select, plan, scope, orderBy);
        }
        finally
        {
            _namedWindows = savedWindows;
        }
    }

    private LogicalPlan BindSelectAfterWhere(SelectBody select, LogicalPlan plan, Scope scope, IReadOnlyList<OrderByItem> orderBy)
    {
        var aggregates = new List<AggregateExpr>();
        var windows = new List<WindowExpr>();

        // Select list (wildcards expanded).
        var items = new List<SelectItemBinding>();
        var selectContext = new ExprContext(scope, "SELECT", aggregates, windows);
        foreach (var item in select.Items)
        {
            switch (item)
            {
                case WildcardSelectItem wildcard:
                    ExpandWildcard(wildcard, scope, select, items);
                    break;
                case ExpressionSelectItem expressionItem:
                {
                    var bound = BindExpr(expressionItem.Expression, selectContext);
                    var name = expressionItem.Alias?.Value ?? DeriveName(expressionItem.Expression);
                    items.Add(new SelectItemBinding(bound, name, expressionItem.Expression));
                    break;
                }
            }
        }

        // GROUP BY: ordinals and output aliases refer to select items; input column names win over aliases.
        var groupExprs = new List<Expr>();
        foreach (var g in select.GroupBy)
        {
            Expr bound;
            if (TryOrdinal(g, out var ordinal))
            {
                if (ordinal < 1 || ordinal > items.Count)
                {
                    throw PlanError.At(g, ErrorCode.InvalidArgument, $"GROUP BY position {ordinal} is not in select list");
                }

                bound = items[(int)ordinal - 1].Expr;
                if (ExprVisitor.ContainsAggregate(bound))
                {
                    throw PlanError.At(g, ErrorCode.GroupingError, "aggregate functions are not allowed in GROUP BY");
                }
            }
            else if (g is ColumnReference { Parts.Count: 1 } alias && scope.Find(null, null, alias.Parts[0].Value).Count == 0
                     && items.FirstOrDefault(i => i.Name == alias.Parts[0].Value) is { } aliased)
            {
                bound = aliased.Expr;
                if (ExprVisitor.ContainsAggregate(bound))
                {
                    throw PlanError.At(g, ErrorCode.GroupingError, "aggregate functions are not allowed in GROUP BY");
                }
            }
            else
            {
                bound = BindExpr(g, new ExprContext(scope, "GROUP BY"));
            }

            groupExprs.Add(bound);
        }

        Expr? having = null;
        if (select.Having is not null)
        {
            having = CoerceToBoolean(BindExpr(select.Having, new ExprContext(scope, "HAVING", aggregates)), select.Having, "HAVING");
        }

        // ORDER BY: ordinals and output names refer to select items; anything else is bound against the input.
        var orderKeys = new List<(int? ItemIndex, Expr? Expr, OrderByItem Item)>();
        var orderContext = new ExprContext(scope, "ORDER BY", aggregates, windows);
        foreach (var o in orderBy)
        {
            if (TryOrdinal(o.Expression, out var ordinal))
            {
                if (ordinal < 1 || ordinal > items.Count)
                {
                    throw PlanError.At(o.Expression, ErrorCode.InvalidArgument, $"ORDER BY position {ordinal} is not in select list");
                }

                orderKeys.Add(((int)ordinal - 1, null, o));
            }
            else if (o.Expression is ColumnReference { Parts.Count: 1 } name && FindOutputName(items, name.Parts[0].Value, o.Expression) is { } index)
            {
                orderKeys.Add((index, null, o));
            }
            else
            {
                orderKeys.Add((null, BindExpr(o.Expression, orderContext), o));
            }
        }

        var isAggregate = select.GroupBy.Count > 0 || aggregates.Count > 0 || having is not null;
        if (isAggregate)
        {
            var rewrite = BuildAggregate(ref plan, groupExprs, aggregates, select);
            for (var i = 0; i < items.Count; i++)
            {
                items[i] = items[i] with { Expr = rewrite(items[i].Expr, items[i].Source ?? (SqlNode)select) };
            }

            for (var i = 0; i < orderKeys.Count; i++)
            {
                if (orderKeys[i].Expr is { } e)
                {
                    orderKeys[i] = orderKeys[i] with { Expr = rewrite(e, orderKeys[i].Item.Expression) };
                }
            }

            if (having is not null)
            {
                plan = new Filter(plan, rewrite(having, select.Having!));
            }
        }

        if (windows.Count > 0)
        {
            var windowColumns = new Dictionary<string, PlanColumn>(StringComparer.Ordinal);
            var windowItems = new List<ProjectionItem>();
            Expr ReplaceWindows(Expr e) => ExprRewriter.TransformDown(e, x =>
            {
                if (x is not WindowExpr w)
                {
                    return null;
                }

                var key = ExprKey.Of(w);
                if (!windowColumns.TryGetValue(key, out var column))
                {
                    column = NewColumn(w.FunctionName, w.Type, w.Nullable);
                    windowColumns.Add(key, column);
                    windowItems.Add(new ProjectionItem(w, column));
                }

                return new ColumnRef(column);
            });

            for (var i = 0; i < items.Count; i++)
            {
                items[i] = items[i] with { Expr = ReplaceWindows(items[i].Expr) };
            }

            for (var i = 0; i < orderKeys.Count; i++)
            {
                if (orderKeys[i].Expr is { } e)
                {
                    orderKeys[i] = orderKeys[i] with { Expr = ReplaceWindows(e) };
                }
            }

            plan = new WindowPlan(plan, windowItems);
        }

        // Projection, with ORDER BY expressions that are not select items carried as hidden columns.
        var projection = items.Select(i => new ProjectionItem(i.Expr, NewColumn(i.Name, i.Expr.Type.Kind == TypeKind.Null ? SqlType.String : i.Expr.Type, i.Expr.Nullable))).ToList();
        for (var i = 0; i < projection.Count; i++)
        {
            if (projection[i].Expr.Type.Kind == TypeKind.Null)
            {
                projection[i] = projection[i] with { Expr = Literal.NullOf(SqlType.String) };
            }
        }

        var visibleCount = projection.Count;
        var sortKeys = new List<SortKey>();
        foreach (var (itemIndex, expr, item) in orderKeys)
        {
            PlanColumn column;
            if (itemIndex is { } index)
            {
                column = projection[index].Column;
            }
            else
            {
                var key = ExprKey.Of(expr!);
                var match = projection.FindIndex(p => ExprKey.Of(p.Expr) == key);
                if (match >= 0)
                {
                    column = projection[match].Column;
                }
                else
                {
                    if (select.Distinct)
                    {
                        throw PlanError.At(item.Expression, ErrorCode.InvalidArgument, "for SELECT DISTINCT, ORDER BY expressions must appear in select list");
                    }

                    column = NewColumn(DeriveName(item.Expression), expr!.Type, expr.Nullable);
                    projection.Add(new ProjectionItem(expr, column));
                }
            }

            sortKeys.Add(MakeSortKey(new ColumnRef(column), item));
        }

        plan = new Projection(plan, projection);
        if (select.Distinct)
        {
            plan = Distinct(plan);
            // Distinct made new columns: sort keys follow them by position.
            var distinctOutput = plan.Output;
            var before = projection.Select(p => p.Column.Id).ToList();
            sortKeys = sortKeys.Select(k => k.WithExpr(new ColumnRef(distinctOutput[before.IndexOf(((ColumnRef)k.Expr).Id)]))).ToList();
        }

        if (sortKeys.Count > 0)
        {
            plan = new Sort(plan, sortKeys, null);
        }

        if (projection.Count > visibleCount)
        {
            var output = plan.Output;
            plan = new Projection(plan, output.Take(visibleCount).Select(c => new ProjectionItem(new ColumnRef(c), c)).ToArray());
        }

        return plan;
    }

    private static int? FindOutputName(List<SelectItemBinding> items, string name, SqlNode node)
    {
        int? found = null;
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].Name == name)
            {
                if (found is not null && ExprKey.Of(items[found.Value].Expr) != ExprKey.Of(items[i].Expr))
                {
                    throw PlanError.At(node, ErrorCode.AmbiguousColumn, $"ORDER BY \"{name}\" is ambiguous");
                }

                found ??= i;
            }
        }

        return found;
    }

    private void ExpandWildcard(WildcardSelectItem wildcard, Scope scope, SelectBody select, List<SelectItemBinding> items)
    {
        if (wildcard.Qualifier is null)
        {
            if (select.From.Count == 0)
            {
                throw PlanError.At(wildcard, ErrorCode.SyntaxError, "SELECT * with no tables specified is not valid");
            }

            foreach (var c in scope.Columns)
            {
                if (!c.Hidden && !c.Pseudo)
                {
                    items.Add(new SelectItemBinding(new ColumnRef(c.Column), c.Name, null));
                }
            }

            return;
        }

        var parts = wildcard.Qualifier.Parts;
        var qualifier = parts[^1].Value;
        var schema = parts.Count > 1 ? parts[^2].Value : null;
        var matched = scope.Columns.Where(c => string.Equals(c.Qualifier, qualifier, StringComparison.Ordinal)
                                               && (schema is null || c.SchemaName == schema)).ToList();
        if (matched.Count == 0)
        {
            matched = scope.Columns.Where(c => string.Equals(c.Qualifier, qualifier, StringComparison.OrdinalIgnoreCase)
                                               && (schema is null || string.Equals(c.SchemaName, schema, StringComparison.OrdinalIgnoreCase))).ToList();
        }

        if (matched.Count == 0)
        {
            throw PlanError.At(wildcard, ErrorCode.TableNotFound, $"missing FROM-clause entry for table \"{qualifier}\"");
        }

        foreach (var c in matched.Where(c => !c.Pseudo))
        {
            items.Add(new SelectItemBinding(new ColumnRef(c.Column), c.Name, null));
        }
    }

    /// <summary>
    /// Adds the Aggregate node and returns the function that rewrites post-aggregation expressions: group
    /// expressions and aggregate calls become references to the Aggregate's output; any other column is an error.
    /// </summary>
    private Func<Expr, SqlNode, Expr> BuildAggregate(ref LogicalPlan plan, List<Expr> groupExprs, List<AggregateExpr> aggregates, SelectBody select)
    {
        var groupColumns = new Dictionary<string, PlanColumn>(StringComparer.Ordinal);
        var groupItems = new List<ProjectionItem>();
        foreach (var g in groupExprs)
        {
            var key = ExprKey.Of(g);
            if (groupColumns.ContainsKey(key))
            {
                continue;
            }

            var column = NewColumn(g is ColumnRef c ? c.Column.Name : "?column?", g.Type.Kind == TypeKind.Null ? SqlType.String : g.Type, g.Nullable);
            groupColumns.Add(key, column);
            groupItems.Add(new ProjectionItem(g, column));
        }

        var aggregateColumns = new Dictionary<string, PlanColumn>(StringComparer.Ordinal);
        var aggregateItems = new List<ProjectionItem>();
        foreach (var a in aggregates)
        {
            var key = ExprKey.Of(a);
            if (aggregateColumns.ContainsKey(key))
            {
                continue;
            }

            var column = NewColumn(a.Binding.Name, a.Type, a.Nullable);
            aggregateColumns.Add(key, column);
            aggregateItems.Add(new ProjectionItem(a, column));
        }

        plan = new Aggregate(plan, groupItems, aggregateItems);

        // Outer references inside subqueries may name grouped input columns; they must follow the group output.
        var groupedColumnIds = new Dictionary<int, PlanColumn>();
        foreach (var item in groupItems)
        {
            if (item.Expr is ColumnRef c)
            {
                groupedColumnIds[c.Id] = item.Column;
            }
        }

        Expr Rewrite(Expr expr, SqlNode node) => ExprRewriter.TransformDown(expr, e =>
        {
            if (e is AggregateExpr)
            {
                return new ColumnRef(aggregateColumns[ExprKey.Of(e)]);
            }

            if (e is Literal or ParameterExpr)
            {
                return null;
            }

            if (groupColumns.TryGetValue(ExprKey.Of(e), out var column))
            {
                return new ColumnRef(column);
            }

            switch (e)
            {
                case ColumnRef c:
                    throw PlanError.At(node, ErrorCode.GroupingError,
                        $"column \"{QualifiedName(c.Column)}\" must appear in the GROUP BY clause or be used in an aggregate function");
                case ScalarSubqueryExpr s:
                    return s with { Plan = OuterReferences.Remap(s.Plan, groupedColumnIds) };
                case ExistsExpr x:
                    return x with { Plan = OuterReferences.Remap(x.Plan, groupedColumnIds) };
                case InSubqueryExpr i:
                    return i with { Input = Rewrite(i.Input, node), Plan = OuterReferences.Remap(i.Plan, groupedColumnIds) };
                default:
                    return null;
            }
        });

        return Rewrite;
    }

    private static string QualifiedName(PlanColumn column) => column.Name;

    /// <summary>PostgreSQL's output column names: the column name, the function name, or ?column?.</summary>
    private static string DeriveName(Expression expression) => expression switch
    {
        ColumnReference c => c.Parts[^1].Value,
        FunctionCall f => f.Name.Parts[^1].Value,
        CastExpression { Operand: ColumnReference or FunctionCall } cast => DeriveName(cast.Operand),
        CastExpression cast => cast.Type.Name,
        CaseExpression => "case",
        ExistsExpression => "exists",
        ScalarSubqueryExpression s when s.Subquery.Body is SelectBody { Items: [ExpressionSelectItem first] } => first.Alias?.Value ?? DeriveName(first.Expression),
        TypedLiteral t => t.Type.Name,
        _ => "?column?",
    };
}
