using Federation.Catalog.External;
using Federation.Coordinator;
using Federation.Coordinator.Workers;
using Federation.Engine;
using Federation.Formats.Parquet;
using Federation.Samples.Tpch;
using Federation.Storage.S3;
using Federation.Testing;
using Federation.Tpch.Tests;

namespace Federation.Formats.Avro.Tests;

/// <summary>
/// TPC-H SF 0.1 (the Parquet files <see cref="TpchDataset"/> shares) rewritten as Avro (<see cref="TpchAvroFiles"/>)
/// into a real s3rver: lineitem in two deflate files (of about 15 MB, so that the pool splits each in two), orders snappy, partsupp zstandard, customer bzip2, the rest
/// uncompressed; l_comment and o_comment as ["null", "string"] unions, decimals as bytes decimal(15,2), dates as int
/// date. <see cref="Engine"/> declares the eight tables in schema tpch with Spectrum's DDL, STORED AS AVRO; so does
/// <see cref="Coordinator"/>'s engine, which sends its scans to two real `fed worker` processes that joined its pool
/// (fragments of about 4 MiB, so each lineitem file is read in two splits by sync marker).
/// </summary>
public sealed class TpchAvroFixture : IAsyncLifetime
{
    public const string Bucket = "tpchavro";

    public const string Schema = "tpch";

    public S3rverFixture S3 { get; } = new();

    public TpchDataset Parquet { get; } = new();

    public FederationEngine Engine { get; } = new(external: ExternalCatalog.InMemory());

    /// <summary>Bytes of lineitem's Avro files.</summary>
    public long LineitemAvroBytes { get; private set; }

    private readonly string _secret = "avro-tests-" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));

    /// <summary>The engine of the coordinator, which reads nothing itself: its external scans run on the workers.</summary>
    public FederationEngine PoolEngine { get; } = new(external: ExternalCatalog.InMemory());

    public CoordinatorHost Coordinator { get; private set; } = null!;

    public List<FedProcess> Workers { get; } = [];

    public async Task InitializeAsync()
    {
        await S3.InitializeAsync();
        await S3.CreateBucketAsync(Bucket);
        var store = new S3ObjectStore(S3.Client, Bucket, S3.Options);
        var reader = new FederationEngine();
        reader.RegisterTableFunction(new ReadParquetFunction());
        var session = reader.CreateSession();
        foreach (var table in TpchSchemas.Tables)
        {
            var name = TpchSchemas.TableName(table);
            var result = await session.ExecuteAsync($"SELECT * FROM read_parquet('{Path.Combine(Parquet.Folder, name)}')");
            var batches = await result.CollectAsync();
            var (codec, files) = name switch
            {
                "lineitem" => ("deflate", 2),
                "orders" => ("snappy", 1),
                "partsupp" => ("zstandard", 1),
                "customer" => ("bzip2", 1),
                _ => ("null", 1),
            };
            var schema = TpchSchemas.For(table);
            var rows = batches.Sum(b => (long)b.Length);
            var perFile = (rows + files - 1) / files;
            var written = 0L;
            for (var f = 0; f < files; f++)
            {
                var bytes = TpchAvroFiles.Write(schema, batches, written, Math.Min(rows, written + perFile), codec, 4000);
                written += perFile;
                await store.WriteAsync($"tpch/{name}/part-{f}.avro", bytes, default);
                if (name == "lineitem")
                {
                    LineitemAvroBytes += bytes.Length;
                }
            }
        }

        await CreateTablesAsync(Engine, store);
        S3ObjectStore.Register(PoolEngine.Stores, S3.Options);
        await CreateTablesAsync(PoolEngine, null);
        Coordinator = await CoordinatorHost.StartAsync(PoolEngine, new CoordinatorOptions
        {
            Port = 0,
            ClusterSecret = _secret,
            Pool = new WorkerPoolOptions { HeartbeatTimeoutMilliseconds = 3_000, FragmentTargetBytes = 4 << 20 },
        });
        var environment = new Dictionary<string, string>
        {
            ["FED_CLUSTER_SECRET"] = _secret,
            ["AWS_ENDPOINT_URL_S3"] = S3.Endpoint,
            ["AWS_ACCESS_KEY_ID"] = S3rverFixture.AccessKey,
            ["AWS_SECRET_ACCESS_KEY"] = S3rverFixture.SecretKey,
            ["AWS_REGION"] = "us-east-1",
            ["FED_HEARTBEATMILLISECONDS"] = "250",
        };
        for (var w = 0; w < 2; w++)
        {
            Workers.Add(await FedProcess.StartAsync("worker", ["--coordinator", $"127.0.0.1:{Coordinator.Address.Port}"], environment));
        }

        await Eventually.UntilAsync(() => Coordinator.Pool.Snapshot() is var workers && workers.Count == 2 && workers.All(w => w.State == "live"),
            () => $"the pool holds 2 live workers; it holds {string.Join(", ", Coordinator.Pool.Snapshot())}");
    }

    /// <summary>The eight tables in schema tpch of <paramref name="engine"/>, over the bucket in <paramref name="store"/>.</summary>
    public static async Task CreateTablesAsync(FederationEngine engine, S3ObjectStore? store)
    {
        if (store is not null)
        {
            engine.Stores.Register("s3", Bucket, store);
        }

        engine.RegisterFileFormat(new AvroFileFormat());
        var session = engine.CreateSession();
        await session.ExecuteAsync($"CREATE EXTERNAL SCHEMA {Schema} FROM DATA CATALOG DATABASE 'tpchavro' CREATE EXTERNAL DATABASE IF NOT EXISTS");
        foreach (var table in TpchSchemas.Tables)
        {
            var name = TpchSchemas.TableName(table);
            var columns = string.Join(", ", TpchSchemas.For(table).FieldsList.Select(f => $"{f.Name} {TpchAvroFiles.SqlType(f.DataType)}"));
            await session.ExecuteAsync($"CREATE EXTERNAL TABLE {Schema}.{name} ({columns}) STORED AS AVRO LOCATION 's3://{Bucket}/tpch/{name}/'");
        }
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

        await S3.DisposeAsync();
    }
}
