using Apache.Arrow.Types;
using DuckDB.NET.Data;
using Federation.Catalog.External;
using Federation.Coordinator;
using Federation.Coordinator.Workers;
using Federation.Engine;
using Federation.Physical.Files;
using Federation.Storage.S3;
using Federation.Testing;

namespace Federation.Tpch.Tests;

/// <summary>
/// TPC-H SF 0.1 (the Parquet files <see cref="TpchDataset"/> shares) rewritten in another file format into a real
/// s3rver and declared there with Spectrum's DDL on two engines: <see cref="Local"/> reads in this process,
/// <see cref="Pooled"/> is a coordinator whose external scans run on two real `fed worker` processes (fragments of
/// <see cref="FragmentTargetBytes"/>, so large objects are read in splits). A format's fixture writes the objects,
/// declares the tables and loads DuckDB's reference copy; the servers, the engines and the pool are the same for all.
/// </summary>
public abstract class TpchFormatFixture : IAsyncLifetime
{
    private readonly string _secret = "tpch-format-tests-" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));

    public S3rverFixture S3 { get; } = new();

    public TpchDataset Parquet { get; } = new();

    /// <summary>The engine reading the bucket in this process.</summary>
    public FederationEngine Local { get; } = new(external: ExternalCatalog.InMemory());

    /// <summary>The coordinator's engine, which reads nothing itself: its external scans run on the workers.</summary>
    public FederationEngine Pooled { get; } = new(external: ExternalCatalog.InMemory());

    public CoordinatorHost Coordinator { get; private set; } = null!;

    public List<FedProcess> Workers { get; } = [];

    /// <summary>DuckDB's copy of the tables (over the same files, as the format's fixture loads it).</summary>
    protected DuckDBConnection DuckDb { get; } = new("Data Source=:memory:");

    /// <summary>The bucket the objects are written to.</summary>
    public abstract string Bucket { get; }

    /// <summary>The pool's fragment size.</summary>
    protected abstract long FragmentTargetBytes { get; }

    /// <summary>The formats both engines read the tables with.</summary>
    protected abstract IEnumerable<IFileFormat> Formats();

    /// <summary>Writes the objects of the eight tables into the bucket.</summary>
    protected abstract Task WriteObjectsAsync(S3ObjectStore store);

    /// <summary>Declares the eight tables (CREATE EXTERNAL SCHEMA and TABLE) in <paramref name="session"/>.</summary>
    protected abstract Task DeclareTablesAsync(Session session);

    /// <summary>Loads DuckDB's reference tables into <see cref="DuckDb"/>; by default views over the Parquet twin.</summary>
    protected virtual void LoadReference()
    {
        foreach (var table in TpchDataset.Tables)
        {
            Execute($"CREATE VIEW {table} AS SELECT * FROM read_parquet('{Path.Combine(Parquet.Folder, table, "**", "*.parquet")}')");
        }
    }

    public async Task InitializeAsync()
    {
        await S3.InitializeAsync();
        await S3.CreateBucketAsync(Bucket);
        await WriteObjectsAsync(new S3ObjectStore(S3.Client, Bucket, S3.Options));
        DuckDb.Open();
        LoadReference();
        foreach (var engine in new[] { Local, Pooled })
        {
            S3ObjectStore.Register(engine.Stores, S3.Options);
            foreach (var format in Formats())
            {
                engine.RegisterFileFormat(format);
            }

            await DeclareTablesAsync(engine.CreateSession());
        }

        Coordinator = await CoordinatorHost.StartAsync(Pooled, new CoordinatorOptions
        {
            Port = 0,
            ClusterSecret = _secret,
            Pool = new WorkerPoolOptions { HeartbeatTimeoutMilliseconds = 3_000, FragmentTargetBytes = FragmentTargetBytes },
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

    /// <summary>Runs a statement on <see cref="DuckDb"/>.</summary>
    protected void Execute(string sql)
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

    /// <summary>The SQL type Spectrum DDL declares a TPC-H generator column as.</summary>
    public static string SqlType(IArrowType type) => type switch
    {
        Int32Type => "int",
        Int64Type => "bigint",
        Decimal128Type d => $"decimal({d.Precision},{d.Scale})",
        Date32Type => "date",
        StringType => "varchar",
        _ => throw new NotSupportedException($"the TPC-H generator writes no {type.Name} column"),
    };

    /// <summary>The DuckDB type of a TPC-H generator column.</summary>
    public static string DuckDbType(IArrowType type) => type switch
    {
        Int32Type => "INTEGER",
        Int64Type => "BIGINT",
        Decimal128Type d => $"DECIMAL({d.Precision},{d.Scale})",
        Date32Type => "DATE",
        StringType => "VARCHAR",
        _ => throw new NotSupportedException($"the TPC-H generator writes no {type.Name} column"),
    };

    public virtual async Task DisposeAsync()
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
