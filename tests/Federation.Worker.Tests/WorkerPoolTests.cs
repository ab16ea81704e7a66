using System.Globalization;
using Apache.Arrow.Flight;
using Apache.Arrow.Flight.Client;
using Federation.Common;
using Federation.Engine;
using Federation.Engine.Workers;
using Federation.Exchange;
using Federation.Testing;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;

namespace Federation.Worker.Tests;

/// <summary>
/// The coordinator's pool with real `fed worker` processes on loopback against s3rver: queries over external tables
/// answer through the workers exactly as in one process, a worker killed mid-query or joining while queries run
/// changes nothing in the answers, SVV_WORKERS shows the pool, EXPLAIN ANALYZE shows what the workers did, a corrupt
/// object fails the query at once, and only holders of the cluster secret can join.
/// </summary>
[Collection(WorkersCollection.Name)]
public sealed partial class WorkerPoolTests(PoolFixture pool)
{
    /// <summary>TPC-H Q1: every partition, a filter the workers apply, aggregation on the coordinator.</summary>
    private const string Q1 = """
        SELECT l_returnflag, l_linestatus, sum(l_quantity), sum(l_extendedprice), sum(l_extendedprice * (1 - l_discount)),
          sum(l_extendedprice * (1 - l_discount) * (1 + l_tax)), avg(l_quantity), avg(l_discount), count(*)
        FROM tpch.lineitem WHERE l_shipdate <= DATE '1998-09-02'
        GROUP BY l_returnflag, l_linestatus ORDER BY l_returnflag, l_linestatus
        """;

    /// <summary>TPC-H Q6: a selective filter, so the workers return little of what they scan.</summary>
    private const string Q6 = """
        SELECT sum(l_extendedprice * l_discount) FROM tpch.lineitem
        WHERE l_shipdate >= DATE '1994-01-01' AND l_shipdate < DATE '1995-01-01' AND l_discount BETWEEN 0.05 AND 0.07 AND l_quantity < 24
        """;

    public static readonly TheoryData<string> Queries =
    [
        Q1,
        Q6,
        // Partition pruning, the partition column and "$path" from the workers.
        """SELECT l_shipmonth, count(*), count(DISTINCT "$path"), sum(l_quantity) FROM tpch.lineitem WHERE l_shipmonth >= '1997-06' GROUP BY l_shipmonth""",
        // Rows themselves, with a LIKE the workers evaluate.
        "SELECT l_orderkey, l_linenumber, l_shipmode, l_comment FROM tpch.lineitem WHERE l_comment LIKE '%special%' AND l_quantity > 45",
        // A join of two external tables, both scanned on the workers.
        """
        SELECT count(*), sum(ps_supplycost * l_quantity) FROM tpch.lineitem JOIN tpch.partsupp ON l_partkey = ps_partkey AND l_suppkey = ps_suppkey
        WHERE l_shipmonth = '1996-03'
        """,
        // A limit: the fragments carry it and dispatching stops once it is met.
        "SELECT count(*) FROM (SELECT l_orderkey FROM tpch.lineitem LIMIT 100) AS t",
    ];

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Queries_through_two_workers_answer_as_in_one_process(string sql)
    {
        await pool.WaitForPoolAsync(2);
        var expected = await pool.Data.SqlAsync(sql);
        var actual = await WorkerFixture.SqlAsync(pool.Engine, sql);
        Assert.NotEmpty(expected);
        Assert.Equal(Sorted(expected), Sorted(actual));
    }

