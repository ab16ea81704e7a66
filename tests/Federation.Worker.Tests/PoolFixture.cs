using Federation.Coordinator;
using Federation.Coordinator.Workers;
using Federation.Engine;
using Federation.Formats.Parquet;
using Federation.Storage.S3;
using Federation.Testing;

namespace Federation.Worker.Tests;

/// <summary>
/// A coordinator in this process with a pool, and two real `fed worker` processes that joined it on their own
/// (--coordinator, FED_CLUSTER_SECRET), over <see cref="WorkerFixture"/>'s bucket on s3rver. The same external
/// tables (TPC-H lineitem partitioned by month, partsupp) are defined on the coordinator's engine and on the
/// fixture's engine, which has no pool and so reads everything itself: the reference answers. Fragments are cut
/// small (16 KiB of objects), so a query over lineitem is about one fragment per month's file.
/// </summary>
public sealed class PoolFixture : IAsyncLifetime
{
    public const string LineitemTable = "tpch.lineitem";

    public WorkerFixture Data { get; } = new();

    /// <summary>The coordinator's engine, which sends its external scans to the pool.</summary>
    public FederationEngine Engine { get; } = new();

    public CoordinatorHost Coordinator { get; private set; } = null!;

    /// <summary>The two workers the fixture started; tests start and kill their own besides.</summary>
    public List<FedProcess> Workers { get; } = [];

    public async Task InitializeAsync()
    {
        await Data.InitializeAsync();
        Data.Engine.RegisterFileFormat(new ParquetFileFormat());
        await CreateTablesAsync(Data.Engine);
        Coordinator = await StartCoordinatorAsync(Engine);
        Workers.Add(await StartWorkerAsync());
        Workers.Add(await StartWorkerAsync());
        await WaitForPoolAsync(2);
    }

    /// <summary>A coordinator with a pool over <paramref name="engine"/>, given the bucket and the tables; no worker has joined it yet.</summary>
    public async Task<CoordinatorHost> StartCoordinatorAsync(FederationEngine engine)
    {
        S3ObjectStore.Register(engine.Stores, Data.S3.Options);
        engine.RegisterFileFormat(new ParquetFileFormat());
        await CreateTablesAsync(engine);
        return await CoordinatorHost.StartAsync(engine, new CoordinatorOptions
        {
            Port = 0,
            ClusterSecret = Data.SecretText,
            Pool = new WorkerPoolOptions { HeartbeatTimeoutMilliseconds = 3_000, FragmentTargetBytes = 16 << 10 },
        });
    }

    /// <summary>A `fed worker` that joins <paramref name="coordinator"/> (by default the fixture's), heartbeating every 250 ms.</summary>
    public Task<FedProcess> StartWorkerAsync(CoordinatorHost? coordinator = null)
    {
        var environment = Data.WorkerEnvironment;
        environment["FED_HEARTBEATMILLISECONDS"] = "250";
        return FedProcess.StartAsync("worker", ["--coordinator", $"127.0.0.1:{(coordinator ?? Coordinator).Address.Port}"], environment);
    }

    /// <summary>The pool id a worker printed in its banner ("... as w-...").</summary>
    public static string WorkerId(FedProcess worker)
    {
        var at = worker.Output.IndexOf(" as w-", StringComparison.Ordinal);
        return at < 0 ? throw new InvalidOperationException("the worker printed no pool id: " + worker.Output) : worker.Output.Substring(at + 4, 14);
    }

    /// <summary>Until the pool holds exactly <paramref name="count"/> workers, all live (a killed one is dropped after the heartbeat timeout).</summary>
    public async Task WaitForPoolAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Coordinator.Pool.Snapshot() is var workers && (workers.Count != count || workers.Any(w => w.State != "live")))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the pool did not reach {count} live workers: {string.Join(", ", Coordinator.Pool.Snapshot())}");
            }

            await Task.Delay(50);
        }
    }

    private static async Task CreateTablesAsync(FederationEngine engine)
    {
        var session = engine.CreateSession();
        await session.ExecuteAsync("CREATE EXTERNAL SCHEMA tpch FROM DATA CATALOG DATABASE 'tpchdb' CREATE EXTERNAL DATABASE IF NOT EXISTS");
        await session.ExecuteAsync($"""
            CREATE EXTERNAL TABLE {LineitemTable} (
              l_orderkey bigint, l_partkey int, l_suppkey int, l_linenumber int, l_quantity decimal(15,2), l_extendedprice decimal(15,2),
              l_discount decimal(15,2), l_tax decimal(15,2), l_returnflag varchar, l_linestatus varchar, l_shipdate date, l_commitdate date,
              l_receiptdate date, l_shipinstruct varchar, l_shipmode varchar, l_comment varchar)
            PARTITIONED BY (l_shipmonth varchar(7))
            STORED AS PARQUET LOCATION 's3://{WorkerFixture.Bucket}/tpch/lineitem/'
            """);
        await session.ExecuteAsync($"MSCK REPAIR TABLE {LineitemTable}");
        await session.ExecuteAsync($"""
            CREATE EXTERNAL TABLE tpch.partsupp (ps_partkey int, ps_suppkey int, ps_availqty int, ps_supplycost decimal(15,2), ps_comment varchar)
            STORED AS PARQUET LOCATION 's3://{WorkerFixture.Bucket}/tpch/partsupp/'
            """);
    }

    public async Task DisposeAsync()
    {
        foreach (var worker in Workers)
        {
            await worker.DisposeAsync();
        }

        if (Coordinator is not null)
        {
            await Coordinator.DisposeAsync();
        }

        await Data.DisposeAsync();
    }
}
