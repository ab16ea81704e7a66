using Federation.Logical.Expressions;
using Federation.Logical.Plans;
using Federation.Logical.Statistics;

namespace Federation.Optimizer.Rules;

/// <summary>
/// Greedy join ordering for trees of inner joins (DuckDB's and Trino's greedy fallback): flatten the tree into
/// its inputs and conditions, then repeatedly join the two connected inputs whose join is estimated smallest.
/// Estimates come from table row counts, filter selectivities and key domains (|A ⋈ B| ≈ |A|·|B| / distinct keys).
/// A projection on top keeps the original column order.
/// </summary>
public sealed class ReorderJoins : ILogicalRule
{
    public string Name => "reorder_joins";

    public ApplyOrder Order => ApplyOrder.Whole;

    public LogicalPlan? Rewrite(LogicalPlan plan, OptimizerContext context)
    {
        var result = Reorder(plan);
        return ReferenceEquals(result, plan) ? null : result;
    }

    private sealed record Item(LogicalPlan Plan, HashSet<int> Leaves, double Rows);

    private static LogicalPlan Reorder(LogicalPlan plan)
    {
        if (plan is not Join { Type: JoinType.Inner } || !IsCluster(plan))
        {
            var inputs = plan.Inputs;
            var newInputs = inputs.Select(Reorder).ToArray();
            return newInputs.Where((p, i) => !ReferenceEquals(p, inputs[i])).Any() ? plan.WithInputs(newInputs) : plan;
        }

        var leaves = new List<LogicalPlan>();
        var conditions = new List<Expr>();
        Flatten(plan, leaves, conditions);
        if (leaves.Count < 3 || conditions.Any(c => !ExprVisitor.IsDeterministic(c)))
        {
            var inputs = plan.Inputs;
            var newInputs = inputs.Select(Reorder).ToArray();
            return newInputs.Where((p, i) => !ReferenceEquals(p, inputs[i])).Any() ? plan.WithInputs(newInputs) : plan;
        }

        for (var i = 0; i < leaves.Count; i++)
        {
            leaves[i] = Reorder(leaves[i]);
        }

        var leafOf = new Dictionary<int, int>();
        for (var i = 0; i < leaves.Count; i++)
        {
            foreach (var c in leaves[i].Output)
            {
                leafOf[c.Id] = i;
            }
        }

        var domains = new Dictionary<int, double>();
        foreach (var leaf in leaves)
        {
            foreach (var (id, d) in ColumnDomains.Of(leaf))
            {
                domains[id] = d;
            }
        }

        var pending = conditions.Select(c => (Expr: c, Leaves: ExprVisitor.ColumnIds(c).Where(leafOf.ContainsKey).Select(id => leafOf[id]).ToHashSet())).ToList();
        var items = leaves.Select((l, i) => new Item(l, [i], CardinalityEstimator.Estimate(l))).ToList();

        while (items.Count > 1)
        {
            (int A, int B, double Rows, List<int> Conditions)? best = null;
            for (var a = 0; a < items.Count; a++)
            {
                for (var b = a + 1; b < items.Count; b++)
                {
                    var applicable = Applicable(pending, items[a].Leaves, items[b].Leaves);
                    if (applicable.Count == 0)
                    {
                        continue;
                    }

                    var rows = ColumnDomains.JoinRows(items[a].Rows, items[b].Rows, applicable.Select(i => pending[i].Expr).ToArray(), domains);
                    if (best is null || rows < best.Value.Rows || (rows == best.Value.Rows && items[a].Rows + items[b].Rows < items[best.Value.A].Rows + items[best.Value.B].Rows))
                    {
                        best = (a, b, rows, applicable);
                    }
                }
            }

            if (best is null)
            {
                // No condition connects what is left: cross join the two smallest.
                var ordered = items.Select((it, i) => (it, i)).OrderBy(x => x.it.Rows).Take(2).Select(x => x.i).OrderBy(i => i).ToArray();
                best = (ordered[0], ordered[1], items[ordered[0]].Rows * items[ordered[1]].Rows, []);
            }

            var (ai, bi, estimate, used) = best.Value;
            // The larger input streams (probe, left); the smaller is built (right).
            var (big, small) = items[ai].Rows >= items[bi].Rows ? (items[ai], items[bi]) : (items[bi], items[ai]);
            var condition = Conjunctions.Combine(used.Select(i => pending[i].Expr));
            var joined = new Item(new Join(big.Plan, small.Plan, JoinType.Inner, condition), [.. big.Leaves, .. small.Leaves], estimate);
            foreach (var index in used.OrderByDescending(i => i))
            {
                pending.RemoveAt(index);
            }

            items.RemoveAt(bi);
            items.RemoveAt(ai);
            items.Add(joined);
        }

        var result = items[0].Plan;
        if (pending.Count > 0)
        {
            result = new Filter(result, Conjunctions.Combine(pending.Select(p => p.Expr))!);
        }

        // Same columns, same order as before.
        var output = plan.Output;
        if (!result.Output.Select(c => c.Id).SequenceEqual(output.Select(c => c.Id)))
        {
            result = new Projection(result, output.Select(c => new ProjectionItem(new ColumnRef(c), c)).ToArray());
        }

        return result;
    }

    private static bool IsCluster(LogicalPlan plan) => plan is Join { Type: JoinType.Inner, NullAware: false };

    private static void Flatten(LogicalPlan plan, List<LogicalPlan> leaves, List<Expr> conditions)
    {
        if (plan is Join { Type: JoinType.Inner, NullAware: false } join)
        {
            conditions.AddRange(Conjunctions.Split(join.Condition));
            Flatten(join.Left, leaves, conditions);
            Flatten(join.Right, leaves, conditions);
            return;
        }

        leaves.Add(plan);
    }

    /// <summary>Conditions that become evaluable by joining a and b (they read both sides and nothing else).</summary>
    private static List<int> Applicable(List<(Expr Expr, HashSet<int> Leaves)> pending, HashSet<int> a, HashSet<int> b)
    {
        var result = new List<int>();
        for (var i = 0; i < pending.Count; i++)
        {
            var leaves = pending[i].Leaves;
            if (leaves.Overlaps(a) && leaves.Overlaps(b) && leaves.All(l => a.Contains(l) || b.Contains(l)))
            {
                result.Add(i);
            }
        }

        return result;
    }
}
