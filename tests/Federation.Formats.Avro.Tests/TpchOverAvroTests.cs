using Federation.Testing;
using Federation.Tpch.Tests;

namespace Federation.Formats.Avro.Tests;

/// <summary>
/// The 22 TPC-H queries over SF 0.1 as Avro in s3rver (Spectrum DDL) answer as DuckDB answers over the Parquet files
/// they were written from, in this process and through the coordinator's two `fed worker` processes; through the
/// pool, EXPLAIN ANALYZE shows every external scan's fragments completed on the workers, none here.
/// </summary>
public sealed class TpchOverAvroTests(TpchAvroFixture data) : IClassFixture<TpchAvroFixture>
{
    public static TheoryData<int> Queries() => [.. Enumerable.Range(1, 22)];

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Answer_matches_DuckDB_over_the_parquet_twin(int number)
    {
        var expected = data.Reference(data.Parquet.Query(number));
        var actual = await FederationRows.RunAsync(data.Local, TpchQueryText.Query(number, TpchAvroFixture.Schema));
        Assert.NotEmpty(expected);
        var difference = ResultComparer.Difference(expected, actual);
        Assert.True(difference is null, $"Q{number}: {difference}");
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Answer_through_two_workers_matches_DuckDB(int number)
    {
        var sql = TpchQueryText.Query(number, TpchAvroFixture.Schema);
        var expected = data.Reference(data.Parquet.Query(number));
        var actual = await FederationRows.RunAsync(data.Pooled, sql);
        var difference = ResultComparer.Difference(expected, actual);
        Assert.True(difference is null, $"Q{number}: {difference}");

        var plan = await ResultRows.OfAsync(data.Pooled.CreateSession(), "EXPLAIN ANALYZE " + sql);
        var scans = string.Join('\n', plan).Split(["\n", "\\n"], StringSplitOptions.None).Where(l => l.Contains("ExternalScanExec", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(scans);
        Assert.All(scans, scan => Assert.DoesNotContain("fragments_run_here", scan, StringComparison.Ordinal));
        Assert.Contains(scans, scan => scan.Contains("fragments_completed=", StringComparison.Ordinal));
        if (number == 1)
        {
            // Q1 scans lineitem alone: its two files in two splits each.
            Assert.Contains(scans, scan => scan.Contains("files_split=2", StringComparison.Ordinal));
        }
    }
}
