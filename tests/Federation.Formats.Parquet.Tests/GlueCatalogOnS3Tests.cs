using System.Globalization;
using Amazon.Runtime;
using Federation.Catalog.External;
using Federation.Catalog.Glue;
using Federation.Common;
using Federation.Engine;
using Federation.Storage;
using Federation.Storage.S3;
using Federation.Testing;

namespace Federation.Formats.Parquet.Tests;

/// <summary>
/// External schemas FROM DATA CATALOG on a server whose data catalog is Glue, over a test Glue endpoint on a real
/// socket that checks SigV4, with the tables' files in a real s3rver: the partition predicate seen at Glue as the
/// exact Expression, only that partition's objects read, paging and throttling retried with the right answer, DDL
/// written through, and a wrong secret a clear error while the engine keeps answering.
/// </summary>
public sealed class GlueCatalogOnS3Tests(S3EventsFixture data) : IClassFixture<S3EventsFixture>, IAsyncLifetime
{
    private const string Bucket = S3EventsFixture.Bucket;
    private const int RowsPerDay = S3EventsFixture.FilesPerDay * S3EventsFixture.RowsPerFile;

    private readonly TestGlueServer _glue = new();
    private RecordingObjectStore _recording = null!;

    public Task InitializeAsync()
    {
        _glue.AddDatabase("lake");
        _glue.AddParquetTable("lake", "events", $"s3://{Bucket}/events/", [("id", "bigint"), ("amount", "double"), ("note", "varchar(10)")], [("day", "int")]);
        for (var day = 1; day <= S3EventsFixture.Days; day++)
        {
            var text = day.ToString(CultureInfo.InvariantCulture);
            _glue.AddPartition("lake", "events", [text], $"s3://{Bucket}/events/day={text}/");
        }

        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _glue.DisposeAsync();

    private FederationEngine Engine(string secret = TestGlueServer.SecretKey, int segments = 3)
    {
        var options = new GlueOptions("us-east-1")
        {
            Endpoint = _glue.Endpoint,
            Credentials = new BasicAWSCredentials(TestGlueServer.AccessKey, secret),
            PartitionSegments = segments,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        };
        var engine = new FederationEngine(external: ExternalCatalog.InMemory(new GlueMetastoreFactory(options)));
        _recording = new RecordingObjectStore(new S3ObjectStore(data.S3.Client, Bucket, data.S3.Options));
        engine.Stores.Register("s3", Bucket, _recording);
        engine.RegisterFileFormat(new ParquetFileFormat());
        return engine;
    }

    private static Task<List<string>> RowsAsync(Session session, string sql) => ResultRows.OfAsync(session, sql);

    private const string CreateSchema = "CREATE EXTERNAL SCHEMA glue FROM DATA CATALOG REGION 'us-east-1' DATABASE 'lake' CATALOG_ID '123456789012' IAM_ROLE 'arn:aws:iam::123456789012:role/spectrum'";

    [Fact]
    public async Task A_query_on_one_partition_sends_its_expression_to_Glue_and_reads_only_that_partition()
    {
        var session = Engine().CreateSession();
        await session.ExecuteAsync(CreateSchema);
        _recording.Clear();

        Assert.Equal([$"{RowsPerDay}|42000|{42000 + RowsPerDay - 1}"], await RowsAsync(session, "SELECT count(*), min(id), max(id) FROM glue.events WHERE day = 42"));
        Assert.Equal(["day = 42"], _glue.Expressions.ToArray());
        Assert.Equal(["events/day=42/"], _recording.Listed.ToArray());
        Assert.Equal(["events/day=42/part-0.parquet", "events/day=42/part-1.parquet"], _recording.Read.Distinct().Order(StringComparer.Ordinal).ToArray());

        Assert.Equal([$"{5 * RowsPerDay}"], await RowsAsync(session, "SELECT count(*) FROM glue.events WHERE day BETWEEN 10 AND 12 OR day IN (50, 60)"));
        Assert.Equal("(day >= 10 AND day <= 12) OR day IN (50, 60)", _glue.Expressions.Last());
        Assert.Equal([$"1|1|glue|lake|{{\"REGION\":\"us-east-1\",\"CATALOG_ID\":\"123456789012\",\"IAM_ROLE\":\"arn:aws:iam::123456789012:role/spectrum\"}}"],
            await RowsAsync(session, "SELECT esoid, eskind, schemaname, databasename, esoptions FROM svv_external_schemas"));
    }

    [Fact]
    public async Task Every_partition_is_listed_in_segments_and_pages_and_throttling_is_retried()
    {
        _glue.PageSize = 7;
        var session = Engine(segments: 3).CreateSession();
        await session.ExecuteAsync(CreateSchema);
        _glue.ThrottleNext(3);

        Assert.Equal([$"{S3EventsFixture.Days * RowsPerDay}|1000|{100000 + RowsPerDay - 1}"], await RowsAsync(session, "SELECT count(*), min(id), max(id) FROM glue.events"));
        Assert.Equal(3, _glue.ThrottledCalls);
        Assert.Equal([(0, 3), (1, 3), (2, 3)], _glue.Segments.Order().ToArray());
        Assert.Empty(_glue.Expressions);
    }

    [Fact]
    public async Task DDL_writes_through_to_Glue()
    {
        var session = Engine().CreateSession();
        await session.ExecuteAsync("CREATE EXTERNAL SCHEMA made FROM DATA CATALOG DATABASE 'made' CREATE EXTERNAL DATABASE IF NOT EXISTS");
        Assert.True(_glue.HasDatabase("made"));
        await session.ExecuteAsync($"CREATE EXTERNAL TABLE made.ev (id bigint, amount double precision, note varchar(10)) PARTITIONED BY (day int) STORED AS PARQUET LOCATION 's3://{Bucket}/events/'");
        Assert.Equal("bigint", _glue.Table("made", "ev")!["StorageDescriptor"]!["Columns"]![0]!["Type"]!.GetValue<string>());
        await session.ExecuteAsync($"ALTER TABLE made.ev ADD PARTITION (day='3') LOCATION 's3://{Bucket}/events/day=3/' PARTITION (day='4') LOCATION 's3://{Bucket}/events/day=4/'");
        Assert.Equal(2, _glue.PartitionCount("made", "ev"));
        Assert.Equal([$"{2 * RowsPerDay}|3000"], await RowsAsync(session, "SELECT count(*), min(id) FROM made.ev"));

        var duplicate = await Assert.ThrowsAsync<FederationException>(() =>
            session.ExecuteAsync($"ALTER TABLE made.ev ADD PARTITION (day='3') LOCATION 's3://{Bucket}/events/day=3/'"));
        Assert.Equal(ErrorCode.DuplicateObject, duplicate.Code);
        Assert.Contains("partition day=3 of made.ev already exists", duplicate.Message, StringComparison.Ordinal);

        await session.ExecuteAsync("ALTER TABLE made.ev DROP PARTITION (day='4')");
        Assert.Equal(1, _glue.PartitionCount("made", "ev"));
        await session.ExecuteAsync("ALTER TABLE made.ev SET TABLE PROPERTIES ('numRows'='100')");
        Assert.Equal("100", _glue.Table("made", "ev")!["Parameters"]!["numRows"]!.GetValue<string>());
        await session.ExecuteAsync("DROP TABLE made.ev");
        Assert.Null(_glue.Table("made", "ev"));
        await session.ExecuteAsync("DROP SCHEMA made DROP EXTERNAL DATABASE");
        Assert.False(_glue.HasDatabase("made"));
    }

    [Fact]
    public async Task Schemas_over_one_Glue_database_share_its_cache_and_see_each_others_DDL()
    {
        // glue2 names the server's default region itself: the same endpoint, catalog id, region and database as glue.
        // other has another CATALOG_ID: another account's catalog, with a cache of its own.
        var session = Engine().CreateSession();
        await session.ExecuteAsync(CreateSchema);
        await session.ExecuteAsync("CREATE EXTERNAL SCHEMA glue2 FROM DATA CATALOG DATABASE 'lake' CATALOG_ID '123456789012'");
        await session.ExecuteAsync("CREATE EXTERNAL SCHEMA other FROM DATA CATALOG DATABASE 'lake' REGION 'us-east-1' CATALOG_ID '999999999999'");
        _glue.ClearRecords();
        const string counts = "SELECT schemaname, count(*) FROM svv_external_partitions GROUP BY schemaname ORDER BY schemaname";
        Assert.Equal([$"glue|{S3EventsFixture.Days}", $"glue2|{S3EventsFixture.Days}", $"other|{S3EventsFixture.Days}"], await RowsAsync(session, counts));
        Assert.Equal(2 * S3EventsFixture.Days, _glue.PartitionsSent);

        await session.ExecuteAsync($"ALTER TABLE glue2.events ADD PARTITION (day='101') LOCATION 's3://{Bucket}/events/day=1/'");
        Assert.Equal([$"glue|{S3EventsFixture.Days + 1}", $"glue2|{S3EventsFixture.Days + 1}", $"other|{S3EventsFixture.Days}"], await RowsAsync(session, counts));
        Assert.Equal([$"{RowsPerDay}|1000"], await RowsAsync(session, "SELECT count(*), min(id) FROM glue.events WHERE day = 101"));
    }

    [Fact]
    public async Task A_wrong_secret_is_a_clear_error_and_the_engine_still_answers()
    {
        var session = Engine(secret: "not-the-secret").CreateSession();
        var error = await Assert.ThrowsAsync<FederationException>(() => session.ExecuteAsync(CreateSchema));
        Assert.Equal(ErrorCode.PermissionDenied, error.Code);
        Assert.Contains("InvalidSignatureException", error.Message, StringComparison.Ordinal);
        Assert.Contains(_glue.Endpoint, error.Message, StringComparison.Ordinal);
        Assert.Equal(["2"], await RowsAsync(session, "SELECT 1 + 1"));
    }
}
