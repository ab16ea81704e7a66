using System.Globalization;
using System.Text;

namespace Federation.Fuzz.Tests;

/// <summary>What a run did: cases per check, statements run, errors by code, and how many answers DuckDB confirmed.</summary>
public sealed class FuzzStatistics
{
    public Dictionary<FuzzCheck, int> Cases { get; } = [];

    /// <summary>TLP cases whose statements all ran, so the partitions were compared.</summary>
    public int TlpCompared { get; set; }

    /// <summary>TLP cases skipped because a statement raised a (user) error.</summary>
    public int TlpSkipped { get; set; }

    public int DuckDbCompared { get; set; }

    public int DuckDbNotPortable { get; set; }

    public int DuckDbErrored { get; set; }

    public int FederationOnlyErrors { get; set; }

    public int BothErrored { get; set; }

    public int RowsCompared { get; set; }

    public Dictionary<string, int> ErrorCodes { get; } = [];

    /// <summary>The slowest cases (time, case number, check), to keep the generator's cases cheap.</summary>
    public List<(TimeSpan Elapsed, int Case, FuzzCheck Check, string Sql)> Slowest { get; } = [];

    public void Timed(TimeSpan elapsed, int number, FuzzCheck check, string sql)
    {
        Slowest.Add((elapsed, number, check, sql));
        Slowest.Sort((a, b) => b.Elapsed.CompareTo(a.Elapsed));
        if (Slowest.Count > 5)
        {
            Slowest.RemoveAt(5);
        }
    }

    /// <summary>A few messages of errors Federation raised where DuckDB answered, to review by hand.</summary>
    public List<string> FederationOnlyErrorSamples { get; } = [];

    public string Describe(int statements, TimeSpan elapsed)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{Cases.Values.Sum()} cases, {statements} statements in {elapsed.TotalSeconds:0.0} s: ");
        sb.AppendJoin(", ", Cases.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value}")).Append('\n');
        sb.Append(CultureInfo.InvariantCulture, $"TLP: {TlpCompared} compared, {TlpSkipped} skipped for an error\n");
        sb.Append(CultureInfo.InvariantCulture,
            $"DuckDB: {DuckDbCompared} compared ({RowsCompared} rows), {DuckDbNotPortable} not portable, {DuckDbErrored} DuckDB errors only, {FederationOnlyErrors} Federation errors only, {BothErrored} both errors\n");
        sb.Append("Federation errors by code: ").AppendJoin(", ", ErrorCodes.OrderByDescending(e => e.Value).Select(e => $"{e.Key} {e.Value}")).Append('\n');
        sb.Append("slowest cases: ").AppendJoin(", ", Slowest.Select(s => $"{s.Case} ({s.Check}) {s.Elapsed.TotalMilliseconds:0} ms")).Append('\n');
        if (Slowest.Count > 0)
        {
            sb.Append("  the slowest: ").Append(Slowest[0].Sql).Append('\n');
        }

        foreach (var sample in FederationOnlyErrorSamples)
        {
            sb.Append("  Federation-only error: ").Append(sample).Append('\n');
        }

        return sb.ToString();
    }
}
