using Federation.Catalog.External;
using Federation.Catalog.Metastore;
using Federation.Common;
using Federation.Engine;
using Federation.Storage.S3;
using Federation.Storage;
using Federation.Testing;
using Xunit.Abstractions;

namespace Federation.Formats.Parquet.Tests;

/// <summary>
/// External tables over a real s3rver, declared with Spectrum's DDL in the built-in catalog: partitions recovered
/// from key=value folders, a query on one partition of a hundred listing that one prefix and reading only its
/// objects, the catalog surviving a restart, and a broken object failing only its query, with its name.
/// </summary>
public sealed class ExternalTablesOnS3Tests(S3EventsFixture data, ITestOutputHelper output) : IClassFixture<S3EventsFixture>, IDisposable
{
    private const string Bucket = S3EventsFixture.Bucket;

    private readonly StorageCounters _counters = new();
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "fed-external-" + Guid.NewGuid().ToString("N")[..8]);
    private RecordingObjectStore? _recording;
    private ParquetFileFormat? _format;

    public void Dispose()
    {
        if (Directory.Exists(_dataFolder))
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
    }

    /// <summary>An engine whose s3://spectrum store counts and records every request; the catalog in memory or in the data folder.</summary>
    private async Task<FederationEngine> EngineAsync(bool persisted = false)
    {
        ExternalCatalog external;
        if (persisted)
        {
            var metastore = await EmbeddedMetastore.OpenAsync(_dataFolder, default);
            external = await ExternalCatalog.OpenAsync(metastore, _dataFolder, default);
        }
        else
        {
            external = ExternalCatalog.InMemory();
        }

        var engine = new FederationEngine(external: external);
        _recording = new RecordingObjectStore(new S3ObjectStore(data.S3.Client, Bucket, data.S3.Options));
        engine.Stores.Register("s3", Bucket, new CountingObjectStore(_recording, _counters));
        _format = new ParquetFileFormat();
        engine.RegisterFileFormat(_format);
        return engine;
    }

    private static Task<List<string>> RowsAsync(Session session, string sql) => ResultRows.OfAsync(session, sql);

    private static async Task CreateEventsAsync(Session session)
    {
        await session.ExecuteAsync("CREATE EXTERNAL SCHEMA spectrum FROM DATA CATALOG DATABASE 'spectrumdb' CREATE EXTERNAL DATABASE IF NOT EXISTS");
        await session.ExecuteAsync(
            $"CREATE EXTERNAL TABLE spectrum.events (id bigint, amount double precision, note varchar(10)) PARTITIONED BY (day int) STORED AS PARQUET LOCATION 's3://{Bucket}/events/'");
    }

    [Fact]
    public async Task A_query_on_one_partition_of_a_hundred_lists_one_prefix_and_reads_only_its_objects()
    {
        var engine = await EngineAsync();
        var session = engine.CreateSession();
        await CreateEventsAsync(session);

        // Creating the table touched nothing; recovering partitions takes one delimited listing per level above the
        // last key: with one key, the location's folders are the partitions.
        Assert.Equal(0, _counters.Requests);
        var recovered = await session.ExecuteAsync("MSCK REPAIR TABLE spectrum.events");
        Assert.Equal(S3EventsFixture.Days, recovered.RowsAffected);
        Assert.Equal(1, _counters.ListRequests);
        Assert.Equal(0, _counters.GetRequests);
        output.WriteLine($"MSCK REPAIR TABLE over {S3EventsFixture.Days} partitions: {_counters}");

        var lists = _counters.ListRequests;
        var gets = _counters.GetRequests;
        var bytes = _counters.BytesRead;
        _recording!.Clear();
        var rows = await RowsAsync(session, "SELECT count(*), min(id), max(id), sum(amount) FROM spectrum.events WHERE day = 42");
        const int rowsPerDay = S3EventsFixture.FilesPerDay * S3EventsFixture.RowsPerFile;
        Assert.Equal([$"{rowsPerDay}|42000|{42000 + rowsPerDay - 1}|{Enumerable.Range(0, rowsPerDay).Sum(i => i * 1.5)}"], rows);

        var listed = _recording.Listed.ToArray();
        var read = _recording.Read.Distinct().Order(StringComparer.Ordinal).ToArray();
        output.WriteLine($"day = 42: {_counters.ListRequests - lists} list request(s) ({string.Join(", ", listed)}), " +
                         $"{_counters.GetRequests - gets} GET(s) of {read.Length} object(s) ({string.Join(", ", read)}), {_counters.BytesRead - bytes} bytes");
        Assert.Equal(["events/day=42/"], listed);
        Assert.Equal(1, _counters.ListRequests - lists);
        Assert.Equal(["events/day=42/part-0.parquet", "events/day=42/part-1.parquet"], read);
        Assert.Equal(0, _counters.HeadRequests);

        // One GET per object: a small object is fetched whole for its footer when the scan starts, and those bytes serve the data too.
        Assert.Equal(S3EventsFixture.FilesPerDay, _counters.GetRequests - gets);

        // What the query read, as SVL_S3QUERY_SUMMARY and SVL_S3PARTITION tell it.
        Assert.Equal(
            [$"spectrum.events|true|{rowsPerDay}|{_counters.BytesRead - bytes}|{S3EventsFixture.FilesPerDay}|{S3EventsFixture.FilesPerDay}"],
            await RowsAsync(session, "SELECT external_table_name, is_partitioned, s3_scanned_rows, s3_scanned_bytes, files, requests FROM svl_s3query_summary " +
                                     "WHERE query = (SELECT max(query) FROM svl_s3query_summary)"));
        Assert.Equal(
            [$"{S3EventsFixture.Days}|1"],
            await RowsAsync(session, "SELECT total_partitions, qualified_partitions FROM svl_s3partition WHERE query = (SELECT max(query) FROM svl_s3partition)"));

        // The pseudocolumns name each row's object and its size.
        Assert.Equal(
            [$"s3://{Bucket}/events/day=42/part-0.parquet|{S3EventsFixture.RowsPerFile}", $"s3://{Bucket}/events/day=42/part-1.parquet|{S3EventsFixture.RowsPerFile}"],
            await RowsAsync(session, "SELECT \"$path\", count(*) FROM spectrum.events WHERE day = 42 AND \"$size\" > 0 GROUP BY \"$path\" ORDER BY 1"));

        // A table scanned twice in one query (a self-join) still lists its prefix once.
        lists = _counters.ListRequests;
        Assert.Equal(
            [$"{rowsPerDay}"],
            await RowsAsync(session, "SELECT count(*) FROM spectrum.events a JOIN spectrum.events b ON a.id = b.id WHERE a.day = 42 AND b.day = 42"));
        Assert.Equal(1, _counters.ListRequests - lists);

        // IN and BETWEEN prune the same way; a filter on a data column prunes no partition.
        lists = _counters.ListRequests;
        Assert.Equal(["400"], await RowsAsync(session, "SELECT count(*) FROM spectrum.events WHERE day IN (7, 8) OR day BETWEEN 99 AND 150"));
        Assert.Equal(4, _counters.ListRequests - lists);

        lists = _counters.ListRequests;
        gets = _counters.GetRequests;
        Assert.Equal([$"{S3EventsFixture.Days}"], await RowsAsync(session, "SELECT count(*) FROM spectrum.events WHERE id % 1000 = 7"));
        output.WriteLine($"no partition filter: {_counters.ListRequests - lists} list request(s), {_counters.GetRequests - gets} GET(s)");
        Assert.Equal(S3EventsFixture.Days, _counters.ListRequests - lists);
        Assert.Equal(S3EventsFixture.Days * S3EventsFixture.FilesPerDay, _counters.GetRequests - gets);
    }

    [Fact]
    public async Task Footers_are_read_once_across_queries_and_again_when_an_object_is_rewritten()
    {
        var engine = await EngineAsync();
        var session = engine.CreateSession();
        await session.ExecuteAsync("CREATE EXTERNAL SCHEMA spectrum FROM DATA CATALOG DATABASE 'spectrumdb' CREATE EXTERNAL DATABASE IF NOT EXISTS");
        await session.ExecuteAsync(
            $"CREATE EXTERNAL TABLE spectrum.cached (id bigint, amount double precision, note varchar(10)) PARTITIONED BY (day int) STORED AS PARQUET LOCATION 's3://{Bucket}/cached/'");

        // Objects of our own (the fixture's are shared by the other tests), written around the recording store.
        var s3 = new S3ObjectStore(data.S3.Client, Bucket, data.S3.Options);
        var sizes = new Dictionary<string, long>();
        async Task PutAsync(int day, int rows)
        {
            var key = $"cached/day={day}/part-0.parquet";
            var bytes = S3EventsFixture.EventsObject(day, 0, rows);
            await s3.WriteAsync(key, bytes, default);
            sizes[key] = bytes.Length;
        }

        await PutAsync(1, 50);
        await PutAsync(2, 50);
        await session.ExecuteAsync("MSCK REPAIR TABLE spectrum.cached");

        // A footer read is a GET that reaches the object's end (a small object is read whole; a larger one, its tail).
        string[] FooterReads() => _recording!.Ranges.Where(r => r.Offset < 0 || r.Offset + r.Length == sizes[r.Key]).Select(r => r.Key).Order(StringComparer.Ordinal).ToArray();
        const string query = "SELECT day, count(*), sum(id) FROM spectrum.cached GROUP BY day ORDER BY day";
        const string day1 = "1|50|51225";

        _recording!.Clear();
        Assert.Equal([day1, "2|50|101225"], await RowsAsync(session, query));
        Assert.Equal(["cached/day=1/part-0.parquet", "cached/day=2/part-0.parquet"], FooterReads());
        Assert.Equal(2, _format!.Footers.Count);

        // The same query again: the listing shows the same sizes and ETags, so no footer is fetched; each object
        // costs one GET, of its id column chunk only.
        _recording.Clear();
        var gets = _counters.GetRequests;
        Assert.Equal([day1, "2|50|101225"], await RowsAsync(session, query));
        Assert.Empty(FooterReads());
        Assert.Equal(2, _counters.GetRequests - gets);
        var plan = string.Join('\n', await RowsAsync(session, "EXPLAIN ANALYZE " + query));
        Assert.Contains("footer_cache_hits=2, footer_cache_misses=0", plan, StringComparison.Ordinal);

        // day=2's object rewritten with 80 rows: a new size and ETag, so its footer is read again, and only its.
        await PutAsync(2, 80);
        _recording.Clear();
        plan = string.Join('\n', await RowsAsync(session, "EXPLAIN ANALYZE " + query));
        output.WriteLine(plan);
        Assert.Contains("footer_cache_hits=1, footer_cache_misses=1", plan, StringComparison.Ordinal);
        Assert.Equal(["cached/day=2/part-0.parquet"], FooterReads());
        Assert.Equal(2, _format.Footers.Count);

        _recording.Clear();
        Assert.Equal([day1, $"2|80|{2000 * 80 + Enumerable.Range(0, 80).Sum()}"], await RowsAsync(session, query));
        Assert.Empty(FooterReads());
    }

    /// <summary>
    /// Two partition keys, on the local file system: s3rver's delimited listing only finds folders whose objects sit
    /// directly in them (it does not walk below a common prefix), so a layout two folders deep cannot be shown there.
    /// </summary>
    [Fact]
    public async Task Recovering_partitions_walks_the_key_folders_level_by_level()
    {
        // <root>/region=<r>/day=<d>/ for two regions (one of them NULL), beside folders that are not partitions.
        var s3 = new S3ObjectStore(data.S3.Client, Bucket, data.S3.Options);
        var meta = await s3.HeadAsync("events/day=1/part-0.parquet", default);
        var bytes = new byte[meta.Size];
        await s3.ReadAsync(meta.Key, 0, bytes, meta.ETag, default);
        var root = Path.Combine(_dataFolder, "nested");
        foreach (var folder in new[] { "region=eu/day=1", "region=eu/day=2", "region=__HIVE_DEFAULT_PARTITION__/day=3", "region=us/notes", "_temporary/day=9" })
        {
            Directory.CreateDirectory(Path.Combine(root, folder));
            await File.WriteAllBytesAsync(Path.Combine(root, folder, "part-0.parquet"), bytes);
        }

        var engine = await EngineAsync();
        var local = new RecordingObjectStore(new LocalObjectStore("/"));
        engine.Stores.Register("file", string.Empty, new CountingObjectStore(local, _counters));
        var session = engine.CreateSession();
        await session.ExecuteAsync("CREATE EXTERNAL SCHEMA spectrum FROM DATA CATALOG DATABASE 'spectrumdb' CREATE EXTERNAL DATABASE IF NOT EXISTS");
        await session.ExecuteAsync(
            $"CREATE EXTERNAL TABLE spectrum.nested (id bigint) PARTITIONED BY (region varchar(4), day int) STORED AS PARQUET LOCATION 'file://{root}/'");
        var lists = _counters.ListRequests;
        var recovered = await session.ExecuteAsync("ALTER TABLE spectrum.nested RECOVER PARTITIONS");
        Assert.Equal(3, recovered.RowsAffected);

        // One listing of the location, then one of each region folder (eu, the NULL one, us).
        Assert.Equal(1 + 3, _counters.ListRequests - lists);
        Assert.Equal(
            ["eu|1|50", "eu|2|50", "NULL|3|50"],
            await RowsAsync(session, "SELECT region, day, count(*) FROM spectrum.nested GROUP BY region, day ORDER BY region NULLS LAST, day"));
        Assert.Equal(
            [$"[null,\"3\"]|file://{root}/region=__HIVE_DEFAULT_PARTITION__/day=3/", $"[\"eu\",\"1\"]|file://{root}/region=eu/day=1/",
                $"[\"eu\",\"2\"]|file://{root}/region=eu/day=2/"],
            await RowsAsync(session, "SELECT \"values\", location FROM svv_external_partitions WHERE tablename = 'nested' ORDER BY location"));

        // Only the folder of day 2 is listed for a query on it.
        local.Clear();
        Assert.Equal(["50"], await RowsAsync(session, "SELECT count(*) FROM spectrum.nested WHERE region = 'eu' AND day > 1"));
        Assert.Equal([$"{root.TrimStart('/')}/region=eu/day=2/"], local.Listed);
    }

    [Fact]
    public async Task The_built_in_catalog_survives_a_restart()
    {
        var first = (await EngineAsync(persisted: true)).CreateSession();
        await CreateEventsAsync(first);
        await first.ExecuteAsync($"ALTER TABLE spectrum.events ADD PARTITION (day='3') LOCATION 's3://{Bucket}/events/day=3/' PARTITION (day='5') LOCATION 's3://{Bucket}/events/day=5/'");
        await first.ExecuteAsync("ALTER TABLE spectrum.events SET TABLE PROPERTIES ('numRows'='12345')");
        var expected = await RowsAsync(first, "SELECT day, count(*), sum(amount) FROM spectrum.events GROUP BY day ORDER BY day");
        Assert.Equal(["3|100|7425", "5|100|7425"], expected);

        // A new engine over the same data folder: the schema, the table, its partitions and properties are all there.
        var second = (await EngineAsync(persisted: true)).CreateSession();
        Assert.Equal(expected, await RowsAsync(second, "SELECT day, count(*), sum(amount) FROM spectrum.events GROUP BY day ORDER BY day"));
        var plan = await RowsAsync(second, "EXPLAIN VERBOSE SELECT id FROM spectrum.events");
        Assert.Contains(plan, line => line.StartsWith("logical_plan|", StringComparison.Ordinal) && line.Contains("TableScan: spectrum.events projection=[id] [rows≈12345]", StringComparison.Ordinal));

        await second.ExecuteAsync("DROP SCHEMA spectrum DROP EXTERNAL DATABASE CASCADE");
        var third = (await EngineAsync(persisted: true)).CreateSession();
        var gone = await Assert.ThrowsAsync<FederationException>(() => third.ExecuteAsync("SELECT count(*) FROM spectrum.events"));
        Assert.Contains("relation \"spectrum.events\" does not exist", gone.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_object_fails_its_query_with_its_name_and_nothing_else()
    {
        var session = (await EngineAsync()).CreateSession();
        await CreateEventsAsync(session);
        await session.ExecuteAsync(
            $"CREATE EXTERNAL TABLE spectrum.broken (id bigint) PARTITIONED BY (day int) STORED AS PARQUET LOCATION 's3://{Bucket}/broken/'");
        await session.ExecuteAsync("MSCK REPAIR TABLE spectrum.broken");
        var error = await Assert.ThrowsAsync<FederationException>(async () => await RowsAsync(session, "SELECT count(*) FROM spectrum.broken"));
        Assert.Equal(ErrorCode.CorruptObject, error.Code);
        Assert.Contains($"s3://{Bucket}/broken/day=1/part-0.parquet", error.Message, StringComparison.Ordinal);

        await session.ExecuteAsync("MSCK REPAIR TABLE spectrum.events");
        Assert.Equal(["100"], await RowsAsync(session, "SELECT count(*) FROM spectrum.events WHERE day = 1"));
    }

    [Fact]
    public async Task A_partition_value_that_is_not_of_the_key_type_is_an_error_naming_it()
    {
        var session = (await EngineAsync()).CreateSession();
        await session.ExecuteAsync("CREATE EXTERNAL SCHEMA spectrum FROM DATA CATALOG DATABASE 'spectrumdb' CREATE EXTERNAL DATABASE IF NOT EXISTS");
        await session.ExecuteAsync(
            $"CREATE EXTERNAL TABLE spectrum.by_date (id bigint) PARTITIONED BY (day date) STORED AS PARQUET LOCATION 's3://{Bucket}/events/'");
        var error = await Assert.ThrowsAsync<FederationException>(() => session.ExecuteAsync("MSCK REPAIR TABLE spectrum.by_date"));
        Assert.Contains("invalid partition value '1' for partition column \"day\" of table spectrum.by_date: it is not a date", error.Message, StringComparison.Ordinal);
    }
}
