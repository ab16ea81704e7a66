using System.IO.Compression;
using Federation.Testing;

namespace Federation.Formats.Text.Tests;

/// <summary>
/// The 22 TPC-H queries over SF 0.1 as `|`-delimited .tbl files and as CSV with a header in s3rver (Spectrum DDL):
/// Federation's answers, in this process and through two `fed worker` processes, equal DuckDB's over the same files
/// read with its read_csv.
/// </summary>
public sealed class TpchTextTests(TpchTextFixture tpch) : IClassFixture<TpchTextFixture>
{
    public static TheoryData<string, int> Queries()
    {
        var data = new TheoryData<string, int>();
        foreach (var schema in new[] { TpchTextFixture.Tbl, TpchTextFixture.Csv })
        {
            for (var number = 1; number <= 22; number++)
            {
                data.Add(schema, number);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Query_in_process_answers_as_DuckDB(string schema, int number)
    {
        var sql = TpchQueryText.Query(number, schema);
        var expected = tpch.Reference(sql);
        var actual = await FederationRows.RunAsync(tpch.Local, sql);
        Assert.NotEmpty(expected);
        var difference = ResultComparer.Difference(expected, actual);
        Assert.True(difference is null, $"{schema} Q{number}: {difference}");
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Query_through_two_workers_answers_as_DuckDB(string schema, int number)
    {
        var sql = TpchQueryText.Query(number, schema);
        var expected = tpch.Reference(sql);
        var actual = await FederationRows.RunAsync(tpch.Pooled, sql);
        Assert.NotEmpty(expected);
        var difference = ResultComparer.Difference(expected, actual);
        Assert.True(difference is null, $"{schema} Q{number}: {difference}");
    }

    [Fact]
    public void The_files_are_as_dbgen_and_a_csv_export_write_them()
    {
        // dbgen's .tbl line: values joined by '|' and one more '|' after the last; gzip where the key says so.
        using (var gzip = new StreamReader(new GZipStream(File.OpenRead(Path.Combine(tpch.TextFolder, TpchTextFixture.ObjectKey("tbl", "orders"))), CompressionMode.Decompress)))
        {
            var line = gzip.ReadLine()!;
            Assert.EndsWith("|", line, StringComparison.Ordinal);
            Assert.Equal(10, line.Split('|').Length);
            Assert.DoesNotContain("\"", gzip.ReadToEnd(), StringComparison.Ordinal);
        }

        using var csv = new StreamReader(Path.Combine(tpch.TextFolder, TpchTextFixture.ObjectKey("csv", "lineitem")));
        Assert.StartsWith("l_orderkey,l_partkey,", csv.ReadLine(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lineitem_tbl_is_read_by_the_workers_in_byte_range_fragments()
    {
        const string Sql = $"SELECT count(*), sum(l_quantity), sum(l_extendedprice) FROM {TpchTextFixture.Tbl}.lineitem";
        var plan = string.Join('\n', await ResultRows.OfAsync(tpch.Pooled.CreateSession(), "EXPLAIN ANALYZE " + Sql));
        var scan = plan.Split(["\n", "\\n"], StringSplitOptions.None)
            .Single(line => line.Contains("ExternalScanExec", StringComparison.Ordinal) && line.Contains("fragments_completed=", StringComparison.Ordinal));
        // One object of about 75 MB cut into splits of 16 MiB: several fragments, all run on the workers.
        Assert.True(Counter(scan, "fragments") >= 4, scan);
        Assert.Equal(Counter(scan, "fragments"), Counter(scan, "fragments_completed"));
        Assert.DoesNotContain("fragments_run_here", scan, StringComparison.Ordinal);
        Assert.Null(ResultComparer.Difference(tpch.Reference(Sql), await FederationRows.RunAsync(tpch.Pooled, Sql)));
    }

    private static long Counter(string line, string name)
    {
        var at = line.IndexOf(name + "=", StringComparison.Ordinal);
        Assert.True(at >= 0 && (line[at - 1] is ' ' or '[' or ','), $"no {name} in {line}");
        var digits = line[(at + name.Length + 1)..].TakeWhile(char.IsAsciiDigit).ToArray();
        return long.Parse(new string(digits), System.Globalization.CultureInfo.InvariantCulture);
    }
}
