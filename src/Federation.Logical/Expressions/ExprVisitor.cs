using Federation.Logical.Plans;

namespace Federation.Logical.Expressions;

/// <summary>Read-only walks over expression trees (they do not descend into subquery plans).</summary>
public static class ExprVisitor
{
    /// <summary>Every node of the tree, parents before children.</summary>
    public static IEnumerable<Expr> Walk(Expr root)
    {
        var stack = new Stack<Expr>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var e = stack.Pop();
            yield return e;
            var children = e.Children;
            for (var i = children.Count - 1; i >= 0; i--)
            {
                stack.Push(children[i]);
            }
        }
    }

    public static bool Any(Expr root, Func<Expr, bool> predicate)
    {
        foreach (var e in Walk(root))
        {
            if (predicate(e))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Ids of the columns the expression reads (not outer references).</summary>
    public static HashSet<int> ColumnIds(Expr root)
    {
        var ids = new HashSet<int>();
        AddColumnIds(root, ids);
        return ids;
    }

    public static void AddColumnIds(Expr root, HashSet<int> ids)
    {
        foreach (var e in Walk(root))
        {
            if (e is ColumnRef c)
            {
                ids.Add(c.Id);
            }
        }
    }

    public static IEnumerable<LogicalPlan> Subqueries(Expr root)
    {
        foreach (var e in Walk(root))
        {
            switch (e)
            {
                case ScalarSubqueryExpr s:
                    yield return s.Plan;
                    break;
                case ExistsExpr x:
                    yield return x.Plan;
                    break;
                case InSubqueryExpr i:
                    yield return i.Plan;
                    break;
            }
        }
    }

    public static bool ContainsSubquery(Expr root) => Any(root, e => e is ScalarSubqueryExpr or ExistsExpr or InSubqueryExpr);

    public static bool ContainsAggregate(Expr root) => Any(root, e => e is AggregateExpr);

    public static bool ContainsWindow(Expr root) => Any(root, e => e is WindowExpr);

    public static bool ContainsOuterRef(Expr root) => Any(root, e => e is OuterColumnRef);

    /// <summary>True when the expression reads no columns, parameters, subqueries or volatile functions.</summary>
    public static bool IsConstant(Expr root) => !Any(root, e => e is ColumnRef or OuterColumnRef or ParameterExpr
        or ScalarSubqueryExpr or ExistsExpr or InSubqueryExpr or AggregateExpr or WindowExpr
        or ScalarFunctionExpr { Binding.Function.Volatility: Functions.Volatility.Volatile });

    /// <summary>
    /// True when evaluating the expression again, or in another place, gives the same answer: no volatile functions,
    /// subqueries or outer references. Only such filters move (push-down) or run twice (a scan's filter and the plan's).
    /// </summary>
    public static bool IsDeterministic(Expr root) => !Any(root, e => e is ScalarFunctionExpr { Binding.Function.Volatility: Functions.Volatility.Volatile }
        or ScalarSubqueryExpr or ExistsExpr or InSubqueryExpr or OuterColumnRef);

    /// <summary>True when every column the expression reads is in <paramref name="ids"/>.</summary>
    public static bool OnlyReads(Expr root, IReadOnlySet<int> ids)
    {
        foreach (var e in Walk(root))
        {
            if (e is ColumnRef c && !ids.Contains(c.Id))
            {
                return false;
            }

            if (e is OuterColumnRef or ScalarSubqueryExpr or ExistsExpr or InSubqueryExpr)
            {
                return false;
            }
        }

        return true;
    }
}
