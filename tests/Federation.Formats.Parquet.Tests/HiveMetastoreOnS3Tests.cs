using System.Globalization;
using Federation.Catalog.External;
using Federation.Catalog.Hive;
using Federation.Catalog.Hive.Api;
using Federation.Catalog.Hive.Thrift;
using Federation.Catalog.Metastore;
using Federation.Common;
using Federation.Engine;
using Federation.Storage;
using Federation.Storage.S3;
using Federation.Testing;

namespace Federation.Formats.Parquet.Tests;

/// <summary>
/// External schemas FROM HIVE METASTORE over a test metastore server on a real socket (buffered and framed), with
/// the tables' files in a real s3rver: the partition predicate sent as get_partitions_by_filter, the fallback to
/// names pruned here when the metastore refuses it, tables made by other tools visible at once, DDL written through,
/// and bad input (an unreachable metastore, an unknown SerDe, a nested or unknown column type) failing clearly.
/// </summary>
public sealed class HiveMetastoreOnS3Tests(S3EventsFixture data) : IClassFixture<S3EventsFixture>, IAsyncLifetime
{
    private const string Bucket = S3EventsFixture.Bucket;
    private const int RowsPerDay = S3EventsFixture.FilesPerDay * S3EventsFixture.RowsPerFile;

    private readonly StorageCounters _counters = new();
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "fed-hive-" + Guid.NewGuid().ToString("N")[..8]);
    private TestHiveMetastoreServer _server = null!;
    private RecordingObjectStore _recording = null!;

    public Task InitializeAsync()
    {
        _server = Server(ThriftTransport.Buffered);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        if (Directory.Exists(_dataFolder))
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
    }

    private static readonly HiveSerDeInfo ParquetSerDe = new(null, HiveStorageFormats.ParquetSerde, new Dictionary<string, string> { ["serialization.format"] = "1" });

    private static HiveStorageDescriptor Storage(string location, IReadOnlyList<HiveFieldSchema> columns, HiveSerDeInfo? serde = null) =>
        new(columns, location, HiveStorageFormats.ParquetInput, HiveStorageFormats.ParquetOutput, serde ?? ParquetSerDe, new Dictionary<string, string>());

    private static readonly HiveFieldSchema[] EventColumns = [new("id", "bigint"), new("amount", "double"), new("note", "varchar(10)")];

    /// <summary>A metastore holding database lake with events (partitioned by day int, the fixture's 100 days).</summary>
    private static TestHiveMetastoreServer Server(ThriftTransport transport)
    {
        var server = new TestHiveMetastoreServer(transport);
        server.AddDatabase("lake");
        server.AddTable(new HiveTable("events", "lake", Storage($"s3://{Bucket}/events/", EventColumns), [new HiveFieldSchema("day", "int")],
            new Dictionary<string, string> { ["EXTERNAL"] = "TRUE" }) { TableType = "EXTERNAL_TABLE" });
        for (var day = 1; day <= S3EventsFixture.Days; day++)
        {
            server.AddPartition(new HivePartition([day.ToString(CultureInfo.InvariantCulture)], "lake", "events",
                Storage($"s3://{Bucket}/events/day={day}/", EventColumns), new Dictionary<string, string>()));
        }

        return server;
    }

    private async Task<FederationEngine> EngineAsync(ThriftTransport transport = ThriftTransport.Buffered, int batch = 100, bool persisted = false, TimeProvider? cacheClock = null)
    {
        // The metadata cache off (FED_METADATA_CACHE_TTL_SECONDS=0) unless a test brings its clock: tables the tests add to the server are seen at the next statement.
        var factory = new HiveMetastoreFactory(new HiveMetastoreOptions("localhost")
        {
            Transport = transport,
            PartitionBatchSize = batch,
            MetadataCacheTtl = cacheClock is null ? TimeSpan.Zero : TimeSpan.FromMinutes(1),
            Clock = cacheClock ?? TimeProvider.System,
        });
        var external = persisted
            ? await ExternalCatalog.OpenAsync(await EmbeddedMetastore.OpenAsync(_dataFolder, default), _dataFolder, factory, default)
            : ExternalCatalog.InMemory(factory);
        var engine = new FederationEngine(external: external);
        _recording = new RecordingObjectStore(new S3ObjectStore(data.S3.Client, Bucket, data.S3.Options));
        engine.Stores.Register("s3", Bucket, new CountingObjectStore(_recording, _counters));
        engine.RegisterFileFormat(new ParquetFileFormat());
        return engine;
    }

    private static Task<List<string>> RowsAsync(Session session, string sql) => ResultRows.OfAsync(session, sql);

    private string CreateSchema(TestHiveMetastoreServer? server = null) =>
        $"CREATE EXTERNAL SCHEMA hive FROM HIVE METASTORE DATABASE 'lake' URI '127.0.0.1' PORT {(server ?? _server).Port} IAM_ROLE 'arn:aws:iam::123456789012:role/spectrum'";

    [Theory]
    [InlineData(ThriftTransport.Buffered)]
    [InlineData(ThriftTransport.Framed)]
    public async Task A_query_on_one_partition_sends_its_predicate_to_the_metastore_and_reads_only_that_partition(ThriftTransport transport)
    {
        await using var server = Server(transport);
        var session = (await EngineAsync(transport)).CreateSession();
        await session.ExecuteAsync(CreateSchema(server));
        server.ClearCalls();
        _recording.Clear();

        Assert.Equal([$"{RowsPerDay}|42000|{42000 + RowsPerDay - 1}"], await RowsAsync(session, "SELECT count(*), min(id), max(id) FROM hive.events WHERE day = 42"));
        Assert.Contains(("get_partitions_by_filter", "day = 42"), server.Calls);
        Assert.DoesNotContain("get_partitions", server.Methods);
        Assert.DoesNotContain("get_partition_names", server.Methods);
        Assert.Equal(["events/day=42/"], _recording.Listed.ToArray());
        Assert.Equal(["events/day=42/part-0.parquet", "events/day=42/part-1.parquet"], _recording.Read.Distinct().Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(["1|1"], await RowsAsync(session, "SELECT total_partitions, qualified_partitions FROM svl_s3partition WHERE query = (SELECT max(query) FROM svl_s3partition)"));

        // Ranges, IN and OR travel too; what the metastore returns is checked again by the engine.
        server.ClearCalls();
        Assert.Equal([$"{5 * RowsPerDay}"], await RowsAsync(session, "SELECT count(*) FROM hive.events WHERE day BETWEEN 10 AND 12 OR day IN (50, 60)"));
        Assert.Contains(("get_partitions_by_filter", "(day >= 10 and day <= 12) or (day = 50 or day = 60)"), server.Calls);
    }

    [Fact]
    public async Task A_refused_filter_falls_back_to_partition_names_pruned_here_and_fetched_in_batches()
    {
        _server.RefuseFilters = true;
        var session = (await EngineAsync(batch: 2)).CreateSession();
        await session.ExecuteAsync(CreateSchema());
        _server.ClearCalls();
        _recording.Clear();

        Assert.Equal([$"{3 * RowsPerDay}|10000|{12000 + RowsPerDay - 1}"],
            await RowsAsync(session, "SELECT count(*), min(id), max(id) FROM hive.events WHERE day BETWEEN 10 AND 12"));
        Assert.Equal(["get_all_tables", "get_partitions_by_filter", "get_partition_names", "get_partitions_by_names", "get_partitions_by_names"], _server.Methods);
        Assert.Contains(("get_partitions_by_filter", "day >= 10 and day <= 12"), _server.Calls);
        Assert.Equal(["events/day=10/", "events/day=11/", "events/day=12/"], _recording.Listed.Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task A_partition_added_behind_our_back_is_seen_after_REFRESH_or_the_TTL_and_not_before()
    {
        // lake.recent knows days 1..3 of the fixture's folders; days 4 and 5 are registered on the metastore directly, as another tool would.
        _server.AddTable(new HiveTable("recent", "lake", Storage($"s3://{Bucket}/events/", EventColumns), [new HiveFieldSchema("day", "int")],
            new Dictionary<string, string> { ["EXTERNAL"] = "TRUE" }) { TableType = "EXTERNAL_TABLE" });
        void Register(int day) => _server.AddPartition(new HivePartition([day.ToString(CultureInfo.InvariantCulture)], "lake", "recent",
            Storage($"s3://{Bucket}/events/day={day}/", EventColumns), new Dictionary<string, string>()));
        for (var day = 1; day <= 3; day++)
        {
            Register(day);
        }

        var clock = new ManualClock();
        var session = (await EngineAsync(cacheClock: clock)).CreateSession();
        await session.ExecuteAsync(CreateSchema());
        const string Count = "SELECT count(*), max(day) FROM hive.recent WHERE day > 0";
        Assert.Equal([$"{3 * RowsPerDay}|3"], await RowsAsync(session, Count));

        Register(4);
        _server.ClearCalls();
        Assert.Equal([$"{3 * RowsPerDay}|3"], await RowsAsync(session, Count));
        Assert.Empty(_server.Methods);

        Assert.Equal("REFRESH EXTERNAL SCHEMA", (await session.ExecuteAsync("REFRESH EXTERNAL SCHEMA hive")).CommandTag);
        Assert.Equal([$"{4 * RowsPerDay}|4"], await RowsAsync(session, Count));

        // REFRESH TABLE forgets one table; an unknown table or schema is an error naming it, and the session goes on.
        Register(5);
        Assert.Equal([$"{4 * RowsPerDay}|4"], await RowsAsync(session, Count));
        await session.ExecuteAsync("REFRESH TABLE hive.recent");
        Assert.Equal([$"{5 * RowsPerDay}|5"], await RowsAsync(session, Count));
        var noTable = await Assert.ThrowsAsync<FederationException>(() => session.ExecuteAsync("REFRESH TABLE hive.missing"));
        Assert.Equal(ErrorCode.TableNotFound, noTable.Code);
        Assert.Contains("hive.missing", noTable.Message, StringComparison.Ordinal);
        var noSchema = await Assert.ThrowsAsync<FederationException>(() => session.ExecuteAsync("REFRESH EXTERNAL SCHEMA nowhere"));
        Assert.Equal(ErrorCode.SchemaNotFound, noSchema.Code);
        Assert.Contains("nowhere", noSchema.Message, StringComparison.Ordinal);

        // Without a statement, the TTL: 59 s later the answer is still the kept one, 61 s later it is asked again.
        Register(6);
        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal([$"{5 * RowsPerDay}|5"], await RowsAsync(session, Count));
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal([$"{6 * RowsPerDay}|6"], await RowsAsync(session, Count));
    }

    [Fact]
    public async Task Tables_created_by_other_tools_are_visible_at_once_and_SVV_views_show_the_schema()
    {
        var session = (await EngineAsync()).CreateSession();
        await session.ExecuteAsync(CreateSchema());
        _server.AddTable(new HiveTable("day7", "lake", Storage($"s3://{Bucket}/events/day=7/", EventColumns), [], new Dictionary<string, string>()));

        Assert.Equal([$"{RowsPerDay}|7000"], await RowsAsync(session, "SELECT count(*), min(id) FROM hive.day7"));
        Assert.Equal([$"1|2|hive|lake|{{\"URI\":\"127.0.0.1\",\"PORT\":\"{_server.Port}\",\"IAM_ROLE\":\"arn:aws:iam::123456789012:role/spectrum\"}}"],
            await RowsAsync(session, "SELECT esoid, eskind, schemaname, databasename, esoptions FROM svv_external_schemas"));
        Assert.Equal(["hive|day7|s3://spectrum/events/day=7/", "hive|events|s3://spectrum/events/"],
            await RowsAsync(session, "SELECT schemaname, tablename, location FROM svv_external_tables ORDER BY tablename"));
        Assert.Equal(["id|bigint", "amount|double precision", "note|varchar(10)", "day|integer"],
            await RowsAsync(session, "SELECT columnname, external_type FROM svv_external_columns WHERE tablename = 'events' ORDER BY columnnum"));

        // Hive keeps its databases: DROP EXTERNAL DATABASE is refused; the schema alone can go.
        var refused = await Assert.ThrowsAsync<FederationException>(() => session.ExecuteAsync("DROP SCHEMA hive DROP EXTERNAL DATABASE"));
        Assert.Equal(ErrorCode.NotSupported, refused.Code);
        Assert.Contains("Hive metastore", refused.Message, StringComparison.Ordinal);
        await session.ExecuteAsync("DROP SCHEMA hive");
        Assert.Empty(await RowsAsync(session, "SELECT schemaname FROM svv_external_schemas"));
        Assert.NotNull(_server.Table("lake", "events"));
    }

    [Fact]
    public async Task External_table_DDL_writes_through_to_the_metastore()
    {
        var session = (await EngineAsync()).CreateSession();
        await session.ExecuteAsync(CreateSchema());
        await session.ExecuteAsync(
            $"CREATE EXTERNAL TABLE hive.copy (id bigint, amount double precision, note varchar(10)) PARTITIONED BY (day int) STORED AS PARQUET LOCATION 's3://{Bucket}/events/'");
        var created = _server.Table("lake", "copy")!;
        Assert.Equal(["id bigint", "amount double", "note varchar(10)"], created.StorageDescriptor!.Columns.Select(c => $"{c.Name} {c.Type}").ToArray());
        Assert.Equal(["day int"], created.PartitionKeys.Select(c => $"{c.Name} {c.Type}").ToArray());
        Assert.Equal(HiveStorageFormats.ParquetInput, created.StorageDescriptor.InputFormat);
        Assert.Equal(HiveStorageFormats.ParquetSerde, created.StorageDescriptor.SerDe!.SerializationLib);
        Assert.Equal("EXTERNAL_TABLE", created.TableType);

        await session.ExecuteAsync($"ALTER TABLE hive.copy ADD PARTITION (day='5') LOCATION 's3://{Bucket}/events/day=5/' PARTITION (day='6') LOCATION 's3://{Bucket}/events/day=6/'");
        Assert.Equal(["5 s3://spectrum/events/day=5/", "6 s3://spectrum/events/day=6/"],
            _server.Partitions("lake", "copy").Select(p => $"{p.Values[0]} {p.StorageDescriptor!.Location}").ToArray());
        Assert.Equal([$"{2 * RowsPerDay}"], await RowsAsync(session, "SELECT count(*) FROM hive.copy"));

        await session.ExecuteAsync($"ALTER TABLE hive.copy PARTITION (day='6') SET LOCATION 's3://{Bucket}/events/day=9/'");
        Assert.Equal([$"{RowsPerDay}|9000"], await RowsAsync(session, "SELECT count(*), min(id) FROM hive.copy WHERE day = 6"));

        await session.ExecuteAsync("ALTER TABLE hive.copy SET TABLE PROPERTIES ('numRows'='200')");
        Assert.Equal("200", _server.Table("lake", "copy")!.Parameters["numRows"]);
        await session.ExecuteAsync("ALTER TABLE hive.copy DROP PARTITION (day='5')");
        Assert.Equal(["6"], _server.Partitions("lake", "copy").Select(p => p.Values[0]).ToArray());
        await session.ExecuteAsync("DROP TABLE hive.copy");
        Assert.Null(_server.Table("lake", "copy"));
    }

    [Fact]
    public async Task The_schema_persists_in_the_built_in_catalog_across_a_restart()
    {
        var first = (await EngineAsync(persisted: true)).CreateSession();
        await first.ExecuteAsync(CreateSchema());
        var restarted = (await EngineAsync(persisted: true)).CreateSession();
        Assert.Equal([$"{RowsPerDay}"], await RowsAsync(restarted, "SELECT count(*) FROM hive.events WHERE day = 3"));
    }

    [Fact]
    public async Task Bad_input_fails_clearly_and_the_engine_stays_up()
    {
        var engine = await EngineAsync();
        var session = engine.CreateSession();

        // A metastore that is not there: the error names host:port; the next statement runs.
        var port = FreePort();
        var down = await Assert.ThrowsAsync<FederationException>(() =>
            session.ExecuteAsync($"CREATE EXTERNAL SCHEMA gone FROM HIVE METASTORE DATABASE 'lake' URI '127.0.0.1' PORT {port}"));
        Assert.Equal(ErrorCode.CatalogUnavailable, down.Code);
        Assert.Contains($"Hive metastore 127.0.0.1:{port}", down.Message, StringComparison.Ordinal);
        Assert.Equal(["2"], await RowsAsync(session, "SELECT 1 + 1"));

        var missing = await Assert.ThrowsAsync<FederationException>(() =>
            session.ExecuteAsync($"CREATE EXTERNAL SCHEMA nodb FROM HIVE METASTORE DATABASE 'nodb' URI '127.0.0.1' PORT {_server.Port}"));
        Assert.Contains("database \"nodb\" does not exist in the Hive metastore", missing.Message, StringComparison.Ordinal);

        // A SerDe Federation cannot read, a nested column, a type with no mapping: each table lists; only what cannot be read fails, naming it.
        _server.AddTable(new HiveTable("weird", "lake",
            Storage($"s3://{Bucket}/events/day=1/", EventColumns, new HiveSerDeInfo(null, "com.example.WeirdSerDe", new Dictionary<string, string>())), [],
            new Dictionary<string, string>()));
        _server.AddTable(new HiveTable("nested", "lake",
            Storage($"s3://{Bucket}/events/day=1/", [new("id", "bigint"), new("tags", "array<string>")]), [], new Dictionary<string, string>()));
        _server.AddTable(new HiveTable("odd", "lake",
            Storage($"s3://{Bucket}/events/day=1/", [new("id", "bigint"), new("span", "interval_day_time")]), [], new Dictionary<string, string>()));
        await session.ExecuteAsync(CreateSchema());
        Assert.Equal(["events", "nested", "odd", "weird"], await RowsAsync(session, "SELECT tablename FROM svv_external_tables ORDER BY 1"));
        Assert.Equal(["2"], await RowsAsync(session, "SELECT 1 + 1"));

        var serde = await Assert.ThrowsAsync<FederationException>(() => session.ExecuteAsync("SELECT * FROM hive.weird"));
        Assert.Equal(ErrorCode.NotSupported, serde.Code);
        Assert.Contains("com.example.WeirdSerDe", serde.Message, StringComparison.Ordinal);

        Assert.Equal([$"{RowsPerDay}|1000"], await RowsAsync(session, "SELECT count(*), min(id) FROM hive.nested"));
        var nested = await Assert.ThrowsAsync<FederationException>(() => session.ExecuteAsync("SELECT tags FROM hive.nested"));
        Assert.Equal(ErrorCode.NotSupported, nested.Code);
        Assert.Contains("\"tags\" of hive.nested has the nested type array<string>", nested.Message, StringComparison.Ordinal);

        var odd = await Assert.ThrowsAsync<FederationException>(() => session.ExecuteAsync("SELECT id FROM hive.odd"));
        Assert.Contains("column \"span\" of table hive.odd has an unknown type \"interval_day_time\"", odd.Message, StringComparison.Ordinal);
        Assert.Equal(["2"], await RowsAsync(session, "SELECT 1 + 1"));

        // A location that does not exist: a bucket the store has not got is an error naming it; a prefix with no
        // objects in a bucket that exists is an empty table (S3 has no folders to be missing), as in Spectrum.
        engine.Stores.Register("s3", "nobucket", new S3ObjectStore(data.S3.Client, "nobucket", data.S3.Options));
        _server.AddTable(new HiveTable("nowhere", "lake", Storage("s3://nobucket/events/", EventColumns), [], new Dictionary<string, string>()));
        _server.AddTable(new HiveTable("empty", "lake", Storage($"s3://{Bucket}/no-such-prefix/", EventColumns), [], new Dictionary<string, string>()));
        var nowhere = await Assert.ThrowsAsync<FederationException>(() => RowsAsync(session, "SELECT count(*) FROM hive.nowhere"));
        Assert.Equal(ErrorCode.ObjectNotFound, nowhere.Code);
        Assert.Contains("s3://nobucket/", nowhere.Message, StringComparison.Ordinal);
        Assert.Contains("bucket \"nobucket\" does not exist", nowhere.Message, StringComparison.Ordinal);
        Assert.Equal(["0"], await RowsAsync(session, "SELECT count(*) FROM hive.empty"));
        Assert.Equal(["2"], await RowsAsync(session, "SELECT 1 + 1"));

        // The metastore going away after the schema exists: a query on a partitioned table names it; the engine stays up.
        var address = $"127.0.0.1:{_server.Port}";
        await _server.DisposeAsync();
        var gone = await Assert.ThrowsAsync<FederationException>(() => RowsAsync(session, "SELECT count(*) FROM hive.events WHERE day = 1"));
        Assert.Equal(ErrorCode.CatalogUnavailable, gone.Code);
        Assert.Contains(address, gone.Message, StringComparison.Ordinal);
        Assert.Equal(["2"], await RowsAsync(session, "SELECT 1 + 1"));
        _server = Server(ThriftTransport.Buffered);
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
