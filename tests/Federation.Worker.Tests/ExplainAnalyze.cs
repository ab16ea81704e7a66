using Federation.Engine;

namespace Federation.Worker.Tests;

/// <summary>Reading EXPLAIN ANALYZE: the plan's lines, and the "name=value" counters on a line.</summary>
internal static class ExplainAnalyze
{
    /// <summary>The lines of EXPLAIN ANALYZE <paramref name="sql"/> as <paramref name="engine"/> runs it.</summary>
    public static async Task<string[]> LinesAsync(FederationEngine engine, string sql)
    {
        var plan = string.Join('\n', await WorkerFixture.SqlAsync(engine, "EXPLAIN ANALYZE " + sql));
        // The plan's lines come rendered as the SQL logic tests render text, with the line breaks escaped.
        return plan.Split(["\n", "\\n"], StringSplitOptions.None);
    }

    /// <summary>The lines of the external scans.</summary>
    public static IEnumerable<string> Scans(IEnumerable<string> lines) => lines.Where(line => line.Contains("ExternalScanExec", StringComparison.Ordinal));

    /// <summary>A counter of an EXPLAIN ANALYZE line, which must be there.</summary>
    public static long Counter(string line, string name)
    {
        var value = TryCounter(line, name);
        Assert.True(value is not null, $"no {name} in {line}");
        return value.Value;
    }

    /// <summary>A counter of an EXPLAIN ANALYZE line ("name=value"), or null when the line has none of that name.</summary>
    public static long? TryCounter(string line, string name)
    {
        var at = line.IndexOf(" " + name + "=", StringComparison.Ordinal);
        if (at < 0)
        {
            at = line.IndexOf("[" + name + "=", StringComparison.Ordinal);
        }

        if (at < 0)
        {
            return null;
        }

        var start = at + name.Length + 2;
        var end = start;
        while (end < line.Length && char.IsAsciiDigit(line[end]))
        {
            end++;
        }

        return long.Parse(line[start..end], System.Globalization.CultureInfo.InvariantCulture);
    }
}
