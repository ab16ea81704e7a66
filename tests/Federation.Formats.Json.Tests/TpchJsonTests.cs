using Federation.Testing;

namespace Federation.Formats.Json.Tests;

/// <summary>
/// The 22 TPC-H queries over SF 0.1 as JSON lines in s3rver: Federation's answers, in this process and through two
/// `fed worker` processes, equal DuckDB's over the same files read with its read_json.
/// </summary>
public sealed class TpchJsonTests(TpchJsonFixture tpch) : IClassFixture<TpchJsonFixture>
{
    public static TheoryData<int> Queries() => [.. Enumerable.Range(1, 22)];

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Query_in_process_answers_as_DuckDB(int number)
    {
        var expected = tpch.Reference(File.ReadAllText(Path.Combine(RepositoryPaths.TpchQueries, $"q{number:00}.sql")));
        var actual = await FederationRows.RunAsync(tpch.Local, TpchQueryText.Query(number, TpchJsonFixture.Schema));
        Assert.NotEmpty(expected);
        var difference = ResultComparer.Difference(expected, actual);
        Assert.True(difference is null, $"Q{number}: {difference}");
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Query_through_two_workers_answers_as_DuckDB(int number)
    {
        var expected = tpch.Reference(File.ReadAllText(Path.Combine(RepositoryPaths.TpchQueries, $"q{number:00}.sql")));
        var actual = await FederationRows.RunAsync(tpch.Pooled, TpchQueryText.Query(number, TpchJsonFixture.Schema));
        Assert.NotEmpty(expected);
        var difference = ResultComparer.Difference(expected, actual);
        Assert.True(difference is null, $"Q{number}: {difference}");
    }

    [Fact]
    public async Task Lineitem_is_read_by_the_workers_in_byte_range_fragments()
    {
        var plan = string.Join('\n', await ResultRows.OfAsync(tpch.Pooled.CreateSession(), "EXPLAIN ANALYZE SELECT count(*), sum(l_quantity) FROM tpch.lineitem"));
        // The scan that ran (under a partial aggregate the workers ran, the plan they were sent is shown too, without counters).
        var scan = plan.Split(["\n", "\\n"], StringSplitOptions.None)
            .Single(line => line.Contains("ExternalScanExec", StringComparison.Ordinal) && line.Contains("fragments_completed=", StringComparison.Ordinal));
        // One object of about 210 MiB cut into splits of 16 MiB: several fragments, all run on the workers.
        Assert.True(Counter(scan, "fragments") >= 4, scan);
        Assert.Equal(Counter(scan, "fragments"), Counter(scan, "fragments_completed"));
        Assert.DoesNotContain("fragments_run_here", scan, StringComparison.Ordinal);
        var expected = tpch.Reference("SELECT count(*), sum(l_quantity) FROM lineitem");
        var actual = await FederationRows.RunAsync(tpch.Pooled, "SELECT count(*), sum(l_quantity) FROM tpch.lineitem");
        Assert.Null(ResultComparer.Difference(expected, actual));
    }

    private static long Counter(string line, string name)
    {
        var at = line.IndexOf(name + "=", StringComparison.Ordinal);
        Assert.True(at >= 0 && (line[at - 1] is ' ' or '[' or ','), $"no {name} in {line}");
        var digits = line[(at + name.Length + 1)..].TakeWhile(char.IsAsciiDigit).ToArray();
        return long.Parse(new string(digits), System.Globalization.CultureInfo.InvariantCulture);
    }
}