    [Fact]
    public async Task Explain_analyze_shows_the_fragments_the_workers_used_and_what_they_returned()
    {
        await pool.WaitForPoolAsync(2);
        var scan = await ScanLineAsync(Q6);
        Assert.Contains("partial_aggregate_on_workers=[gby=[], aggr=[sum(", scan);
        var objects = await pool.Data.ListAsync("tpch/lineitem/");
        var fragments = ExplainAnalyze.Counter(scan, "fragments");
        Assert.Equal(objects.Count, ExplainAnalyze.Counter(scan, "files"));
        Assert.Equal(objects.Count, ExplainAnalyze.Counter(scan, "files_opened"));
        Assert.InRange(fragments, 2, objects.Count);
        Assert.Equal(fragments, ExplainAnalyze.Counter(scan, "fragments_completed"));
        Assert.Equal(0, ExplainAnalyze.Counter(scan, "fragment_retries"));
        Assert.Null(ExplainAnalyze.TryCounter(scan, "fragments_run_here"));
        Assert.Equal(2, ExplainAnalyze.Counter(scan, "workers_used"));

        // The row groups of the months outside 1994 were skipped by their l_shipdate statistics: the workers scanned
        // exactly 1994's rows, filtered and summed them, and what came back is the scan's output, at most a partial sum
        // per fragment and scan partition.
        Assert.Equal(await CountAsync("l_shipmonth >= '1994-01' AND l_shipmonth <= '1994-12'"), ExplainAnalyze.Counter(scan, "rows_scanned"));
        Assert.Equal(ExplainAnalyze.Counter(scan, "output_rows"), ExplainAnalyze.Counter(scan, "rows_returned_by_workers"));
        Assert.InRange(ExplainAnalyze.Counter(scan, "rows_returned_by_workers"), 1, 2 * fragments);
        Assert.InRange(ExplainAnalyze.Counter(scan, "bytes_returned_by_workers"), 1, ExplainAnalyze.Counter(scan, "bytes_read") - 1);
    }

    /// <summary>How many rows of lineitem <paramref name="where"/> holds for, counted by the reference engine.</summary>
    private async Task<long> CountAsync(string where) =>
        long.Parse(Assert.Single(await pool.Data.SqlAsync("SELECT count(*) FROM tpch.lineitem WHERE " + where)), CultureInfo.InvariantCulture);

    [Fact]
    public async Task Q1s_partial_aggregate_runs_on_the_workers_which_return_groups_not_rows()
    {
        await pool.WaitForPoolAsync(2);
        var scan = await ScanLineAsync(Q1);
        Assert.Contains("partial_aggregate_on_workers=[gby=[l_returnflag, l_linestatus]", scan);
        Assert.Equal(2, ExplainAnalyze.Counter(scan, "workers_used"));

        // Four groups at most per fragment and worker scan partition, out of the ~59,000 rows the filter keeps.
        var returned = ExplainAnalyze.Counter(scan, "rows_returned_by_workers");
        Assert.InRange(returned, 4, 4 * 2 * ExplainAnalyze.Counter(scan, "fragments"));

        // The months after 1998-09 were skipped by their l_shipdate statistics; 1998-09 itself was scanned whole.
        Assert.Equal(await CountAsync("l_shipmonth <= '1998-09'"), ExplainAnalyze.Counter(scan, "rows_scanned"));
        Assert.Equal(await pool.Data.SqlAsync(Q1), await WorkerFixture.SqlAsync(pool.Engine, Q1));
    }

