using System.Globalization;
using System.Text;

namespace Federation.Logical.Plans;

/// <summary>Indented plan text, two spaces per level, as EXPLAIN prints it.</summary>
public static class PlanFormatter
{
    /// <param name="estimates">Append each node's estimated row count (EXPLAIN VERBOSE), as join ordering sees it.</param>
    public static string Format(LogicalPlan plan, bool estimates = false)
    {
        var sb = new StringBuilder();
        Append(sb, plan, 0, estimates);
        // Materialized WITH queries are printed once, after the plan that reads them.
        var tables = new List<CommonTable>();
        Collect(plan, tables);
        foreach (var table in tables)
        {
            sb.Append("CTE ").Append(table.Name).Append(":\n");
            Append(sb, table.Plan, 1, estimates);
        }

        return sb.ToString().TrimEnd('\n');
    }

    /// <summary>The materialized WITH queries a plan reads, each once, inner ones first.</summary>
    public static void Collect(LogicalPlan plan, List<CommonTable> tables)
    {
        if (plan is CteRef reference && !tables.Contains(reference.Table))
        {
            Collect(reference.Table.Plan, tables);
            tables.Add(reference.Table);
        }

        foreach (var input in plan.Inputs)
        {
            Collect(input, tables);
        }
    }

    private static void Append(StringBuilder sb, LogicalPlan plan, int depth, bool estimates)
    {
        sb.Append(' ', depth * 2).Append(plan.Describe());
        if (estimates)
        {
            sb.Append(CultureInfo.InvariantCulture, $" [rows≈{Statistics.CardinalityEstimator.Estimate(plan):0}]");
        }

        sb.Append('\n');
        foreach (var input in plan.Inputs)
        {
            Append(sb, input, depth + 1, estimates);
        }

        // Subqueries that are still expressions (not yet decorrelated) are shown under their node.
        foreach (var expr in plan.Expressions)
        {
            foreach (var sub in Expressions.ExprVisitor.Subqueries(expr))
            {
                sb.Append(' ', (depth + 1) * 2).Append("Subquery:\n");
                Append(sb, sub, depth + 2, estimates);
            }
        }
    }
}
