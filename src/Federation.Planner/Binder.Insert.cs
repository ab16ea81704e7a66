using Federation.Common;
using Federation.Common.Types;
using Federation.Logical.Expressions;
using Federation.Logical.Plans;
using Federation.Sql.Ast;

namespace Federation.Planner;

/// <summary>The source of an INSERT (and CREATE TABLE AS): values converted to the target columns' types.</summary>
public sealed partial class Binder
{
    /// <summary>
    /// Binds an INSERT source and converts its columns to the target types with PostgreSQL's assignment rules:
    /// quoted literals are read as the target type, numbers narrow with range checks, anything converts to text,
    /// but text does not silently become a number or a date.
    /// </summary>
    public LogicalPlan BindInsertSource(Query source, IReadOnlyList<SqlType> targetTypes, IReadOnlyList<string> targetNames)
    {
        LogicalPlan plan;
        if (source is { With: null, OrderBy.Count: 0, Limit: null, Offset: null, Body: ValuesBody values })
        {
            plan = BindValuesForTargets(values, targetTypes, targetNames);
        }
        else
        {
            TypeSelectedParameters(source, targetTypes);
            plan = BindQuery(source);
        }

        var output = plan.Output;
        if (output.Count > targetTypes.Count)
        {
            throw PlanError.At(source, ErrorCode.SyntaxError, "INSERT has more expressions than target columns");
        }

        if (output.Count < targetTypes.Count)
        {
            throw PlanError.At(source, ErrorCode.SyntaxError, "INSERT has more target columns than expressions");
        }

        if (output.Select((c, i) => c.Type.SameComputation(targetTypes[i]) && !(c.Type.IsChar && !targetTypes[i].IsChar)).All(x => x))
        {
            return plan;
        }

        var items = new ProjectionItem[output.Count];
        for (var i = 0; i < items.Length; i++)
        {
            var expr = AssignmentCast(new ColumnRef(output[i]), targetTypes[i], targetNames[i], source);
            items[i] = new ProjectionItem(expr, NewColumn(targetNames[i], targetTypes[i], output[i].Nullable));
        }

        return new Projection(plan, items);
    }

    private LogicalPlan BindValuesForTargets(ValuesBody values, IReadOnlyList<SqlType> targetTypes, IReadOnlyList<string> targetNames)
    {
        var scope = Scope.Empty(null);
        var rows = new List<Expr[]>(values.Rows.Count);
        var width = values.Rows[0].Count;
        foreach (var row in values.Rows)
        {
            if (row.Count != width)
            {
                throw PlanError.At(values, ErrorCode.SyntaxError, "VALUES lists must all be the same length");
            }

            if (row.Count > targetTypes.Count)
            {
                throw PlanError.At(row[targetTypes.Count], ErrorCode.SyntaxError, "INSERT has more expressions than target columns");
            }

            if (row.Count < targetTypes.Count)
            {
                throw PlanError.At(values, ErrorCode.SyntaxError, "INSERT has more target columns than expressions");
            }

            var bound = new Expr[row.Count];
            for (var i = 0; i < bound.Length; i++)
            {
                bound[i] = AssignmentCast(BindExpr(row[i], new ExprContext(scope, "VALUES")), targetTypes[i], targetNames[i], row[i]);
            }

            rows.Add(bound);
        }

        var columns = targetTypes.Select((t, i) => NewColumn(targetNames[i], t, rows.Any(r => r[i].Nullable))).ToArray();
        return new ValuesPlan(columns, rows);
    }

    /// <summary>
    /// INSERT ... SELECT $1, ...: a parameter selected as it is takes its target column's type, as in VALUES (PostgreSQL
    /// does the same); otherwise nothing would type it and it would arrive as text.
    /// </summary>
    private void TypeSelectedParameters(Query source, IReadOnlyList<SqlType> targetTypes)
    {
        if (source.Body is not SelectBody select)
        {
            return;
        }

        for (var i = 0; i < select.Items.Count && i < targetTypes.Count; i++)
        {
            if (select.Items[i] is WildcardSelectItem)
            {
                return; // positions after a * are not known before binding
            }

            if (select.Items[i] is ExpressionSelectItem { Expression: ParameterReference parameter }
                && (!_parameterTypes.TryGetValue(parameter.Index, out var given) || given.Kind == TypeKind.Null))
            {
                _parameterTypes[parameter.Index] = targetTypes[i];
            }
        }
    }

    private Expr AssignmentCast(Expr expr, SqlType target, string column, SqlNode node)
    {
        if (target.Kind == TypeKind.String && expr.Type.Kind == TypeKind.String)
        {
            // Text is cut to VARCHAR(n)/CHAR(n) and padded to CHAR(n) when the rows are stored (TableConstraints),
            // where a value too long is an error rather than truncated as a cast would; a CHAR value only loses
            // its padding here when it goes into a column that is not CHAR.
            return expr switch
            {
                Literal { IsUntypedString: true } untyped => untyped with { IsUntypedString = false },
                _ when expr.Type.IsChar && !target.IsChar => new CastExpr(expr, SqlType.String),
                _ => expr,
            };
        }

        if (expr.Type.SameComputation(target) || IsUntypedLiteral(expr) || expr is ParameterExpr { ParameterType.Kind: TypeKind.Null })
        {
            return Coerce(expr, target, node);
        }

        var from = expr.Type;
        var allowed = TypeCoercion.CanImplicitlyCast(from, target)
            || (from.IsNumeric && target.IsNumeric)
            || target.Kind == TypeKind.String
            || (from.IsTemporal && target.IsTemporal)
            || (from.IsInteger && target.Kind == TypeKind.Boolean);
        if (!allowed)
        {
            throw PlanError.At(node, ErrorCode.TypeMismatch, $"column \"{column}\" is of type {target} but expression is of type {from}");
        }

        return expr is Literal literal && TryExactLiteral(literal.Value, target) is { } exact ? new Literal(exact) : new CastExpr(expr, target);
    }
}