    [Fact]
    public async Task With_no_live_worker_a_pushed_partial_aggregate_runs_in_process()
    {
        var engine = new FederationEngine();
        await using var coordinator = await pool.StartCoordinatorAsync(engine);
        Assert.Empty(coordinator.Pool.Snapshot());
        Assert.Equal(await pool.Data.SqlAsync(Q1), await WorkerFixture.SqlAsync(engine, Q1));

        // The aggregating scan ran the plan under it: the plain scan below read the files here and sent no fragment.
        var lines = await PlanLinesAsync(engine, Q1);
        var scans = lines.Where(line => line.Contains("ExternalScanExec", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, scans.Length);
        Assert.Contains("partial_aggregate_on_workers", scans[0]);
        Assert.DoesNotContain("fragments=", scans[0]);
        Assert.DoesNotContain("partial_aggregate_on_workers", scans[1]);
        Assert.Equal(83, ExplainAnalyze.Counter(scans[1], "files_opened"));
    }

    /// <summary>EXPLAIN ANALYZE of <paramref name="sql"/> through the fixture's pool, line by line.</summary>
    private static async Task<string[]> PlanLinesAsync(FederationEngine engine, string sql)
    {
        var plan = string.Join('\n', await WorkerFixture.SqlAsync(engine, "EXPLAIN ANALYZE " + sql));
        // The plan's lines come rendered as the SQL logic tests render text, with the line breaks escaped.
        return plan.Split(["\n", "\\n"], StringSplitOptions.None);
    }

    /// <summary>The line of the top external scan: the one that dispatches fragments.</summary>
    private async Task<string> ScanLineAsync(string sql) =>
        (await PlanLinesAsync(pool.Engine, sql)).First(line => line.Contains("ExternalScanExec", StringComparison.Ordinal));

    [Fact]
    public async Task A_large_object_is_split_by_row_groups_between_fragments_and_each_row_is_read_once()
    {
        await pool.WaitForPoolAsync(2);
        const string Sql = "SELECT count(*), count(DISTINCT ps_partkey), sum(ps_availqty), min(ps_suppkey), max(ps_suppkey) FROM tpch.partsupp";
        var objects = await pool.Data.ListAsync("tpch/partsupp/");
        var single = Assert.Single(objects);
        Assert.True(single.Size > 4 * pool.Coordinator.Pool.Options.FragmentTargetBytes, "partsupp should span several fragments");

        // One object of 8 row groups, each above the 16 KiB target: a fragment per row group, spread over both workers.
        var scan = await ScanLineAsync(Sql);
        Assert.Equal(1, ExplainAnalyze.Counter(scan, "files"));
        Assert.Equal(1, ExplainAnalyze.Counter(scan, "files_split"));
        Assert.Equal(8, ExplainAnalyze.Counter(scan, "fragments"));
        Assert.Equal(8, ExplainAnalyze.Counter(scan, "row_groups"));
        Assert.Equal(2, ExplainAnalyze.Counter(scan, "workers_used"));
        Assert.Equal(8_000, ExplainAnalyze.Counter(scan, "rows_returned_by_workers"));
        Assert.Equal(["8000|2000|40113982|1|100"], await pool.Data.SqlAsync(Sql));
        Assert.Equal(await pool.Data.SqlAsync(Sql), await WorkerFixture.SqlAsync(pool.Engine, Sql));
    }

    [Fact]
    public async Task Fragment_output_held_for_a_query_counts_against_its_memory_limit()
    {
        await pool.WaitForPoolAsync(2);
        const string Sql = "SELECT l_comment, l_shipinstruct, l_shipmode FROM tpch.lineitem";
        var session = pool.Engine.CreateSession();
        await WorkerFixture.SqlAsync(session, "SET memory_limit = '1MB'");
        var options = pool.Coordinator.Pool.Options;
        var target = options.FragmentTargetBytes;
        options.FragmentTargetBytes = 1L << 30;
        try
        {
            // One fragment holds the table's rows until its last batch arrived (a failed attempt must leave nothing):
            // more than the query may hold fails it with the limit's error, naming what held the memory.
            var error = await Assert.ThrowsAsync<FederationException>(() => WorkerFixture.SqlAsync(session, Sql));
            Assert.Equal(ErrorCode.MemoryLimitExceeded, error.Code);
            Assert.Contains("query exceeded its memory limit of 1 MiB (fragment output of tpch.lineitem needed", error.Message, StringComparison.Ordinal);

            // The pool is unharmed, and the same query within the default limit answers.
            await WorkerFixture.SqlAsync(session, "RESET memory_limit");
            Assert.Equal((await pool.Data.SqlAsync(Sql)).Count, (await WorkerFixture.SqlAsync(session, Sql)).Count);
            Assert.Equal(2, pool.Coordinator.Pool.Snapshot().Count(w => w.State == "live"));
        }
        finally
        {
            options.FragmentTargetBytes = target;
        }
    }

    [Fact]
    public async Task Small_objects_are_packed_into_fragments_of_the_target_size()
    {
        await pool.WaitForPoolAsync(2);
        var objects = await pool.Data.ListAsync("tpch/lineitem/");
        var total = objects.Sum(o => o.Size);
        var options = pool.Coordinator.Pool.Options;
        var target = options.FragmentTargetBytes;
        options.FragmentTargetBytes = total / 4;
        try
        {
            var scan = await ScanLineAsync(Q6);
            Assert.Equal(objects.Count, ExplainAnalyze.Counter(scan, "files"));

            // Packed greedily up to a quarter of the table each: at least four fragments, and fewer than eight
            // (two neighbours never both fall short of half the target).
            Assert.InRange(ExplainAnalyze.Counter(scan, "fragments"), 4, 7);
            Assert.Equal(ExplainAnalyze.Counter(scan, "fragments"), ExplainAnalyze.Counter(scan, "fragments_completed"));
            Assert.Equal(await pool.Data.SqlAsync(Q6), await WorkerFixture.SqlAsync(pool.Engine, Q6));
        }
        finally
        {
            options.FragmentTargetBytes = target;
        }
    }

    [Fact]
    public async Task Svv_workers_lists_the_workers_that_joined_with_their_state_and_load()
    {
        await pool.WaitForPoolAsync(2);
        var rows = await WorkerFixture.SqlAsync(pool.Engine, "SELECT worker_id, location, state, slots, running_fragments, last_heartbeat >= joined_at FROM svv_workers");
        Assert.Equal(2, rows.Count);
        foreach (var worker in pool.Workers)
        {
            Assert.Contains($"{PoolFixture.WorkerId(worker)}|grpc+tcp://127.0.0.1:{worker.Address.Port}|live|2|0|true", rows);
        }

        // What each returned grows with every query it serves: the rows Q1's filter keeps over lineitem's 83 objects reach both.
        var before = await WorkerFixture.SqlAsync(pool.Engine, "SELECT worker_id, rows_returned, bytes_returned FROM svv_workers ORDER BY worker_id");
        await WorkerFixture.SqlAsync(pool.Engine, "SELECT l_orderkey, l_linenumber FROM tpch.lineitem WHERE l_shipdate <= DATE '1998-09-02'");
        var after = await WorkerFixture.SqlAsync(pool.Engine, "SELECT worker_id, rows_returned, bytes_returned FROM svv_workers ORDER BY worker_id");
        var total = 0L;
        for (var i = 0; i < 2; i++)
        {
            var (was, now) = (before[i].Split('|'), after[i].Split('|'));
            Assert.Equal(was[0], now[0]);
            Assert.True(long.Parse(now[1], CultureInfo.InvariantCulture) > long.Parse(was[1], CultureInfo.InvariantCulture), after[i]);
            Assert.True(long.Parse(now[2], CultureInfo.InvariantCulture) > long.Parse(was[2], CultureInfo.InvariantCulture), after[i]);
            total += long.Parse(now[1], CultureInfo.InvariantCulture) - long.Parse(was[1], CultureInfo.InvariantCulture);
        }

        // Q1's filter keeps the rows shipped through 1998-09-02: all the workers returned, summed, is what the scan read in process.
        Assert.Equal(long.Parse((await pool.Data.SqlAsync("SELECT count(*) FROM tpch.lineitem WHERE l_shipdate <= DATE '1998-09-02'"))[0], CultureInfo.InvariantCulture), total);
    }

    [Fact]
    public async Task A_worker_killed_in_the_middle_of_a_query_leaves_the_answer_right()
    {
        await pool.WaitForPoolAsync(2);
        var expected = await pool.Data.SqlAsync(Q1);

        // The victim reads lineitem through a gate that never opens: a fragment it takes cannot finish, so once it
        // reads one the query surely waits on it, and is still running when the victim is killed.
        using var s3 = new GatedS3Proxy(pool.Data.S3.Endpoint);
        using var gate = s3.Close(path => path.StartsWith(LineitemObjects, StringComparison.Ordinal));
        string id;
        Task<List<string>> query;
        await using (var victim = await pool.StartWorkerAsync(s3: s3))
        {
            id = PoolFixture.WorkerId(victim);
            await pool.WaitForPoolAsync(3);
            query = WorkerFixture.SqlAsync(pool.Engine, Q1);
            await Eventually.CompletesAsync(Task.WhenAny(gate.FirstHeld, query), "the victim reads a fragment's object");
            Assert.False(query.IsCompleted, "the query ended with a fragment of the victim's unfinished");
        }

        Assert.Equal(expected, await query);
        await pool.WaitForPoolAsync(2);
        Assert.DoesNotContain(pool.Coordinator.Pool.Snapshot(), w => w.WorkerId == id);
    }

    [Fact]
    public async Task When_the_last_worker_dies_mid_query_the_coordinator_runs_the_rest_itself()
    {
        var expected = await pool.Data.SqlAsync(Q1);
        var objects = await pool.Data.ListAsync("tpch/lineitem/");
        var held = $"/{WorkerFixture.Bucket}/{objects[objects.Count / 2].Key}";
        var engine = new FederationEngine();
        await using var coordinator = await pool.StartCoordinatorAsync(engine);

        // The only worker reads one month's object through a gate that never opens: it runs the other fragments, but
        // the query cannot finish while it lives.
        using var s3 = new GatedS3Proxy(pool.Data.S3.Endpoint);
        using var gate = s3.Close(path => path == held);
        Task<List<string>> query;
        await using (var only = await pool.StartWorkerAsync(coordinator, s3))
        {
            var id = PoolFixture.WorkerId(only);
            await PoolFixture.WaitForPoolAsync(coordinator, 1);
            query = WorkerFixture.SqlAsync(engine, Q1);
            await Eventually.CompletesAsync(Task.WhenAny(gate.FirstHeld, query), "the worker reads the held object");
            await Eventually.UntilAsync(() => query.IsCompleted || coordinator.Pool.Snapshot().Any(w => w.WorkerId == id && w.ReportedCompleted > 0),
                () => $"the worker completes a fragment besides the held one: {string.Join(", ", coordinator.Pool.Snapshot())}");
            Assert.False(query.IsCompleted, "the query ended with the held fragment unfinished");
        }

        // The held fragment (and whatever was not sent yet) found no live worker: read here, the answer whole.
        Assert.Equal(expected, await query);
        Assert.DoesNotContain(coordinator.Pool.Snapshot(), w => w.State == "live");
    }

    [Fact]
    public async Task A_worker_that_joins_while_queries_run_gets_fragments()
    {
        await pool.WaitForPoolAsync(2);
        var expected = await pool.Data.SqlAsync(Q6);
        using var stop = new CancellationTokenSource();
        var queries = Task.Run(async () =>
        {
            var ran = 0;
            while (!stop.IsCancellationRequested)
            {
                Assert.Equal(expected, await WorkerFixture.SqlAsync(pool.Engine, Q6));
                ran++;
            }

            return ran;
        });

        await using (var joiner = await pool.StartWorkerAsync())
        {
            var id = PoolFixture.WorkerId(joiner);

            // Only this coordinator sends it fragments: what it says it completed, it got from the queries running here.
            await Eventually.UntilAsync(() => queries.IsCompleted || pool.Coordinator.Pool.Snapshot().Any(w => w.WorkerId == id && w.ReportedCompleted > 0),
                () => $"the joiner completes a fragment: {string.Join(", ", pool.Coordinator.Pool.Snapshot())}");
            await stop.CancelAsync();
            var ran = await queries;
            Assert.True(ran > 0);
            Assert.Contains(pool.Coordinator.Pool.Snapshot(), w => w.WorkerId == id && w.ReportedCompleted > 0);
        }

        await pool.WaitForPoolAsync(2);
    }

    [Fact]
    public async Task Cancelling_a_query_cancels_its_fragments_on_the_workers()
    {
        await pool.WaitForPoolAsync(2);

        // A third worker reads lineitem through a gate that never opens: the fragments it takes could only end by the
        // cancel, so the query is surely running when cancelled, and that worker running none afterwards is the cancel
        // having reached it.
        using var s3 = new GatedS3Proxy(pool.Data.S3.Endpoint);
        using var gate = s3.Close(path => path.StartsWith(LineitemObjects, StringComparison.Ordinal));
        await using var stuck = await pool.StartWorkerAsync(s3: s3);
        var id = PoolFixture.WorkerId(stuck);
        await pool.WaitForPoolAsync(3);
        WorkerStatus Stuck() => pool.Coordinator.Pool.Snapshot().Single(w => w.WorkerId == id);

        using var cancel = new CancellationTokenSource();
        var query = WorkerFixture.SqlAsync(pool.Engine, Q1, cancel.Token);
        await Eventually.CompletesAsync(Task.WhenAny(gate.FirstHeld, query), "the stuck worker reads a fragment's object");
        Assert.False(query.IsCompleted, "the query ended with a fragment of the stuck worker's unfinished");

        // Its heartbeat says it runs the fragment: one saying it runs none is then news, not an older heartbeat.
        await Eventually.UntilAsync(() => Stuck().ReportedRunning > 0, () => $"the stuck worker reports its fragment: {Stuck()}");
        await cancel.CancelAsync();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => query);
        Assert.True(error is OperationCanceledException or FederationException { Code: ErrorCode.QueryCancelled }, error.ToString());

        // The DoGets end with the query: nothing of it runs here or, by their next heartbeats, on the workers.
        await Eventually.UntilAsync(() => pool.Coordinator.Pool.Snapshot().All(w => w.RunningFragments == 0 && w.ReportedRunning == 0),
            () => $"no fragment runs on any worker: {string.Join(", ", pool.Coordinator.Pool.Snapshot())}");
    }

