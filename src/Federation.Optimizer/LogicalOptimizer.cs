using System.Diagnostics;
using Federation.Common;
using Federation.Logical.Plans;
using Federation.Optimizer.Rules;

namespace Federation.Optimizer;

/// <summary>
/// Runs the rules in their order, repeating the list until nothing changes (at most a few passes), and checks
/// after every rule that the plan's output is unchanged.
/// </summary>
public sealed class LogicalOptimizer
{
    private const int MaxPasses = 4;

    /// <summary>The default rules, in the order they run. Each line says why it is where it is.</summary>
    public static IReadOnlyList<ILogicalRule> DefaultRules { get; } =
    [
        // Subqueries first: every later rule then sees plain joins it can move and prune.
        new DecorrelatePredicateSubquery(),
        new ScalarSubqueryToJoin(),
        // Fold constants and simplify booleans before predicates move, so pushed filters are already simple.
        new SimplifyExpressions(),
        // Compare columns with literals in the column's own type (no per-row casts; makes pruning possible).
        new UnwrapCastInComparison(),
        // Move filters down: into join conditions (turning comma joins into equi-joins), into scans.
        new PushDownFilter(),
        // Semi and anti joins filter rows like WHERE does: move them to the input that has their columns.
        new PushDownSemiJoin(),
        // With filters in place, outer joins whose NULL rows a filter removes become inner joins.
        new EliminateOuterJoin(),
        // Order inner joins by estimated size once their conditions and filters are known.
        new ReorderJoins(),
        // With the join order known, aggregates joined on their keys only compute the groups that can match.
        new ReduceJoinedAggregate(),
        // Limits next to sorts become top-N; limits reach scans.
        new PushDownLimit(),
        // Arithmetic several aggregate arguments share is computed once, below the aggregate.
        new ExtractCommonAggregateArguments(),
        // Drop columns nobody reads, down to the scans (the scans then read fewer columns).
        new PushDownProjection(),
        // Remove projections that only pass columns through.
        new EliminateProjection(),
    ];

    private readonly IReadOnlyList<ILogicalRule> _rules;

    public LogicalOptimizer(IReadOnlyList<ILogicalRule>? rules = null)
    {
        _rules = rules ?? DefaultRules;
    }

    public LogicalPlan Optimize(LogicalPlan plan, OptimizerContext context)
    {
        // Shared WITH queries are optimized once, on their own (inner ones first), before the plans reading them.
        var tables = new List<CommonTable>();
        PlanFormatter.Collect(plan, tables);
        foreach (var table in tables)
        {
            if (context.OptimizedTables.Add(table))
            {
                table.Plan = OptimizeTree(table.Plan, context);
            }
        }

        return OptimizeTree(plan, context);
    }

    private LogicalPlan OptimizeTree(LogicalPlan plan, OptimizerContext context)
    {
        for (var pass = 0; pass < MaxPasses; pass++)
        {
            var changed = false;
            foreach (var rule in _rules)
            {
                if (context.DisabledRules.Contains(rule.Name))
                {
                    continue;
                }

                var watch = Stopwatch.StartNew();
                var rewritten = Apply(rule, plan, context);
                watch.Stop();
                var stats = context.RuleStatistics.GetValueOrDefault(rule.Name);
                // Rules may rebuild nodes without changing anything; compare what the plan says, not object identity.
                if (rewritten is not null && !ReferenceEquals(rewritten, plan) && PlanFormatter.Format(rewritten) != PlanFormatter.Format(plan))
                {
                    CheckOutput(rule, plan, rewritten);
                    plan = rewritten;
                    changed = true;
                    stats.Changes++;
                }

                stats.Elapsed += watch.Elapsed;
                context.RuleStatistics[rule.Name] = stats;
            }

            if (!changed)
            {
                break;
            }
        }

        return plan;
    }

    private static LogicalPlan? Apply(ILogicalRule rule, LogicalPlan plan, OptimizerContext context) => rule.Order switch
    {
        ApplyOrder.Whole => rule.Rewrite(plan, context),
        ApplyOrder.TopDown => TopDown(rule, plan, context),
        _ => BottomUp(rule, plan, context),
    };

    private static LogicalPlan TopDown(ILogicalRule rule, LogicalPlan plan, OptimizerContext context)
    {
        var current = rule.Rewrite(plan, context) ?? plan;
        return WithInputs(current, current.Inputs.Select(i => TopDown(rule, i, context)).ToArray());
    }

    private static LogicalPlan BottomUp(ILogicalRule rule, LogicalPlan plan, OptimizerContext context)
    {
        var current = WithInputs(plan, plan.Inputs.Select(i => BottomUp(rule, i, context)).ToArray());
        return rule.Rewrite(current, context) ?? current;
    }

    private static LogicalPlan WithInputs(LogicalPlan plan, IReadOnlyList<LogicalPlan> inputs)
    {
        var old = plan.Inputs;
        for (var i = 0; i < old.Count; i++)
        {
            if (!ReferenceEquals(old[i], inputs[i]))
            {
                return plan.WithInputs(inputs);
            }
        }

        return plan;
    }

    private static void CheckOutput(ILogicalRule rule, LogicalPlan before, LogicalPlan after)
    {
        var a = before.Output;
        var b = after.Output;
        if (a.Count != b.Count)
        {
            throw FederationException.Internal($"optimizer rule {rule.Name} changed the number of output columns from {a.Count} to {b.Count}");
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (a[i].Id != b[i].Id || !a[i].Type.SameComputation(b[i].Type))
            {
                throw FederationException.Internal($"optimizer rule {rule.Name} changed output column {i + 1} ({a[i].Name}#{a[i].Id} {a[i].Type} to {b[i].Name}#{b[i].Id} {b[i].Type})");
            }
        }
    }
}
