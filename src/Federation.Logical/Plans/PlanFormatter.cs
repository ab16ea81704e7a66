using System.Text;

namespace Federation.Logical.Plans;

/// <summary>Indented plan text, two spaces per level, as EXPLAIN prints it.</summary>
public static class PlanFormatter
{
    public static string Format(LogicalPlan plan)
    {
        var sb = new StringBuilder();
        Append(sb, plan, 0);
        return sb.ToString().TrimEnd('\n');
    }

    private static void Append(StringBuilder sb, LogicalPlan plan, int depth)
    {
        sb.Append(' ', depth * 2).Append(plan.Describe()).Append('\n');
        foreach (var input in plan.Inputs)
        {
            Append(sb, input, depth + 1);
        }

        // Subqueries that are still expressions (not yet decorrelated) are shown under their node.
        foreach (var expr in plan.Expressions)
        {
            foreach (var sub in Expressions.ExprVisitor.Subqueries(expr))
            {
                sb.Append(' ', (depth + 1) * 2).Append("Subquery:\n");
                Append(sb, sub, depth + 2);
            }
        }
    }
}
