using Apache.Arrow;
using Federation.Cli;
using Federation.Engine;
using Federation.Samples.Tpch;
using Federation.Testing;
using Grpc.Core;

namespace Federation.Coordinator.Tests;

/// <summary>
/// 32 Flight SQL clients at once, each in its own session on its own connection, running a mix of the 22 TPC-H
/// queries, DDL and DML on tables of their own, session settings and queries that must fail at a small memory limit:
/// every answer right, no call stuck (each has a deadline, so a deadlock fails the test instead of hanging it), and
/// afterwards no memory held for queries and the heap back near where it started.
/// </summary>
public sealed class ConcurrentClientsTests(Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private const int Clients = 32;

    /// <summary>How long the clients run (FED_CONCURRENCY_SECONDS: longer by hand).</summary>
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("FED_CONCURRENCY_SECONDS"), out var seconds) ? seconds : 40);

    /// <summary>No statement here takes more than a few seconds even on two busy cores: one still running after this is stuck.</summary>
    private static readonly TimeSpan CallDeadline = TimeSpan.FromMinutes(2);

    private readonly string _folder = Directory.CreateTempSubdirectory("fed-concurrent-").FullName;

    [Fact]
    public async Task Thirty_two_clients_get_every_answer_right_and_leave_no_memory_held()
    {
        new TpchGenerator(new TpchGeneratorOptions { ScaleFactor = 0.01, OutputDirectory = _folder }).Generate();
        var engine = EngineFactory.Create();
        EngineFactory.RegisterTpch(engine, _folder);
        var queries = Enumerable.Range(1, 22).Select(q => File.ReadAllText(Path.Combine(RepositoryPaths.TpchQueries, $"q{q:00}.sql"))).ToArray();
        var expected = new List<string>[queries.Length];
        for (var q = 0; q < queries.Length; q++)
        {
            expected[q] = SltRows.Of(await (await engine.CreateSession().ExecuteAsync(queries[q])).CollectAsync());
        }

        var bigQuantities = (long)((Int64Array)(await (await engine.CreateSession().ExecuteAsync(BigQuantities)).CollectAsync())[0].Column(0)).GetValue(0)!;
        await using var host = await CoordinatorHost.StartAsync(engine, port: 0);
        var baseline = HeapAfterFullCollection();

        var deadline = DateTime.UtcNow + Duration;
        var counts = new int[4];
        var wrong = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var clients = Enumerable.Range(0, Clients).Select(id => Task.Run(async () =>
        {
            var random = new Random(id);
            using var client = new FlightSqlTestClient(host.Address);
            await client.HandshakeAsync();
            for (var i = 0; DateTime.UtcNow < deadline; i++)
            {
                var kind = random.Next(10) switch { < 6 => 0, 6 or 7 => 1, 8 => 2, _ => 3 };
                Interlocked.Increment(ref counts[kind]);
                using var call = new CancellationTokenSource(CallDeadline);
                try
                {
                    await (kind switch
                    {
                        0 => TpchAsync(client, queries, expected, random.Next(queries.Length), wrong),
                        1 => OwnTableAsync(client, $"c{id}_{i}", random.Next(5), wrong),
                        2 => SettingsAsync(client, random, bigQuantities, wrong),
                        _ => OverTheLimitAsync(client, wrong),
                    }).WaitAsync(call.Token);
                }
                catch (OperationCanceledException) when (call.IsCancellationRequested)
                {
                    wrong.Enqueue($"client {id}, statement {i} (kind {kind}): no answer within {CallDeadline.TotalSeconds} s");
                    return;
                }
            }
        })).ToArray();
        await Task.WhenAll(clients);

        output.WriteLine($"statements: {counts[0]} TPC-H, {counts[1]} DDL/DML rounds, {counts[2]} setting rounds, {counts[3]} over the limit");
        Assert.Empty(wrong);
        Assert.True(counts.Sum() >= Clients, $"only {counts.Sum()} statements ran");

        Assert.Equal(0, engine.QueryMemory.ReservedBytes);
        var after = HeapAfterFullCollection();
        output.WriteLine($"managed heap: {baseline >> 20} MiB before, {after >> 20} MiB after");
        Assert.True(after < baseline + (96L << 20), $"the heap grew from {baseline >> 20} MiB to {after >> 20} MiB and stayed");
    }

    private static async Task TpchAsync(FlightSqlTestClient client, string[] queries, List<string>[] expected, int q, System.Collections.Concurrent.ConcurrentQueue<string> wrong)
    {
        var rows = SltRows.Of(await client.QueryAsync(queries[q]));
        if (!rows.SequenceEqual(expected[q]))
        {
            wrong.Enqueue($"Q{q + 1}: {string.Join(" | ", rows.Take(2))} instead of {string.Join(" | ", expected[q].Take(2))}");
        }
    }

    /// <summary>CREATE TABLE AS, INSERT, a query of it, DROP: the table is this session's alone, so its counts are known.</summary>
    private static async Task OwnTableAsync(FlightSqlTestClient client, string table, int region, System.Collections.Concurrent.ConcurrentQueue<string> wrong)
    {
        await client.UpdateAsync($"CREATE TABLE {table} AS SELECT n_nationkey, n_name FROM nation WHERE n_regionkey = {region}");
        var inserted = await client.UpdateAsync($"INSERT INTO {table} SELECT n_nationkey + 100, n_name FROM nation WHERE n_regionkey = {region}");
        var count = await client.ColumnAsync($"SELECT count(*) FROM {table}");
        await client.UpdateAsync($"DROP TABLE {table}");
        if (inserted != 5 || count.Single() is not 10L)
        {
            wrong.Enqueue($"{table}: inserted {inserted}, counted {count.Single()}, not 5 and 10");
        }
    }

    /// <summary>Settings are the session's: what it SETs it SHOWs back, and a query under them answers as always.</summary>
    private const string BigQuantities = "SELECT count(*) FROM lineitem WHERE l_quantity > 25";

    private static async Task SettingsAsync(FlightSqlTestClient client, Random random, long bigQuantities, System.Collections.Concurrent.ConcurrentQueue<string> wrong)
    {
        var batch = random.Next(1, 9) * 512;
        var partitions = random.Next(1, 5);
        await client.UpdateAsync($"SET batch_size = {batch}");
        await client.UpdateAsync($"SET target_partitions = {partitions}");
        var shown = await client.ColumnAsync("SHOW batch_size");
        var count = await client.ColumnAsync(BigQuantities);
        await client.UpdateAsync("RESET ALL");
        if (!Equals(shown.Single(), batch.ToString(System.Globalization.CultureInfo.InvariantCulture)) || !Equals(count.Single(), bigQuantities))
        {
            wrong.Enqueue($"SET batch_size = {batch}: SHOW said {shown.Single()}, count {count.Single()}");
        }
    }

    /// <summary>A sort that needs more than 1MB fails with ResourceExhausted, and the session goes on.</summary>
    private static async Task OverTheLimitAsync(FlightSqlTestClient client, System.Collections.Concurrent.ConcurrentQueue<string> wrong)
    {
        await client.UpdateAsync("SET memory_limit = '1MB'");
        try
        {
            await client.QueryAsync("SELECT l_comment FROM lineitem ORDER BY l_comment");
            wrong.Enqueue("a sort of 60,175 comments ran within 1MB");
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.ResourceExhausted && e.Status.Detail.Contains("memory limit of 1 MiB", StringComparison.Ordinal))
        {
        }
        finally
        {
            await client.UpdateAsync("RESET memory_limit");
        }
    }

    private static long HeapAfterFullCollection()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