    [Fact]
    public async Task A_corrupt_object_fails_the_query_at_once_naming_it_and_blames_no_worker()
    {
        await pool.WaitForPoolAsync(2);
        await pool.Data.Store.WriteAsync("broken-pool/part-0.parquet", "this is not parquet at all, just text"u8.ToArray(), CancellationToken.None);
        await pool.Engine.CreateSession().ExecuteAsync(
            $"CREATE EXTERNAL TABLE tpch.broken (id bigint) STORED AS PARQUET LOCATION 's3://{WorkerFixture.Bucket}/broken-pool/'");
        var before = pool.Coordinator.Pool.Snapshot();

        var error = await Assert.ThrowsAsync<FederationException>(() => WorkerFixture.SqlAsync(pool.Engine, "SELECT count(*) FROM tpch.broken"));
        Assert.Equal(ErrorCode.CorruptObject, error.Code);
        Assert.Contains($"s3://{WorkerFixture.Bucket}/broken-pool/part-0.parquet", error.Message, StringComparison.Ordinal);

        // At once: the one object's one fragment was sent once, to one worker, and not again elsewhere after its
        // error; no worker is blamed for it.
        var after = pool.Coordinator.Pool.Snapshot();
        Assert.Equal(before.Sum(w => w.DispatchedFragments) + 1, after.Sum(w => w.DispatchedFragments));
        Assert.Equal(before.Sum(w => w.FailedAttempts), after.Sum(w => w.FailedAttempts));
        Assert.All(after, w => Assert.Equal("live", w.State));
        await pool.WaitForPoolAsync(2);
    }

