using Federation.Common;
using Federation.Coordinator;
using Federation.Coordinator.Workers;
using Federation.Engine;
using Federation.Testing;

namespace Federation.Worker.Tests;

/// <summary>
/// Workers killed (SIGKILL) at random moments while a coordinator answers a stream of TPC-H queries over s3rver: every
/// answer is right, the fragments of a killed worker run again elsewhere, a worker started in its place joins and
/// takes fragments, and with every worker gone the coordinator scans itself, or refuses to when told not to.
/// </summary>
[Collection(WorkersCollection.Name)]
public sealed class WorkerChaosTests(PoolFixture pool, Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly int Queries = int.TryParse(Environment.GetEnvironmentVariable("FED_CHAOS_QUERIES"), out var n) ? n : 100;

    [Fact]
    public async Task Queries_answer_right_while_workers_are_killed_and_replaced_at_random()
    {
        // A coordinator and workers of this test's own, so the killing disturbs no other test's pool.
        var engine = new FederationEngine();
        await using var coordinator = await pool.StartCoordinatorAsync(engine);
        var workers = new List<FedProcess>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                workers.Add(await pool.StartWorkerAsync(coordinator));
            }

            await WaitForLiveAsync(coordinator, 3);
            var expected = new Dictionary<int, List<string>>();
            for (var q = 1; q <= 22; q++)
            {
                expected[q] = await pool.Data.SqlAsync(TpchQueryText.Query(q, PoolFixture.Schema));
            }

            using var stop = new CancellationTokenSource();
            var random = new Random(20261207);
            var killed = 0;
            var started = new List<string>();
            var chaos = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    await Task.Delay(random.Next(1000, 3000), CancellationToken.None);
                    FedProcess victim;
                    lock (workers)
                    {
                        if (workers.Count == 0)
                        {
                            continue;
                        }

                        victim = workers[random.Next(workers.Count)];
                        workers.Remove(victim);
                    }

                    await victim.DisposeAsync(); // SIGKILL, whatever it was doing
                    killed++;

                    // Now and then the pool is left empty for a while: scans then run on the coordinator.
                    if (random.Next(4) == 0)
                    {
                        await Task.Delay(random.Next(500, 1500), CancellationToken.None);
                    }

                    var replacement = await pool.StartWorkerAsync(coordinator);
                    lock (workers)
                    {
                        workers.Add(replacement);
                        started.Add(PoolFixture.WorkerId(replacement));
                    }
                }
            });

            var wrong = new List<string>();
            try
            {
                for (var i = 0; i < Queries; i++)
                {
                    var q = (i % 22) + 1;
                    var watch = System.Diagnostics.Stopwatch.StartNew();
                    var actual = await WorkerFixture.SqlAsync(engine, TpchQueryText.Query(q, PoolFixture.Schema));
                    output.WriteLine($"query {i} (Q{q}): {watch.ElapsedMilliseconds} ms, {killed} killed so far, {coordinator.Pool.FailedAttempts} failed attempts");
                    if (!actual.SequenceEqual(expected[q]))
                    {
                        wrong.Add($"query {i} (Q{q}): {string.Join(" | ", actual.Take(3))} instead of {string.Join(" | ", expected[q].Take(3))}");
                    }
                }
            }
            finally
            {
                await stop.CancelAsync();
                await chaos;
            }

            Assert.Empty(wrong);
            Assert.True(killed >= 5, $"only {killed} workers were killed during {Queries} queries");
            Assert.True(coordinator.Pool.FailedAttempts > 0, "no fragment had to run again although workers were killed");

            // The replacements joined: the pool is exactly the workers running now, and runs fragments on them.
            // A worker killed last may still be listed until its heartbeat times out, and its replacement not yet: wait
            // for the pool to be exactly the running workers rather than for any three live entries.
            var running = workers.Select(PoolFixture.WorkerId).ToHashSet(StringComparer.Ordinal);
            var ids = await WaitForPoolAsync(coordinator, running);
            Assert.Equal(running, ids);
            Assert.Contains(ids, started.Contains);
            var before = coordinator.Pool.Snapshot().Sum(w => w.DispatchedFragments);
            Assert.Equal(expected[1], await WorkerFixture.SqlAsync(engine, TpchQueryText.Query(1, PoolFixture.Schema)));
            Assert.True(coordinator.Pool.Snapshot().Sum(w => w.DispatchedFragments) > before);
        }
        finally
        {
            foreach (var worker in workers)
            {
                await worker.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task With_no_worker_alive_a_coordinator_told_not_to_scan_itself_fails_naming_the_table_until_one_joins()
    {
        var engine = new FederationEngine();
        await using var coordinator = await pool.StartCoordinatorAsync(engine, new WorkerPoolOptions
        {
            HeartbeatTimeoutMilliseconds = 3_000,
            FragmentTargetBytes = 16 << 10,
            WithoutWorkers = ScansWithoutWorkers.Fail,
        });

        var error = await Assert.ThrowsAsync<FederationException>(() => WorkerFixture.SqlAsync(engine, "SELECT count(*) FROM tpch.orders"));
        Assert.Equal(ErrorCode.WorkersUnavailable, error.Code);
        Assert.Contains("no worker is alive to scan tpch.orders", error.Message, StringComparison.Ordinal);
        Assert.Equal(Grpc.Core.StatusCode.Unavailable, FlightSqlErrors.StatusOf(error));

        await using var worker = await pool.StartWorkerAsync(coordinator);
        await WaitForLiveAsync(coordinator, 1);
        Assert.Equal(await pool.Data.SqlAsync("SELECT count(*) FROM tpch.orders"), await WorkerFixture.SqlAsync(engine, "SELECT count(*) FROM tpch.orders"));

        // The last worker dies mid-pool: the next scan fails the same way instead of reading here.
        await worker.DisposeAsync();
        await WaitForLiveAsync(coordinator, 0);
        error = await Assert.ThrowsAsync<FederationException>(() => WorkerFixture.SqlAsync(engine, "SELECT count(*) FROM tpch.lineitem"));
        Assert.Equal(ErrorCode.WorkersUnavailable, error.Code);
    }

    private static async Task<HashSet<string>> WaitForPoolAsync(CoordinatorHost coordinator, HashSet<string> running)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var workers = coordinator.Pool.Snapshot();
            var ids = workers.Select(w => w.WorkerId).ToHashSet(StringComparer.Ordinal);
            if ((ids.SetEquals(running) && workers.All(w => w.State == "live")) || DateTime.UtcNow > deadline)
            {
                return ids;
            }

            await Task.Delay(50);
        }
    }

    private static async Task WaitForLiveAsync(CoordinatorHost coordinator, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (coordinator.Pool.Snapshot() is var workers && (workers.Count != count || workers.Any(w => w.State != "live")))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the pool did not reach {count} live workers: {string.Join(", ", coordinator.Pool.Snapshot())}");
            }

            await Task.Delay(50);
        }
    }
}
