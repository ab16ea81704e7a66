using System.Globalization;
using System.Text;
using Federation.Execution;
using Federation.Physical;

namespace Federation.Engine;

/// <summary>Indented physical plan text for EXPLAIN, with per-operator metrics for EXPLAIN ANALYZE.</summary>
public static class PlanExplainer
{
    public static string Format(PhysicalOperator plan, TaskContext? analyzed = null)
    {
        var sb = new StringBuilder();
        Append(sb, plan, 0, analyzed);
        return sb.ToString().TrimEnd('\n');
    }

    private static void Append(StringBuilder sb, PhysicalOperator op, int depth, TaskContext? analyzed)
    {
        sb.Append(' ', depth * 2).Append(op);
        if (analyzed?.FindMetrics(op) is { } metrics)
        {
            // Inclusive time summed over partitions, minus the children's: roughly this operator's own work.
            var own = metrics.Elapsed;
            foreach (var child in op.Children)
            {
                if (analyzed.FindMetrics(child) is { } childMetrics)
                {
                    own -= childMetrics.Elapsed;
                }
            }

            var ownMs = Math.Max(0, own.TotalMilliseconds);
            sb.Append(CultureInfo.InvariantCulture, $", metrics=[output_rows={metrics.OutputRows}, output_batches={metrics.OutputBatches}, elapsed={ownMs:F1}ms");
            foreach (var (name, value) in metrics.Counters.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                sb.Append(CultureInfo.InvariantCulture, $", {name}={value}");
            }

            sb.Append(']');
        }

        sb.Append('\n');
        foreach (var child in op.Children)
        {
            Append(sb, child, depth + 1, analyzed);
        }
    }
}
