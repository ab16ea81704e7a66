using System.Security.Cryptography;
using Apache.Arrow.Types;
using DuckDB.NET.Data;
using Federation.Catalog.External;
using Federation.Coordinator;
using Federation.Coordinator.Workers;
using Federation.Engine;
using Federation.Samples.Tpch;
using Federation.Storage.S3;
using Federation.Testing;

namespace Federation.Formats.Json.Tests;

/// <summary>
/// TPC-H SF 0.1 as JSON lines: the generator's Parquet files written out by DuckDB (COPY ... (FORMAT JSON), one object
/// per table, kept under artifacts/testdata), uploaded to a real s3rver and declared there with Spectrum's DDL (OpenX's
/// JsonSerDe) on two engines: one reading in this process, one a coordinator whose scans run on two real `fed worker`
/// processes, fragments cut at 16 MiB so lineitem is read in byte-range splits. DuckDB holds the reference: the same
/// files loaded through its read_json, with the same declared types.
/// </summary>
public sealed class TpchJsonFixture : IAsyncLifetime
{
    public const string Bucket = "tpchjson";

    public const string Schema = "tpch";

    private readonly string _secret = "json-tests-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24));

    public S3rverFixture S3 { get; } = new();

    /// <summary>One folder per table, each with part-0.json.</summary>
    public string JsonFolder { get; } = Path.Combine(RepositoryPaths.Root, "artifacts", "testdata", "tpch-sf0.1-json");

    public DuckDBConnection DuckDb { get; } = new("Data Source=:memory:");

    /// <summary>The engine reading the bucket in this process.</summary>
    public FederationEngine Local { get; } = new(external: ExternalCatalog.InMemory());

    /// <summary>The coordinator's engine, which sends its external scans to the workers.</summary>
    public FederationEngine Pooled { get; } = new(external: ExternalCatalog.InMemory());

    public CoordinatorHost Coordinator { get; private set; } = null!;

    public List<FedProcess> Workers { get; } = [];

    public async Task InitializeAsync()
    {
        WriteJson();
        await S3.InitializeAsync();
        await S3.CreateBucketAsync(Bucket);
        var store = new S3ObjectStore(S3.Client, Bucket, S3.Options);
        foreach (var table in TpchSchemas.Tables.Select(TpchSchemas.TableName))
        {
            await store.WriteAsync($"tpch/{table}/part-0.json", await File.ReadAllBytesAsync(Path.Combine(JsonFolder, table, "part-0.json")), default);
        }

        DuckDb.Open();
        foreach (var table in TpchSchemas.Tables)
        {
            var name = TpchSchemas.TableName(table);
            var columns = string.Join(", ", TpchSchemas.For(table).FieldsList.Select(f => $"'{f.Name}': '{DuckDbType(f.DataType)}'"));
            Execute($"CREATE TABLE {name} AS SELECT * FROM read_json('{Path.Combine(JsonFolder, name, "part-0.json")}', format = 'newline_delimited', columns = {{{columns}}})");
        }

        foreach (var engine in new[] { Local, Pooled })
        {
            S3ObjectStore.Register(engine.Stores, S3.Options);
            engine.RegisterFileFormat(new JsonFileFormat());
            await CreateTablesAsync(engine);
        }

        Coordinator = await CoordinatorHost.StartAsync(Pooled, new CoordinatorOptions
        {
            Port = 0,
            ClusterSecret = _secret,
            Pool = new WorkerPoolOptions { HeartbeatTimeoutMilliseconds = 3_000, FragmentTargetBytes = 16 << 20 },
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
        for (var i = 0; i < 2; i++)
        {
            Workers.Add(await FedProcess.StartAsync("worker", ["--coordinator", $"127.0.0.1:{Coordinator.Address.Port}"], environment));
        }

        await Eventually.UntilAsync(() => Coordinator.Pool.Snapshot() is var workers && workers.Count == 2 && workers.All(w => w.State == "live"),
            () => $"the pool holds 2 live workers; it holds {string.Join(", ", Coordinator.Pool.Snapshot())}");
    }

    /// <summary>The JSON-lines files, written once from the SF 0.1 Parquet files the TPC-H tests share (a marker says they are complete).</summary>
    private void WriteJson()
    {
        var marker = Path.Combine(JsonFolder, "complete");
        if (File.Exists(marker))
        {
            return;
        }

        var parquet = Path.Combine(RepositoryPaths.Root, "artifacts", "testdata", "tpch-sf0.1");
        new TpchGenerator(new TpchGeneratorOptions { ScaleFactor = 0.1, OutputDirectory = parquet }).Generate();
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        foreach (var table in TpchSchemas.Tables.Select(TpchSchemas.TableName))
        {
            var folder = Path.Combine(JsonFolder, table);
            Directory.CreateDirectory(folder);
            using var command = connection.CreateCommand();
            command.CommandText =
                $"COPY (SELECT * FROM read_parquet('{Path.Combine(parquet, table, "**", "*.parquet")}')) TO '{Path.Combine(folder, "part-0.json")}' (FORMAT JSON)";
            command.ExecuteNonQuery();
        }

        File.WriteAllText(marker, "written by TpchJsonFixture\n");
    }

    private void Execute(string sql)
    {
        using var command = DuckDb.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>DuckDB's answer to <paramref name="sql"/> over its copy of the tables.</summary>
    public List<object?[]> Reference(string sql)
    {
        using var command = DuckDb.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>The eight tables as external JSON tables of schema tpch, typed as the generator writes them.</summary>
    private static async Task CreateTablesAsync(FederationEngine engine)
    {
        var session = engine.CreateSession();
        await session.ExecuteAsync($"CREATE EXTERNAL SCHEMA {Schema} FROM DATA CATALOG DATABASE 'tpchjson' CREATE EXTERNAL DATABASE IF NOT EXISTS");
        foreach (var table in TpchSchemas.Tables)
        {
            var name = TpchSchemas.TableName(table);
            var columns = string.Join(", ", TpchSchemas.For(table).FieldsList.Select(f => $"{f.Name} {SqlType(f.DataType)}"));
            await session.ExecuteAsync(
                $"CREATE EXTERNAL TABLE {Schema}.{name} ({columns}) ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe' STORED AS TEXTFILE " +
                $"LOCATION 's3://{Bucket}/tpch/{name}/'");
        }
    }

    private static string SqlType(IArrowType type) => type switch
    {
        Int32Type => "int",
        Int64Type => "bigint",
        Decimal128Type d => $"decimal({d.Precision},{d.Scale})",
        Date32Type => "date",
        StringType => "varchar",
        _ => throw new NotSupportedException($"the TPC-H generator writes no {type.Name} column"),
    };

    private static string DuckDbType(IArrowType type) => type switch
    {
        Int32Type => "INTEGER",
        Int64Type => "BIGINT",
        Decimal128Type d => $"DECIMAL({d.Precision},{d.Scale})",
        Date32Type => "DATE",
        StringType => "VARCHAR",
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

        DuckDb.Dispose();
        await S3.DisposeAsync();
    }
}
