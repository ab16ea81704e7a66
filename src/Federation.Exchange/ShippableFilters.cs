using Federation.Functions;
using Federation.Functions.Aggregates;
using Federation.Logical.Expressions;
using Federation.Physical.Tables;

namespace Federation.Exchange;

/// <summary>
/// Which pushed-down filters a worker can evaluate: column references, literals of every type, comparisons and
/// arithmetic, AND/OR/NOT, IS NULL, IN lists, LIKE, regular expression matches, CAST, CASE, negation and calls of the
/// built-in scalar functions. Anything else (a subquery, a bound parameter, a function only this coordinator knows)
/// stays on the coordinator: a filter is never dropped, only kept where it can run. A filter that is not
/// deterministic (<see cref="ExprVisitor.IsDeterministic"/>: random() and the like) stays too, whatever the optimizer
/// pushed down: a fragment may run twice (a retry after a worker died) or on the coordinator instead, and a worker
/// would draw its own values, so only where the query runs is its one evaluation.
/// </summary>
public static class ShippableFilters
{
    /// <summary>Whether a worker can evaluate <paramref name="expr"/> exactly as the coordinator would.</summary>
    public static bool CanShip(Expr expr, FunctionRegistry? functions = null)
    {
        functions ??= FunctionRegistry.Default;
        if (!ExprVisitor.IsDeterministic(expr))
        {
            return false;
        }

        foreach (var node in ExprVisitor.Walk(expr))
        {
            var supported = node switch
            {
                ColumnRef or Literal or BinaryExpr or NotExpr or NegateExpr or IsNullExpr or InListExpr or LikeExpr or RegexMatchExpr
                    or CastExpr or CaseExpr => true,
                // Workers find functions by name in their own registry: only the same function object is the same function.
                ScalarFunctionExpr f => ReferenceEquals(functions.FindScalar(f.Binding.Name), f.Binding.Function),
                _ => false,
            };
            if (!supported)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether a worker can compute <paramref name="aggregate"/> exactly as the coordinator would: every filter, group
    /// key, argument and FILTER clause shippable, and every aggregate function the one a worker finds by its name.
    /// </summary>
    public static bool CanShip(PartialAggregation aggregate, FunctionRegistry? functions = null)
    {
        functions ??= FunctionRegistry.Default;
        foreach (var filter in aggregate.Filters)
        {
            if (!CanShip(filter, functions))
            {
                return false;
            }
        }

        foreach (var group in aggregate.GroupBy)
        {
            if (!CanShip(group, functions))
            {
                return false;
            }
        }

        foreach (var call in aggregate.Aggregates)
        {
            if (!IsWorkersAggregate(call.Binding, functions) || (call.Filter is not null && !CanShip(call.Filter, functions)))
            {
                return false;
            }

            foreach (var argument in call.Arguments)
            {
                if (!CanShip(argument, functions))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Workers find aggregate functions by name in their own registry: only the same function object is the same function.</summary>
    internal static bool IsWorkersAggregate(AggregateBinding binding, FunctionRegistry functions) =>
        ReferenceEquals(functions.FindAggregate(binding.Name), binding.Function);

    /// <summary>The filters a fragment carries, and those the coordinator must apply to the fragment's rows itself.</summary>
    public static (IReadOnlyList<Expr> Shipped, IReadOnlyList<Expr> Kept) Split(IReadOnlyList<Expr> filters, FunctionRegistry? functions = null)
    {
        var shipped = new List<Expr>(filters.Count);
        var kept = new List<Expr>();
        foreach (var filter in filters)
        {
            (CanShip(filter, functions) ? shipped : kept).Add(filter);
        }

        return (shipped, kept);
    }
}
