using System.Globalization;
using SortKey = Federation.Logical.Expressions.SortKey;
using Federation.Common;
using Federation.Common.Types;
using Federation.Logical;
using Federation.Logical.Expressions;
using Federation.Logical.Plans;
using Federation.Sql.Ast;

namespace Federation.Planner;

/// <summary>Query expressions: WITH, set operations, VALUES, ORDER BY over a result, LIMIT and OFFSET.</summary>
public sealed partial class Binder
{
    private LogicalPlan BindQuery(Query query, Scope? outer)
    {
        EnterNesting(query);
        var pushedCtes = false;
        try
        {
            if (query.With is { } with)
            {
                if (with.Recursive)
                {
                    throw PlanError.NotSupported(with, "WITH RECURSIVE");
                }

                var definitions = new Dictionary<string, CommonTableExpression>(StringComparer.Ordinal);
                foreach (var cte in with.Tables)
                {
                    if (!definitions.TryAdd(cte.Name.Value, cte))
                    {
                        throw PlanError.At(cte, ErrorCode.DuplicateObject, $"WITH query name \"{cte.Name.Value}\" specified more than once");
                    }
                }

                _ctes.Add(definitions);
                pushedCtes = true;

                // A WITH query read more than once is computed once and shared (DuckDB does the same).
                var references = AstWalker.Walk(query).OfType<NamedTableReference>()
                    .Where(r => r.Name.Parts.Count == 1)
                    .GroupBy(r => r.Name.Parts[0].Value, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
                foreach (var cte in with.Tables)
                {
                    if (references.GetValueOrDefault(cte.Name.Value) > 1)
                    {
                        _shared.Add(cte);
                    }
                }
            }

            LogicalPlan plan;
            if (query.Body is SelectBody select)
            {
                plan = BindSelect(select, outer, query.OrderBy);
            }
            else
            {
                plan = BindBody(query.Body, outer);
                if (query.OrderBy.Count > 0)
                {
                    plan = BindOrderByOnOutput(plan, query.OrderBy, outer);
                }
            }

            return BindLimit(plan, query.Limit, query.Offset);
        }
        finally
        {
            if (pushedCtes)
            {
                _ctes.RemoveAt(_ctes.Count - 1);
            }

            ExitNesting();
        }
    }

    private LogicalPlan BindBody(QueryBody body, Scope? outer) => body switch
    {
        SelectBody select => BindSelect(select, outer, []),
        ValuesBody values => BindValues(values, outer),
        NestedQueryBody nested => BindQuery(nested.Query, outer),
        SetOperationBody set => BindSetOperation(set, outer),
        _ => throw PlanError.NotSupported(body, body.GetType().Name),
    };

    private LogicalPlan BindValues(ValuesBody values, Scope? outer)
    {
        var width = values.Rows[0].Count;
        var rows = new List<Expr[]>(values.Rows.Count);
        var scope = Scope.Empty(outer);
        foreach (var row in values.Rows)
        {
            if (row.Count != width)
            {
                throw PlanError.At(row.Count > 0 ? row[0] : values, ErrorCode.SyntaxError, "VALUES lists must all be the same length");
            }

            var bound = new Expr[width];
            for (var i = 0; i < width; i++)
            {
                bound[i] = BindExpr(row[i], new ExprContext(scope, "VALUES"));
            }

            rows.Add(bound);
        }

        // Each column takes the common type of its rows; untyped strings alone stay text.
        var columns = new PlanColumn[width];
        for (var c = 0; c < width; c++)
        {
            SqlType? type = null;
            var nullable = false;
            foreach (var row in rows)
            {
                var t = IsUntypedLiteral(row[c]) && type is not null && type.Kind != TypeKind.Null ? type : row[c].Type;
                type = type is null ? t : TypeCoercion.CommonType(type, t)
                    ?? throw PlanError.At(values, ErrorCode.TypeMismatch, $"VALUES types {type} and {t} cannot be matched");
                nullable |= row[c].Nullable;
            }

            if (type!.Kind == TypeKind.Null)
            {
                type = SqlType.String;
            }

            for (var r = 0; r < rows.Count; r++)
            {
                rows[r][c] = Coerce(rows[r][c], type, values);
            }

            columns[c] = NewColumn("column" + (c + 1).ToString(CultureInfo.InvariantCulture), type, nullable);
        }

        return new ValuesPlan(columns, rows);
    }

    private LogicalPlan BindSetOperation(SetOperationBody set, Scope? outer)
    {
        var left = BindBody(set.Left, outer);
        var right = BindBody(set.Right, outer);
        var name = set.Operator.ToString().ToUpperInvariant();
        if (left.Output.Count != right.Output.Count)
        {
            throw PlanError.At(set, ErrorCode.SyntaxError, $"each {name} query must have the same number of columns");
        }

        var types = new SqlType[left.Output.Count];
        for (var i = 0; i < types.Length; i++)
        {
            // A bare NULL in a branch takes the other branch's type, as PostgreSQL resolves its unknown literals:
            // SELECT 1 UNION ALL SELECT NULL is integer.
            var lt = BareNull(set.Left, left, i) ? SqlType.Null : left.Output[i].Type;
            var rt = BareNull(set.Right, right, i) ? SqlType.Null : right.Output[i].Type;
            types[i] = TypeCoercion.CommonType(lt, rt)
                ?? throw PlanError.At(set, ErrorCode.TypeMismatch, $"{name} types {lt} and {rt} cannot be matched");
            if (types[i].Kind == TypeKind.Null)
            {
                types[i] = SqlType.String;
            }
        }

        var names = left.Output.Select(c => c.Name).ToArray();
        left = CastColumns(TypeBareNulls(set.Left, left, types), types, names);
        right = CastColumns(TypeBareNulls(set.Right, right, types), types, names);

        switch (set.Operator)
        {
            case SetOperator.Union:
            {
                var columns = left.Output.Select((c, i) => NewColumn(names[i], types[i], c.Nullable || right.Output[i].Nullable)).ToArray();
                var union = new Union([left, right], columns);
                return set.All ? union : Distinct(union);
            }

            case SetOperator.Intersect or SetOperator.Except:
            {
                if (set.All)
                {
                    throw PlanError.NotSupported(set, $"{name} ALL");
                }

                var distinctLeft = Distinct(left);
                Expr? condition = null;
                for (var i = 0; i < types.Length; i++)
                {
                    var eq = new BinaryExpr(BinaryOp.IsNotDistinctFrom, new ColumnRef(distinctLeft.Output[i]), new ColumnRef(right.Output[i]), SqlType.Boolean);
                    condition = condition is null ? eq : Conjunctions.And(condition, eq);
                }

                return new Join(distinctLeft, right, set.Operator == SetOperator.Intersect ? JoinType.Semi : JoinType.Anti, condition);
            }

            default:
                throw PlanError.NotSupported(set, name);
        }
    }

    /// <summary>Projects a plan so that column i has type types[i] and name names[i].</summary>
    /// <summary>Whether output <paramref name="i"/> of a set operation's branch is a NULL written as is (SELECT ..., NULL, ...).</summary>
    private static bool BareNull(QueryBody body, LogicalPlan plan, int i) =>
        body is SelectBody { Distinct: false } select && i < select.Items.Count && select.Items[i] is ExpressionSelectItem { Expression: NullLiteral }
        && plan is Projection { Items: var items } && items.Count > i && items[i].Expr is Literal { Value.IsNull: true };

    /// <summary>A branch whose bare NULLs are NULLs of the set operation's column types instead of text.</summary>
    private LogicalPlan TypeBareNulls(QueryBody body, LogicalPlan plan, IReadOnlyList<SqlType> types)
    {
        if (plan is not Projection projection)
        {
            return plan;
        }

        var items = projection.Items.ToArray();
        var changed = false;
        for (var i = 0; i < types.Count; i++)
        {
            if (BareNull(body, plan, i) && !items[i].Column.Type.SameComputation(types[i]))
            {
                items[i] = new ProjectionItem(Literal.NullOf(types[i]), NewColumn(items[i].Column.Name, types[i], true));
                changed = true;
            }
        }

        return changed ? projection with { Items = items } : plan;
    }

    private LogicalPlan CastColumns(LogicalPlan plan, IReadOnlyList<SqlType> types, IReadOnlyList<string> names)
    {
        var output = plan.Output;
        var needed = false;
        for (var i = 0; i < output.Count; i++)
        {
            if (!output[i].Type.SameComputation(types[i]))
            {
                needed = true;
            }
        }

        if (!needed)
        {
            return plan;
        }

        var items = new ProjectionItem[output.Count];
        for (var i = 0; i < items.Length; i++)
        {
            var c = output[i];
            items[i] = new ProjectionItem(Coerce(new ColumnRef(c), types[i], null), NewColumn(names[i], types[i], c.Nullable));
        }

        return new Projection(plan, items);
    }

    /// <summary>SELECT DISTINCT over a plan: group by every column.</summary>
    private LogicalPlan Distinct(LogicalPlan plan)
    {
        var groups = plan.Output.Select(c => new ProjectionItem(new ColumnRef(c), NewColumn(c.Name, c.Type, c.Nullable))).ToArray();
        return new Aggregate(plan, groups, []);
    }

    /// <summary>ORDER BY for a query whose body is not a plain SELECT: keys are output names, ordinals or expressions over the output.</summary>
    private LogicalPlan BindOrderByOnOutput(LogicalPlan plan, IReadOnlyList<OrderByItem> orderBy, Scope? outer)
    {
        var scope = new Scope(plan.Output.Select(c => new ScopeColumn(null, null, c.Name, c)).ToArray(), outer);
        var keys = new List<SortKey>(orderBy.Count);
        foreach (var item in orderBy)
        {
            Expr expr;
            if (TryOrdinal(item.Expression, out var ordinal))
            {
                if (ordinal < 1 || ordinal > plan.Output.Count)
                {
                    throw PlanError.At(item.Expression, ErrorCode.InvalidArgument, $"ORDER BY position {ordinal} is not in select list");
                }

                expr = new ColumnRef(plan.Output[(int)ordinal - 1]);
            }
            else
            {
                expr = BindExpr(item.Expression, new ExprContext(scope, "ORDER BY"));
            }

            keys.Add(MakeSortKey(expr, item));
        }

        return new Sort(plan, keys, null);
    }

    private static SortKey MakeSortKey(Expr expr, OrderByItem item) =>
        new(expr, !item.Descending, item.NullsFirst ?? item.Descending);

    private static bool TryOrdinal(Expression expression, out long ordinal)
    {
        ordinal = 0;
        return expression is NumberLiteral n && long.TryParse(n.Text, NumberStyles.None, CultureInfo.InvariantCulture, out ordinal);
    }

    private LogicalPlan BindLimit(LogicalPlan plan, Expression? limit, Expression? offset)
    {
        long? fetch = limit is null ? null : ConstantCount(limit, "LIMIT");
        var skip = offset is null ? 0 : ConstantCount(offset, "OFFSET") ?? 0;
        if (fetch is null && skip == 0)
        {
            return plan;
        }

        return new Limit(plan, skip, fetch);
    }

    /// <summary>LIMIT and OFFSET take integer constants (NULL means no limit, as in PostgreSQL).</summary>
    private long? ConstantCount(Expression expression, string clause)
    {
        var bound = BindConstantExpression(expression, clause);
        if (bound is ParameterExpr parameter)
        {
            if (CountParameter(parameter, expression) is not { } given)
            {
                return null;
            }

            bound = new Literal(given);
        }

        var value = bound switch
        {
            Literal l => l.Value,
            NegateExpr { Input: Literal inner } when inner.Value.Type.IsInteger => ScalarValue.Int64(-inner.Value.AsInt64()),
            _ => throw PlanError.At(expression, ErrorCode.InvalidArgument, $"argument of {clause} must be an integer constant"),
        };
        if (value.IsNull)
        {
            return null;
        }

        if (!value.Type.IsInteger)
        {
            throw PlanError.At(expression, ErrorCode.TypeMismatch, $"argument of {clause} must be type bigint, not type {value.Type}");
        }

        var n = value.AsInt64();
        if (n < 0)
        {
            throw PlanError.At(expression, ErrorCode.InvalidArgument, $"{clause} must not be negative");
        }

        return n;
    }

    /// <summary>
    /// LIMIT $n and OFFSET $n: the parameter is a bigint, and its value is needed to plan. Null while the statement
    /// is only being prepared: the result's columns do not depend on it.
    /// </summary>
    private ScalarValue? CountParameter(ParameterExpr parameter, Expression expression)
    {
        if (parameter.ParameterType.Kind == TypeKind.Null)
        {
            _parameterTypes[parameter.Index] = SqlType.Int64;
        }

        if (_parameterValues is null)
        {
            return null;
        }

        if (parameter.Index > _parameterValues.Count)
        {
            throw PlanError.At(expression, ErrorCode.InvalidArgument, $"there is no value for parameter ${parameter.Index}");
        }

        return _parameterValues[parameter.Index - 1];
    }
}
