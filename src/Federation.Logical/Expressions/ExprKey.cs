using System.Text;

namespace Federation.Logical.Expressions;

/// <summary>
/// A canonical text for an expression that includes column ids, so two separately bound copies of the same
/// expression get the same key (GROUP BY matching, de-duplicating aggregates, common sub-expressions).
/// </summary>
public static class ExprKey
{
    public static string Of(Expr expr)
    {
        var sb = new StringBuilder();
        Append(sb, expr);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, Expr expr)
    {
        switch (expr)
        {
            case ColumnRef c:
                sb.Append('#').Append(c.Id);
                return;
            case OuterColumnRef o:
                sb.Append("outer#").Append(o.Column.Id);
                return;
            case Literal l:
                sb.Append("lit(").Append(l.Value.Type).Append(':').Append(l.Value.ToSqlLiteral()).Append(')');
                return;
            case ParameterExpr p:
                sb.Append('$').Append(p.Index);
                return;
            case ScalarSubqueryExpr or ExistsExpr or InSubqueryExpr:
                // Subqueries are never merged with each other.
                sb.Append("subquery@").Append(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(expr));
                return;
        }

        sb.Append(expr switch
        {
            BinaryExpr b => "bin:" + b.Op,
            CastExpr c => "cast:" + c.Target,
            ScalarFunctionExpr f => "fn:" + f.Binding.Name + ":" + f.Binding.ReturnType,
            AggregateExpr a => "agg:" + a.Binding.Name + (a.Distinct ? ":distinct" : string.Empty),
            WindowExpr w => "win:" + w.FunctionName + ":" + w.Frame + ":" + w.PartitionBy.Count + ":" + string.Join(",", w.OrderBy.Select(k => $"{k.Ascending}{k.NullsFirst}")),
            InListExpr i => "in:" + i.Negated,
            LikeExpr l => $"like:{l.CaseInsensitive}:{l.Negated}:{l.Escape}",
            RegexMatchExpr r => $"regex:{r.CaseInsensitive}:{r.Negated}:{r.Similar}",
            IsNullExpr n => "isnull:" + n.Negated,
            CaseExpr c => "case:" + (c.Else is null ? "noelse" : "else") + ":" + c.ResultType,
            _ => expr.GetType().Name,
        });
        sb.Append('(');
        var first = true;
        foreach (var child in expr.Children)
        {
            if (!first)
            {
                sb.Append(',');
            }

            first = false;
            Append(sb, child);
        }

        sb.Append(')');
    }
}