    [Fact]
    public async Task A_heartbeat_not_signed_with_the_cluster_secret_is_refused()
    {
        var now = DateTimeOffset.UtcNow;
        var heartbeat = new WorkerHeartbeat("w-intruder", "grpc+tcp://127.0.0.1:9", 1, now, now, 0, 0, 0, Leaving: false);
        using var channel = GrpcChannel.ForAddress(pool.Coordinator.Address);
        var client = new FlightClient(channel);

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            using var call = client.DoAction(new FlightAction(WorkerHeartbeat.ActionType,
                ByteString.CopyFrom(heartbeat.Sign(ClusterSecret.FromText("not-the-cluster-secret-but-long-enough-0123")))));
            await call.ResponseStream.MoveNext(CancellationToken.None);
        });
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains("signature is wrong", error.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(pool.Coordinator.Pool.Snapshot(), w => w.WorkerId == "w-intruder");
    }

    [Fact]
    public async Task A_replayed_or_stale_heartbeat_is_refused()
    {
        using var channel = GrpcChannel.ForAddress(pool.Coordinator.Address);
        var client = new FlightClient(channel);
        var now = DateTimeOffset.UtcNow;
        var first = new WorkerHeartbeat("w-replayed", "grpc+tcp://127.0.0.1:9", 7, now, now, 0, 0, 0, Leaving: false).Sign(pool.Data.Secret);
        await SendAsync(first);
        try
        {
            var replayed = await Assert.ThrowsAsync<RpcException>(() => SendAsync(first));
            Assert.Equal(StatusCode.Unauthenticated, replayed.StatusCode);
            Assert.Contains("sequence 7 of w-replayed is not after 7 (replayed)", replayed.Status.Detail, StringComparison.Ordinal);

            var stale = new WorkerHeartbeat("w-stale", "grpc+tcp://127.0.0.1:9", 1, now.AddMinutes(-2), now.AddMinutes(-3), 0, 0, 0, Leaving: false);
            var refused = await Assert.ThrowsAsync<RpcException>(() => SendAsync(stale.Sign(pool.Data.Secret)));
            Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
            Assert.Contains("replayed, or the clocks differ", refused.Status.Detail, StringComparison.Ordinal);
            Assert.DoesNotContain(pool.Coordinator.Pool.Snapshot(), w => w.WorkerId == "w-stale");
        }
        finally
        {
            // Gone again before any fragment could be sent to its made-up address.
            await SendAsync(new WorkerHeartbeat("w-replayed", "grpc+tcp://127.0.0.1:9", 8, now, now, 0, 0, 0, Leaving: true).Sign(pool.Data.Secret));
        }

        Assert.DoesNotContain(pool.Coordinator.Pool.Snapshot(), w => w.WorkerId == "w-replayed");

        async Task SendAsync(byte[] heartbeat)
        {
            using var call = client.DoAction(new FlightAction(WorkerHeartbeat.ActionType, ByteString.CopyFrom(heartbeat)));
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
            }
        }
    }

    /// <summary>The path prefix (as a request to the bucket's S3 endpoint names it) of lineitem's objects.</summary>
    private const string LineitemObjects = $"/{WorkerFixture.Bucket}/tpch/lineitem/";

    private static List<string> Sorted(List<string> rows) => rows.Order(StringComparer.Ordinal).ToList();
}
