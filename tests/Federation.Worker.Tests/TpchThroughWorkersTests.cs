using Federation.Testing;

namespace Federation.Worker.Tests;

/// <summary>
/// The 22 TPC-H queries over SF 0.01 in s3rver (all eight tables external, lineitem and orders partitioned by month)
/// through the coordinator and its two `fed worker` processes answer value for value as the same engine answers
/// without workers. EXPLAIN ANALYZE of each shows that every external scan's fragments ran on the workers, none in
/// this process, so a pool that silently fell back to reading here could not pass.
/// </summary>
[Collection(WorkersCollection.Name)]
public sealed class TpchThroughWorkersTests(PoolFixture pool)
{
    public static TheoryData<int> Queries() => [.. Enumerable.Range(1, 22)];

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Query_through_two_workers_answers_as_in_one_process(int number)
    {
        await pool.WaitForPoolAsync(2);
        var sql = TpchQueryText.Query(number, PoolFixture.Schema);
        var expected = await pool.Data.SqlAsync(sql);

        var actual = await WorkerFixture.SqlAsync(pool.Engine, sql);

        Assert.NotEmpty(expected);
        // Every query but Q6, Q14, Q17 and Q19 (one row each) orders all its output: the rows compare in order.
        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Every_external_scan_of_the_query_runs_on_the_workers(int number)
    {
        await pool.WaitForPoolAsync(2);
        var sql = TpchQueryText.Query(number, PoolFixture.Schema);

        var lines = await ExplainAnalyze.LinesAsync(pool.Engine, sql);

        var scans = ExplainAnalyze.Scans(lines).ToList();
        Assert.NotEmpty(scans);
        var fragments = 0L;
        foreach (var scan in scans)
        {
            // Under a scan whose partial aggregate ran on the workers, the plan it would have run here is shown, not run:
            // it has no counters at all.
            if (ExplainAnalyze.TryCounter(scan, "output_rows") is null)
            {
                Assert.Null(ExplainAnalyze.TryCounter(scan, "files"));
                continue;
            }

            // A scan whose partitions were all pruned (by its filter or a join's keys) has no file, and no fragment to
            // send (none is cut, unless it carries a partial aggregate, which then counts 0 of them).
            var files = ExplainAnalyze.Counter(scan, "files");
            var planned = files == 0 ? ExplainAnalyze.TryCounter(scan, "fragments") ?? 0 : ExplainAnalyze.Counter(scan, "fragments");
            fragments += planned;
            if (planned == 0)
            {
                Assert.Equal(0, files);
                continue;
            }

            Assert.Equal(planned, ExplainAnalyze.Counter(scan, "fragments_completed"));
            Assert.Equal(0, ExplainAnalyze.Counter(scan, "fragment_retries"));

            // Counted only when a fragment did run here.
            Assert.Null(ExplainAnalyze.TryCounter(scan, "fragments_run_here"));
            Assert.InRange(ExplainAnalyze.Counter(scan, "workers_used"), 1, 2);
            Assert.Equal(ExplainAnalyze.Counter(scan, "output_rows"), ExplainAnalyze.Counter(scan, "rows_returned_by_workers"));
        }

        Assert.True(fragments > 0, string.Join('\n', scans));
    }
}
