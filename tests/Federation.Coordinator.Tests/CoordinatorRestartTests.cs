using Federation.Testing;
using Grpc.Core;

namespace Federation.Coordinator.Tests;

/// <summary>
/// `fed serve` killed (SIGKILL) while clients run queries and DDL against its built-in catalog, then started again on
/// the same data folder: the clients were told the connection was lost, the catalog opens with every change the server
/// had acknowledged, and the next queries answer right.
/// </summary>
public sealed class CoordinatorRestartTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("fed-restart-").FullName;

    [Fact]
    public async Task A_coordinator_killed_mid_work_restarts_with_its_catalog_whole_and_answers_right()
    {
        var orders = Path.Combine(RepositoryPaths.Root, "tests", "data", "external", "orders");
        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<string>();
        var errors = new System.Collections.Concurrent.ConcurrentBag<RpcException>();
        // A DoPut whose request stream is being written when the connection is reset fails in the gRPC client's write
        // (an IOException, "connection reset by peer") before any status can arrive: that also says the server is gone.
        var resetWrites = new System.Collections.Concurrent.ConcurrentBag<IOException>();
        long counted = 0;
        await using (var server = await FedProcess.StartAsync("serve", ["--data", _data, "--sample-scale", "0", "--workers", "0"]))
        {
            using var setup = new FlightSqlTestClient(server.Address);
            await setup.HandshakeAsync();
            await setup.UpdateAsync("CREATE EXTERNAL SCHEMA lake FROM DATA CATALOG DATABASE 'lakedb' CREATE EXTERNAL DATABASE IF NOT EXISTS");
            foreach (var table in new[] { "orders", "churn" })
            {
                await setup.UpdateAsync(
                    $"CREATE EXTERNAL TABLE lake.{table} (o_orderkey bigint, o_custkey bigint, o_orderstatus varchar(1), o_totalprice decimal(15,2), "
                    + "o_orderdate date, o_orderpriority varchar(15), o_clerk varchar(15), o_shippriority int, o_comment varchar(79)) "
                    + $"PARTITIONED BY (o_ordermonth varchar(7)) STORED AS PARQUET LOCATION 'file://{orders}/'");
            }

            await setup.UpdateAsync("MSCK REPAIR TABLE lake.orders");
            Assert.Equal([810L], await setup.ColumnAsync("SELECT count(*) FROM lake.orders"));

            // Four clients query, two add partitions one by one; the server dies under them.
            using var stop = new CancellationTokenSource();
            var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                using var client = new FlightSqlTestClient(server.Address);
                await client.HandshakeAsync();
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        Assert.Equal([810L], await client.ColumnAsync("SELECT count(*) FROM lake.orders"));
                        Interlocked.Increment(ref counted);
                    }
                    catch (RpcException e)
                    {
                        errors.Add(e);
                        return;
                    }
                }
            })).ToList();
            var writers = Enumerable.Range(0, 2).Select(w => Task.Run(async () =>
            {
                using var client = new FlightSqlTestClient(server.Address);
                await client.HandshakeAsync();
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var value = $"w{w}-{i:0000}";
                    try
                    {
                        await client.UpdateAsync($"ALTER TABLE lake.churn ADD PARTITION (o_ordermonth='{value}') LOCATION 'file://{orders}/o_ordermonth=1995-02/'");
                        acknowledged.Add(value);
                    }
                    catch (RpcException e)
                    {
                        errors.Add(e);
                        return;
                    }
                    catch (IOException e)
                    {
                        resetWrites.Add(e);
                        return;
                    }
                }
            })).ToList();

            await Eventually.UntilAsync(() => acknowledged.Count >= 20 && Interlocked.Read(ref counted) >= 8, () => "the clients got going");
            server.Signal(9);
            await Task.WhenAll([.. readers, .. writers]).WaitAsync(TimeSpan.FromMinutes(2));
            await stop.CancelAsync();
        }

        // Every client learned its server was gone, with the status that says a retry (elsewhere, or later) may work.
        Assert.Equal(6, errors.Count + resetWrites.Count);
        Assert.All(errors, e => Assert.Equal(StatusCode.Unavailable, e.StatusCode));

        await using var again = await FedProcess.StartAsync("serve", ["--data", _data, "--sample-scale", "0", "--workers", "0"]);
        using var after = new FlightSqlTestClient(again.Address);
        await after.HandshakeAsync();
        Assert.Equal([810L], await after.ColumnAsync("SELECT count(*) FROM lake.orders"));
        var partitions = (await after.ColumnAsync("SELECT \"values\" FROM svv_external_partitions WHERE tablename = 'churn'"))
            .Select(v => (string)v!).ToHashSet(StringComparer.Ordinal);
        foreach (var value in acknowledged)
        {
            Assert.Contains(partitions, p => p.Contains(value, StringComparison.Ordinal));
        }

        // The table whose partitions were being added reads as its partitions say: 194 orders of February 1995 each.
        Assert.Equal([194L * partitions.Count], await after.ColumnAsync("SELECT count(*) FROM lake.churn"));
        await after.UpdateAsync("ALTER TABLE lake.churn ADD PARTITION (o_ordermonth='after') LOCATION 'file://" + orders + "/o_ordermonth=1995-02/'");
        Assert.Equal([194L * partitions.Count + 194L], await after.ColumnAsync("SELECT count(*) FROM lake.churn"));
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);
}
