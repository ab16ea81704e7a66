using Federation.Logical.Expressions;
using Federation.Logical.Plans;

namespace Federation.Optimizer.Rules;

/// <summary>
/// Arithmetic that several aggregate arguments share is computed once, in a projection under the aggregate.
/// TPC-H Q1 sums <c>l_extendedprice * (1 - l_discount)</c> and <c>l_extendedprice * (1 - l_discount) * (1 + l_tax)</c>:
/// the shared product is evaluated once per row instead of twice. Only arithmetic reached through arithmetic is
/// shared (never a branch of CASE or COALESCE, which may not run on every row), and only for aggregates without
/// FILTER, whose arguments are evaluated on every row anyway.
/// </summary>
public sealed class ExtractCommonAggregateArguments : ILogicalRule
{
    public string Name => "extract_common_aggregate_arguments";

    public ApplyOrder Order => ApplyOrder.TopDown;

    public LogicalPlan? Rewrite(LogicalPlan plan, OptimizerContext context)
    {
        if (plan is not Aggregate aggregate)
        {
            return null;
        }

        var counts = new Dictionary<string, (Expr Expr, int Count, int Size)>(StringComparer.Ordinal);
        foreach (var item in aggregate.Aggregates)
        {
            if (item.Expr is AggregateExpr { Filter: null, Distinct: false, OrderBy.Count: 0 } call)
            {
                foreach (var argument in call.Arguments)
                {
                    Count(argument, counts);
                }
            }
        }

        // The largest shared expression first: its parts then occur only inside it and are not extracted again.
        (Expr Expr, int Count, int Size)? best = null;
        foreach (var entry in counts.Values)
        {
            if (entry.Count >= 2 && (best is null || entry.Size > best.Value.Size))
            {
                best = entry;
            }
        }

        if (best is not { } shared)
        {
            return null;
        }

        var column = context.Ids.NewColumn("shared", shared.Expr.Type, shared.Expr.Nullable);
        var key = ExprKey.Of(shared.Expr);
        var reference = new ColumnRef(column);
        var items = new List<ProjectionItem>();
        foreach (var c in aggregate.Input.Output)
        {
            items.Add(new ProjectionItem(new ColumnRef(c), c));
        }

        items.Add(new ProjectionItem(shared.Expr, column));
        var aggregates = new List<ProjectionItem>(aggregate.Aggregates.Count);
        foreach (var item in aggregate.Aggregates)
        {
            if (item.Expr is AggregateExpr { Filter: null, Distinct: false, OrderBy.Count: 0 } call)
            {
                var arguments = new Expr[call.Arguments.Count];
                for (var i = 0; i < arguments.Length; i++)
                {
                    arguments[i] = ExprRewriter.TransformDown(call.Arguments[i], e => ExprKey.Of(e) == key ? reference : null);
                }

                aggregates.Add(item with { Expr = call with { Arguments = arguments } });
            }
            else
            {
                aggregates.Add(item);
            }
        }

        return aggregate with { Input = new Projection(aggregate.Input, items), Aggregates = aggregates };
    }

    /// <summary>Counts the arithmetic subexpressions reached through arithmetic only; returns the expression's size.</summary>
    private static int Count(Expr expr, Dictionary<string, (Expr Expr, int Count, int Size)> counts)
    {
        if (expr is not BinaryExpr { } binary || !binary.Op.IsArithmetic() || !ExprVisitor.IsDeterministic(expr) || ExprVisitor.IsConstant(expr))
        {
            return 1;
        }

        var size = 1 + Count(binary.Left, counts) + Count(binary.Right, counts);
        var key = ExprKey.Of(expr);
        counts[key] = counts.TryGetValue(key, out var seen) ? seen with { Count = seen.Count + 1 } : (expr, 1, size);
        return size;
    }
}
