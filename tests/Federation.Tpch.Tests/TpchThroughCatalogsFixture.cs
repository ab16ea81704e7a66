using System.Collections.Concurrent;
using Amazon.Runtime;
using Apache.Arrow.Types;
using Federation.Catalog.External;
using Federation.Catalog.Glue;
using Federation.Catalog.Hive;
using Federation.Engine;
using Federation.Formats.Parquet;
using Federation.Samples.Tpch;
using Federation.Storage.S3;
using Federation.Testing;

namespace Federation.Tpch.Tests;

/// <summary>
/// TPC-H SF 0.01 in s3rver (<see cref="TpchOnS3Fixture"/>) declared through our DDL in two catalogs: a test Hive
/// metastore (FROM HIVE METASTORE) and a test Glue endpoint (FROM DATA CATALOG with DataCatalog = glue), each table
/// a CREATE EXTERNAL TABLE written through to the catalog and each month folder of orders and lineitem a partition
/// found by MSCK REPAIR TABLE. One engine per catalog; DuckDB's answers over the local copy, once per query.
/// </summary>
public sealed class TpchThroughCatalogsFixture : IAsyncLifetime
{
    public const string Schema = "tpch";

    private readonly ConcurrentDictionary<int, List<object?[]>> _expected = new();

    public TpchOnS3Fixture Data { get; } = new();

    public TestHiveMetastoreServer Hive { get; } = new();

    public TestGlueServer Glue { get; } = new();

    public IReadOnlyDictionary<string, FederationEngine> Engines { get; private set; } = new Dictionary<string, FederationEngine>();

    public async Task InitializeAsync()
    {
        await Data.InitializeAsync();
        Hive.AddDatabase("tpchdb");
        var hiveEngine = Engine(new HiveMetastoreFactory(new HiveMetastoreOptions("localhost")));
        await DeclareAsync(hiveEngine, $"FROM HIVE METASTORE DATABASE 'tpchdb' URI '127.0.0.1' PORT {Hive.Port}");

        var glue = new GlueOptions("us-east-1")
        {
            Endpoint = Glue.Endpoint,
            Credentials = new BasicAWSCredentials(TestGlueServer.AccessKey, TestGlueServer.SecretKey),
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        };
        var glueEngine = Engine(new GlueDataCatalog(new GlueMetastoreFactory(glue), new HiveMetastoreFactory(new HiveMetastoreOptions("localhost"))));
        await DeclareAsync(glueEngine, "FROM DATA CATALOG DATABASE 'tpchdb' CREATE EXTERNAL DATABASE IF NOT EXISTS");
        Engines = new Dictionary<string, FederationEngine> { ["hive"] = hiveEngine, ["glue"] = glueEngine };
    }

    public async Task DisposeAsync()
    {
        await Hive.DisposeAsync();
        await Glue.DisposeAsync();
        await Data.DisposeAsync();
    }

    /// <summary>DuckDB's answer to a query over the local copy of the files, computed once.</summary>
    public List<object?[]> Expected(int number, string sql) => _expected.GetOrAdd(number, _ => DuckDbReference.Run(Data.LocalFolder, sql));

    private FederationEngine Engine(IExternalMetastoreFactory factory)
    {
        var engine = new FederationEngine(external: ExternalCatalog.InMemory(factory));
        engine.Stores.Register("s3", TpchOnS3Fixture.Bucket, new S3ObjectStore(Data.S3.Client, TpchOnS3Fixture.Bucket, Data.S3.Options));
        engine.RegisterFileFormat(new ParquetFileFormat());
        return engine;
    }

    private static async Task DeclareAsync(FederationEngine engine, string catalogClauses)
    {
        var session = engine.CreateSession();
        await session.ExecuteAsync($"CREATE EXTERNAL SCHEMA {Schema} {catalogClauses}");
        foreach (var table in TpchSchemas.Tables)
        {
            var name = TpchSchemas.TableName(table);
            var columns = string.Join(", ", TpchSchemas.For(table).FieldsList.Select(f => $"{f.Name} {SqlType(f.DataType)}"));
            var key = TpchSchemas.MonthPartitionKey(table);
            var partitioned = key is null ? "" : $" PARTITIONED BY ({key} varchar(7))";
            await session.ExecuteAsync(
                $"CREATE EXTERNAL TABLE {Schema}.{name} ({columns}){partitioned} STORED AS PARQUET LOCATION 's3://{TpchOnS3Fixture.Bucket}/tpch/{name}/'");
            if (key is not null)
            {
                await session.ExecuteAsync($"MSCK REPAIR TABLE {Schema}.{name}");
            }
        }
    }

    private static string SqlType(IArrowType type) => type switch
    {
        Int32Type => "integer",
        Int64Type => "bigint",
        Decimal128Type d => $"decimal({d.Precision},{d.Scale})",
        Date32Type => "date",
        StringType => "varchar(256)",
        _ => throw new NotSupportedException($"no DDL type for {type.Name}"),
    };
}
