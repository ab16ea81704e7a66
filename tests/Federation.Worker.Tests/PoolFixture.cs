using Apache.Arrow.Types;
using Federation.Coordinator;
using Federation.Coordinator.Workers;
using Federation.Engine;
using Federation.Formats.Parquet;
using Federation.Samples.Tpch;
using Federation.Storage.S3;
using Federation.Testing;

namespace Federation.Worker.Tests;

/// <summary>
/// A coordinator in this process with a pool, and two real `fed worker` processes that joined it on their own
/// (--coordinator, FED_CLUSTER_SECRET), over <see cref="WorkerFixture"/>'s bucket on s3rver. The same external
/// tables (the eight TPC-H tables in schema tpch, lineitem and orders partitioned by month) are defined on the
/// coordinator's engine and on the fixture's engine, which has no pool and so reads everything itself: the reference
/// answers. Fragments are cut small (16 KiB of objects), so a query over lineitem is about one fragment per month's
/// file. The test classes that need workers share one instance (<see cref="WorkersCollection"/>) and run one after
/// another: starting workers and s3rver once is most of their cost, and tests that count what the pool did, or kill
/// workers, must not overlap.
/// </summary>
public sealed class PoolFixture : IAsyncLifetime
{
    /// <summary>The external schema the TPC-H tables are in.</summary>
    public const string Schema = "tpch";

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
    public async Task<CoordinatorHost> StartCoordinatorAsync(FederationEngine engine, WorkerPoolOptions? pool = null)
    {
        S3ObjectStore.Register(engine.Stores, Data.S3.Options);
        engine.RegisterFileFormat(new ParquetFileFormat());
        await CreateTablesAsync(engine);
        return await CoordinatorHost.StartAsync(engine, new CoordinatorOptions
        {
            Port = 0,
            ClusterSecret = Data.SecretText,
            Pool = pool ?? new WorkerPoolOptions { HeartbeatTimeoutMilliseconds = 3_000, FragmentTargetBytes = 16 << 10 },
        });
    }

    /// <summary>
    /// A `fed worker` that joins <paramref name="coordinator"/> (by default the fixture's), heartbeating every 250 ms,
    /// reading the bucket through <paramref name="s3"/> when given (a <see cref="GatedS3Proxy"/> the test holds reads at).
    /// </summary>
    public Task<FedProcess> StartWorkerAsync(CoordinatorHost? coordinator = null, GatedS3Proxy? s3 = null)
    {
        var environment = Data.WorkerEnvironment;
        environment["FED_HEARTBEATMILLISECONDS"] = "250";
        if (s3 is not null)
        {
            environment["AWS_ENDPOINT_URL_S3"] = s3.Endpoint;
        }

        return FedProcess.StartAsync("worker", ["--coordinator", $"127.0.0.1:{(coordinator ?? Coordinator).Address.Port}"], environment);
    }

    /// <summary>The pool id a worker printed in its banner ("... as w-...").</summary>
    public static string WorkerId(FedProcess worker)
    {
        var at = worker.Output.IndexOf(" as w-", StringComparison.Ordinal);
        return at < 0 ? throw new InvalidOperationException("the worker printed no pool id: " + worker.Output) : worker.Output.Substring(at + 4, 14);
    }

    /// <summary>Until the pool holds exactly <paramref name="count"/> workers, all live (a killed one is dropped after the heartbeat timeout).</summary>
    public Task WaitForPoolAsync(int count) => WaitForPoolAsync(Coordinator, count);

    /// <summary>Until <paramref name="coordinator"/>'s pool holds exactly <paramref name="count"/> workers, all live.</summary>
    public static Task WaitForPoolAsync(CoordinatorHost coordinator, int count) =>
        Eventually.UntilAsync(() => coordinator.Pool.Snapshot() is var workers && workers.Count == count && workers.All(w => w.State == "live"),
            () => $"the pool holds {count} live workers; it holds {string.Join(", ", coordinator.Pool.Snapshot())}");

    /// <summary>
    /// The eight TPC-H tables as external tables of schema tpch, their columns typed as the generator writes them;
    /// lineitem and orders with their month as the partition column (l_shipmonth, o_ordermonth), partitions found by
    /// MSCK REPAIR TABLE.
    /// </summary>
    private static async Task CreateTablesAsync(FederationEngine engine)
    {
        var session = engine.CreateSession();
        await session.ExecuteAsync("CREATE EXTERNAL SCHEMA tpch FROM DATA CATALOG DATABASE 'tpchdb' CREATE EXTERNAL DATABASE IF NOT EXISTS");
        foreach (var table in TpchSchemas.Tables)
        {
            var name = TpchSchemas.TableName(table);
            var columns = string.Join(", ", TpchSchemas.For(table).FieldsList.Select(f => $"{f.Name} {SqlType(f.DataType)}"));
            var key = TpchSchemas.MonthPartitionKey(table);
            var partitioned = key is null ? string.Empty : $"PARTITIONED BY ({key} varchar(7))";
            await session.ExecuteAsync(
                $"CREATE EXTERNAL TABLE {Schema}.{name} ({columns}) {partitioned} STORED AS PARQUET LOCATION 's3://{WorkerFixture.Bucket}/tpch/{name}/'");
            if (key is not null)
            {
                await session.ExecuteAsync($"MSCK REPAIR TABLE {Schema}.{name}");
            }
        }
    }

    /// <summary>The SQL type of a column the TPC-H generator writes.</summary>
    private static string SqlType(IArrowType type) => type switch
    {
        Int32Type => "int",
        Int64Type => "bigint",
        Decimal128Type d => $"decimal({d.Precision},{d.Scale})",
        Date32Type => "date",
        StringType => "varchar",
        _ => throw new NotSupportedException($"the TPC-H generator writes no {type.Name} column"),
    };

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
