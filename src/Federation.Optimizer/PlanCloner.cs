using Federation.Logical;
using Federation.Logical.Expressions;
using Federation.Logical.Plans;

namespace Federation.Optimizer;

/// <summary>
/// Copies a plan subtree with fresh column ids, so the copy can sit elsewhere in the same plan without two
/// nodes producing the same column. Returns null for subtrees it cannot copy (those with subqueries).
/// </summary>
internal static class PlanCloner
{
    public static (LogicalPlan Plan, Dictionary<int, PlanColumn> Columns)? Clone(LogicalPlan plan, ColumnIdGenerator ids)
    {
        var map = new Dictionary<int, PlanColumn>();
        var clone = Copy(plan, ids, map);
        return clone is null ? null : (clone, map);
    }

    private static LogicalPlan? Copy(LogicalPlan plan, ColumnIdGenerator ids, Dictionary<int, PlanColumn> map)
    {
        if (plan.Expressions.Any(ExprVisitor.ContainsSubquery))
        {
            return null;
        }

        var inputs = new List<LogicalPlan>();
        foreach (var input in plan.Inputs)
        {
            var copied = Copy(input, ids, map);
            if (copied is null)
            {
                return null;
            }

            inputs.Add(copied);
        }

        PlanColumn Fresh(PlanColumn c)
        {
            var fresh = ids.NewColumn(c.Name, c.Type, c.Nullable);
            map[c.Id] = fresh;
            return fresh;
        }

        Expr Map(Expr e) => ExprRewriter.TransformUp(e, x => x switch
        {
            ColumnRef c when map.TryGetValue(c.Id, out var m) => new ColumnRef(m),
            _ => null,
        });

        ProjectionItem MapItem(ProjectionItem item)
        {
            var expr = Map(item.Expr);
            return new ProjectionItem(expr, Fresh(item.Column));
        }

        switch (plan)
        {
            case TableScan scan:
                return scan with
                {
                    Columns = scan.Columns.Select(c => c with { Column = Fresh(c.Column) }).ToArray(),
                    Filters = scan.Filters.Select(Map).ToArray(),
                };
            case Filter filter:
                return new Filter(inputs[0], Map(filter.Predicate));
            case Projection projection:
                return new Projection(inputs[0], projection.Items.Select(MapItem).ToArray());
            case Aggregate aggregate:
                return new Aggregate(inputs[0], aggregate.GroupBy.Select(MapItem).ToArray(), aggregate.Aggregates.Select(MapItem).ToArray());
            case Join join:
                return join with
                {
                    Left = inputs[0],
                    Right = inputs[1],
                    Condition = join.Condition is null ? null : Map(join.Condition),
                    MarkColumn = join.MarkColumn is null ? null : Fresh(join.MarkColumn),
                };
            case Sort sort:
                return new Sort(inputs[0], sort.Keys.Select(k => k.WithExpr(Map(k.Expr))).ToArray(), sort.Fetch);
            case Limit limit:
                return limit with { Input = inputs[0] };
            case Union union:
                return new Union(inputs, union.Columns.Select(Fresh).ToArray());
            case WindowPlan window:
                return new WindowPlan(inputs[0], window.Functions.Select(MapItem).ToArray());
            case ValuesPlan values:
                return new ValuesPlan(values.Columns.Select(Fresh).ToArray(), values.Rows);
            case EmptyRelation empty:
                return new EmptyRelation(empty.ProduceOneRow, empty.Columns.Select(Fresh).ToArray());
            case CteRef reference:
                return new CteRef(reference.Table, reference.Columns.Select(Fresh).ToArray());
            default:
                return null;
        }
    }
}
