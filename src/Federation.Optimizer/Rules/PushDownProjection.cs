
using Federation.Logical.Expressions;
using Federation.Logical.Plans;

namespace Federation.Optimizer.Rules;

/// <summary>
/// Removes columns that nothing above reads: unused projection items, aggregates and window functions, and
/// scan columns (so a Parquet scan decodes only the columns the query needs). The plan's own output is kept.
/// </summary>
public sealed class PushDownProjection : ILogicalRule
{
    public string Name => "push_down_projection";

    public ApplyOrder Order => ApplyOrder.Whole;

    public LogicalPlan? Rewrite(LogicalPlan plan, OptimizerContext context)
    {
        var result = Prune(plan, plan.Output.Select(c => c.Id).ToHashSet(), keepOrder: true);
        return ReferenceEquals(result, plan) ? null : result;
    }

    /// <summary>Returns a plan whose output includes every required column (it may include more).</summary>
    private static LogicalPlan Prune(LogicalPlan plan, HashSet<int> required, bool keepOrder = false)
    {
        switch (plan)
        {
            case Projection projection:
            {
                var items = keepOrder ? projection.Items.ToList() : projection.Items.Where(i => required.Contains(i.Column.Id)).ToList();
                if (items.Count == 0 && projection.Items.Count > 0)
                {
                    items.Add(projection.Items[0]);
                }

                var childRequired = new HashSet<int>();
                foreach (var item in items)
                {
                    ExprVisitor.AddColumnIds(item.Expr, childRequired);
                }

                var input = Prune(projection.Input, childRequired);
                return items.Count == projection.Items.Count && ReferenceEquals(input, projection.Input) ? projection : projection with { Input = input, Items = items };
            }

            case Filter filter:
            {
                var childRequired = new HashSet<int>(required);
                ExprVisitor.AddColumnIds(filter.Predicate, childRequired);
                var input = Prune(filter.Input, childRequired);
                return ReferenceEquals(input, filter.Input) ? filter : filter with { Input = input };
            }

            case Sort sort:
            {
                var childRequired = new HashSet<int>(required);
                foreach (var key in sort.Keys)
                {
                    ExprVisitor.AddColumnIds(key.Expr, childRequired);
                }

                var input = Prune(sort.Input, childRequired);
                return ReferenceEquals(input, sort.Input) ? sort : sort with { Input = input };
            }

            case Limit limit:
            {
                var input = Prune(limit.Input, required);
                return ReferenceEquals(input, limit.Input) ? limit : limit with { Input = input };
            }

            case Aggregate aggregate:
            {
                var aggregates = keepOrder ? aggregate.Aggregates.ToList() : aggregate.Aggregates.Where(a => required.Contains(a.Column.Id)).ToList();
                var childRequired = new HashSet<int>();
                foreach (var g in aggregate.GroupBy)
                {
                    ExprVisitor.AddColumnIds(g.Expr, childRequired);
                }

                foreach (var a in aggregates)
                {
                    ExprVisitor.AddColumnIds(a.Expr, childRequired);
                }

                var input = Prune(aggregate.Input, childRequired);
                return aggregates.Count == aggregate.Aggregates.Count && ReferenceEquals(input, aggregate.Input)
                    ? aggregate
                    : aggregate with { Input = input, Aggregates = aggregates };
            }

            case WindowPlan window:
            {
                var functions = keepOrder ? window.Functions.ToList() : window.Functions.Where(f => required.Contains(f.Column.Id)).ToList();
                var childRequired = new HashSet<int>(required);
                foreach (var f in functions)
                {
                    ExprVisitor.AddColumnIds(f.Expr, childRequired);
                }

                var input = Prune(window.Input, childRequired);
                if (functions.Count == 0)
                {
                    return input;
                }

                return functions.Count == window.Functions.Count && ReferenceEquals(input, window.Input) ? window : window with { Input = input, Functions = functions };
            }

            case Join join:
            {
                var childRequired = new HashSet<int>(required);
                if (join.Condition is not null)
                {
                    ExprVisitor.AddColumnIds(join.Condition, childRequired);
                }

                var left = Prune(join.Left, Intersect(childRequired, join.Left));
                var right = Prune(join.Right, Intersect(childRequired, join.Right));
                return ReferenceEquals(left, join.Left) && ReferenceEquals(right, join.Right) ? join : join with { Left = left, Right = right };
            }

            case Union union:
            {
                var keep = new List<int>();
                for (var i = 0; i < union.Columns.Count; i++)
                {
                    if (keepOrder || required.Contains(union.Columns[i].Id))
                    {
                        keep.Add(i);
                    }
                }

                if (keep.Count == 0)
                {
                    keep.Add(0);
                }

                var sources = union.Sources.Select(s =>
                {
                    var output = s.Output;
                    var pruned = Prune(s, keep.Select(i => output[i].Id).ToHashSet());
                    if (keep.Count == output.Count && pruned.Output.Select(c => c.Id).SequenceEqual(output.Select(c => c.Id)))
                    {
                        return pruned;
                    }

                    // Union matches columns by position: give each branch exactly the kept columns.
                    return (LogicalPlan)new Projection(pruned, keep.Select(i => new ProjectionItem(new ColumnRef(output[i]), output[i])).ToArray());
                }).ToArray();
                return union with { Sources = sources, Columns = keep.Select(i => union.Columns[i]).ToArray() };
            }

            case TableScan scan:
            {
                if (keepOrder)
                {
                    return scan;
                }

                var needed = new HashSet<int>(required);
                foreach (var f in scan.Filters)
                {
                    ExprVisitor.AddColumnIds(f, needed);
                }

                var columns = scan.Columns.Where(c => needed.Contains(c.Column.Id)).ToList();
                if (columns.Count == 0 && scan.Columns.Count > 0)
                {
                    // Something must still count the rows.
                    columns.Add(scan.Columns[0]);
                }

                return columns.Count == scan.Columns.Count ? scan : scan with { Columns = columns };
            }

            default:
            {
                // Values, EmptyRelation and others: keep their output; prune below with everything they read.
                var inputs = plan.Inputs;
                if (inputs.Count == 0)
                {
                    return plan;
                }

                var childRequired = new HashSet<int>();
                foreach (var e in plan.Expressions)
                {
                    ExprVisitor.AddColumnIds(e, childRequired);
                }

                foreach (var input in inputs)
                {
                    foreach (var c in input.Output)
                    {
                        childRequired.Add(c.Id);
                    }
                }

                var newInputs = inputs.Select(i => Prune(i, childRequired)).ToArray();
                return newInputs.Where((p, i) => !ReferenceEquals(p, inputs[i])).Any() ? plan.WithInputs(newInputs) : plan;
            }
        }
    }

    private static HashSet<int> Intersect(HashSet<int> ids, LogicalPlan plan)
    {
        var result = new HashSet<int>();
        foreach (var c in plan.Output)
        {
            if (ids.Contains(c.Id))
            {
                result.Add(c.Id);
            }
        }

        return result;
    }

}
