using System.Globalization;
using Amazon.Runtime;
using Federation.Catalog.External;
using Federation.Catalog.Glue;
using Federation.Catalog.Hive;
using Federation.Catalog.Hive.Api;
using Federation.Catalog.Metastore;
using Federation.Engine;
using Federation.Formats.Parquet;
using Federation.Storage;
using Federation.Testing;

namespace Federation.Catalog.Benchmarks;

/// <summary>
/// One catalog holding lake.t (id int, partitioned by day int, days 0..n-1) behind schema s of an engine whose s3://bench
/// bucket is an empty in-memory store, with the catalog server's counts of calls and partitions sent.
/// </summary>
internal sealed class PlanningBackend : IAsyncDisposable
{
    private const string Bucket = "bench";

    private readonly Func<Session, Task> _start;
    private readonly Func<(int Calls, int PartitionsSent)> _counts;
    private readonly Action _clear;
    private readonly IAsyncDisposable? _server;

    private PlanningBackend(string name, FederationEngine engine, Func<Session, Task> start, Func<(int, int)> counts, Action clear, IAsyncDisposable? server)
    {
        Name = name;
        engine.Stores.Register("s3", Bucket, new InMemoryObjectStore($"s3://{Bucket}/"));
        engine.RegisterFileFormat(new ParquetFileFormat());
        Session = engine.CreateSession();
        _start = start;
        _counts = counts;
        _clear = clear;
        _server = server;
    }

    public string Name { get; }

    public Session Session { get; }

    public static IEnumerable<PlanningBackend> All(int partitions)
    {
        yield return Builtin(partitions);
        yield return Hive(partitions, refuse: false);
        yield return Hive(partitions, refuse: true);
        yield return Glue(partitions, refuse: false);
        yield return Glue(partitions, refuse: true);
    }

    public Task StartAsync() => _start(Session);

    public async Task QueryAsync(string sql)
    {
        var result = await Session.ExecuteAsync(sql);
        await foreach (var batch in result.Batches)
        {
            batch.Dispose();
        }
    }

    public (int Calls, int PartitionsSent) Counts() => _counts();

    public void ClearCounts() => _clear();

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private static string Day(int day) => day.ToString(CultureInfo.InvariantCulture);

    private static PlanningBackend Builtin(int partitions)
    {
        var external = ExternalCatalog.InMemory();
        return new PlanningBackend("built-in", new FederationEngine(external: external), async session =>
        {
            await session.ExecuteAsync("CREATE EXTERNAL SCHEMA s FROM DATA CATALOG DATABASE 'lake' CREATE EXTERNAL DATABASE IF NOT EXISTS");
            await session.ExecuteAsync($"CREATE EXTERNAL TABLE s.t (id int) PARTITIONED BY (day int) STORED AS PARQUET LOCATION 's3://{Bucket}/t/'");
            var list = new MetastorePartition[partitions];
            for (var day = 0; day < partitions; day++)
            {
                list[day] = new MetastorePartition([Day(day)], $"s3://{Bucket}/t/day={Day(day)}/");
            }

            await external.Metastore.AddPartitionsAsync("lake", "t", list, default);
        }, () => (0, 0), () => { }, null);
    }

    private static PlanningBackend Hive(int partitions, bool refuse)
    {
        var server = new TestHiveMetastoreServer { RefuseFilters = refuse };
        server.AddDatabase("lake");
        var serde = new HiveSerDeInfo(null, HiveStorageFormats.ParquetSerde, new Dictionary<string, string>());
        HiveStorageDescriptor Storage(string location) =>
            new([new HiveFieldSchema("id", "int")], location, HiveStorageFormats.ParquetInput, HiveStorageFormats.ParquetOutput, serde, new Dictionary<string, string>());
        server.AddTable(new HiveTable("t", "lake", Storage($"s3://{Bucket}/t/"), [new HiveFieldSchema("day", "int")], new Dictionary<string, string> { ["EXTERNAL"] = "TRUE" })
        {
            TableType = "EXTERNAL_TABLE",
        });
        for (var day = 0; day < partitions; day++)
        {
            server.AddPartition(new HivePartition([Day(day)], "lake", "t", Storage($"s3://{Bucket}/t/day={Day(day)}/"), new Dictionary<string, string>()));
        }

        var factory = new HiveMetastoreFactory(new HiveMetastoreOptions("127.0.0.1"));
        return new PlanningBackend(refuse ? "Hive, filter refused" : "Hive", new FederationEngine(external: ExternalCatalog.InMemory(factory)),
            session => session.ExecuteAsync($"CREATE EXTERNAL SCHEMA s FROM HIVE METASTORE DATABASE 'lake' URI '127.0.0.1' PORT {server.Port}"),
            () => (server.Calls.Count, server.PartitionsSent), server.ClearCalls, server);
    }

    private static PlanningBackend Glue(int partitions, bool refuse)
    {
        var server = new TestGlueServer { RefuseExpressions = refuse };
        server.AddDatabase("lake");
        server.AddParquetTable("lake", "t", $"s3://{Bucket}/t/", [("id", "int")], [("day", "int")]);
        for (var day = 0; day < partitions; day++)
        {
            server.AddPartition("lake", "t", [Day(day)], $"s3://{Bucket}/t/day={Day(day)}/");
        }

        var options = new GlueOptions("us-east-1")
        {
            Endpoint = server.Endpoint,
            Credentials = new BasicAWSCredentials(TestGlueServer.AccessKey, TestGlueServer.SecretKey),
        };
        return new PlanningBackend(refuse ? "Glue, Expression refused" : "Glue", new FederationEngine(external: ExternalCatalog.InMemory(new GlueMetastoreFactory(options))),
            session => session.ExecuteAsync("CREATE EXTERNAL SCHEMA s FROM DATA CATALOG DATABASE 'lake' REGION 'us-east-1'"),
            () => (server.Operations.Count, server.PartitionsSent), server.ClearRecords, server);
    }
}
