using System.Globalization;
using Federation.Catalog.External;
using Federation.Common;
using Federation.Engine;
using Federation.Storage;
using Federation.Testing;

namespace Federation.Formats.Orc.Tests;

/// <summary>
/// Shared ORC files in s3rver declared STORED AS ORC (and with Hive's OrcSerde class names): filters and projections
/// answer what the files' expected rows say, columns match by name ignoring case (by position for Hive's _colN
/// files), a stripe-statistics filter fetches only the stripe it needs (counted GETs), and the same table read
/// through two `fed worker` processes in stripe splits answers as in process.
/// </summary>
public sealed class OrcTablesOnS3Tests(OrcBucketFixture data) : IClassFixture<OrcBucketFixture>
{
    private const string Bucket = OrcBucketFixture.Bucket;

    private readonly StorageCounters _counters = new();

    private async Task<Session> SessionAsync(FederationEngine? engine = null)
    {
        if (engine is null)
        {
            engine = new FederationEngine(external: ExternalCatalog.InMemory());
            engine.Stores.Register("s3", Bucket, new CountingObjectStore(data.Store, _counters));
            engine.RegisterFileFormat(new OrcFileFormat());
        }

        var session = engine.CreateSession();
        await session.ExecuteAsync($"CREATE EXTERNAL SCHEMA IF NOT EXISTS {OrcBucketFixture.Schema} FROM DATA CATALOG DATABASE 'orcdb' CREATE EXTERNAL DATABASE IF NOT EXISTS");
        return session;
    }

    [Fact]
    public async Task Stored_as_orc_answers_filters_and_projections_by_name()
    {
        var location = await data.UploadAsync("orc_split_elim_cpp.orc", "split_elim");
        var session = await SessionAsync();
        await session.ExecuteAsync(
            $"CREATE EXTERNAL TABLE spectrum.split_elim (SUBTYPE double, UserId bigint, string1 varchar(100), decimal1 decimal(16,6), not_in_file int) STORED AS ORC LOCATION '{location}'");
        var rows = SharedOrcFiles.ExpectedRows("orc_split_elim_cpp.orc");
        var matching = rows.Where(r => r.GetProperty("subtype").GetDouble() > 1 && r.GetProperty("string1").GetString() != "zebra").ToList();
        var expected = string.Create(CultureInfo.InvariantCulture,
            $"{matching.Count}|{matching.Sum(r => r.GetProperty("userid").GetInt64())}|{matching.Count(r => r.GetProperty("decimal1").ValueKind != System.Text.Json.JsonValueKind.Null)}");
        Assert.NotEmpty(matching);
        Assert.Equal([expected],
            await ResultRows.OfAsync(session, "SELECT count(*), sum(userid), count(decimal1) FROM spectrum.split_elim WHERE subtype > 1 AND string1 <> 'zebra'"));
        Assert.Equal([$"{rows.Count}|0"], await ResultRows.OfAsync(session, "SELECT count(*), count(not_in_file) FROM spectrum.split_elim"));
    }

    [Fact]
    public async Task Hive_serde_class_names_and_positional_column_names_read_the_file()
    {
        var location = await data.UploadAsync("over1k_bloom.orc", "over1k");
        var session = await SessionAsync();
        await session.ExecuteAsync(
            "CREATE EXTERNAL TABLE spectrum.over1k (t smallint, si smallint, i int, b bigint, f double, d double, bo boolean, s varchar(100)) " +
            "ROW FORMAT SERDE 'org.apache.hadoop.hive.ql.io.orc.OrcSerde' " +
            "STORED AS INPUTFORMAT 'org.apache.hadoop.hive.ql.io.orc.OrcInputFormat' OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.orc.OrcOutputFormat' " +
            $"LOCATION '{location}'");
        var rows = SharedOrcFiles.ExpectedRows("over1k_bloom.orc");
        var withInt = rows.Where(r => r.GetProperty("_col2").ValueKind != System.Text.Json.JsonValueKind.Null).ToList();
        var trues = rows.Count(r => r.GetProperty("_col6").ValueKind == System.Text.Json.JsonValueKind.True);
        Assert.Equal([$"{rows.Count}|{withInt.Sum(r => r.GetProperty("_col2").GetInt64())}|{trues}"],
            await ResultRows.OfAsync(session, "SELECT count(*), sum(i), count(*) FILTER (WHERE bo) FROM spectrum.over1k"));
        var first = rows[0];
        Assert.Equal([$"{first.GetProperty("_col7").GetString()}"],
            await ResultRows.OfAsync(session, $"SELECT s FROM spectrum.over1k WHERE b = {first.GetProperty("_col3").GetInt64()} AND i = {first.GetProperty("_col2").GetInt64()} LIMIT 1"));
    }

    [Fact]
    public async Task Hives_positional_evolution_property_matches_columns_by_place()
    {
        var location = await data.UploadAsync("TestOrcFile.testStripeLevelStats.orc", "positional");
        var session = await SessionAsync();
        await session.ExecuteAsync(
            $"CREATE EXTERNAL TABLE spectrum.positional (n int, label string) STORED AS ORC LOCATION '{location}' TABLE PROPERTIES ('orc.force.positional.evolution' = 'true')");
        await session.ExecuteAsync(
            $"CREATE EXTERNAL TABLE spectrum.by_name (n int, label string) STORED AS ORC LOCATION '{location}'");
        Assert.Equal(["2|two|5000", "3|three|1000"],
            await ResultRows.OfAsync(session, "SELECT n, label, count(*) FROM spectrum.positional WHERE n >= 2 GROUP BY n, label ORDER BY n"));
        Assert.Equal(["11000|0|0"], await ResultRows.OfAsync(session, "SELECT count(*), count(n), count(label) FROM spectrum.by_name"));
    }

    [Fact]
    public async Task A_stripe_statistics_filter_fetches_only_the_stripe_it_needs()
    {
        // Three stripes: 5000 x (1, "one"), 5000 x (2, "two"), 1000 x (3, "three").
        var location = await data.UploadAsync("TestOrcFile.testStripeLevelStats.orc", "stripes");
        var session = await SessionAsync();
        await session.ExecuteAsync($"CREATE EXTERNAL TABLE spectrum.stripes (int1 int, string1 string) STORED AS ORC LOCATION '{location}'");

        // The tail (one GET, the file is smaller than the 16 KiB probe), then the stripe's footer and its two columns' streams (merged: one GET).
        var before = _counters.GetRequests;
        Assert.Equal(["1000|three"], await ResultRows.OfAsync(session, "SELECT count(*), min(string1) FROM spectrum.stripes WHERE int1 = 3"));
        Assert.Equal(3, _counters.GetRequests - before);

        // The tail is kept: every stripe costs its footer and its data.
        before = _counters.GetRequests;
        Assert.Equal(["11000|one"], await ResultRows.OfAsync(session, "SELECT count(*), min(string1) FROM spectrum.stripes"));
        Assert.Equal(6, _counters.GetRequests - before);

        // No stripe holds int1 = 4: nothing past the tail is read.
        before = _counters.GetRequests;
        Assert.Equal(["0"], await ResultRows.OfAsync(session, "SELECT count(*) FROM spectrum.stripes WHERE int1 = 4"));
        Assert.Equal(0, _counters.GetRequests - before);
        var plan = string.Join('\n', await ResultRows.OfAsync(session, "EXPLAIN ANALYZE SELECT count(*) FROM spectrum.stripes WHERE int1 >= 2"));
        Assert.Contains("stripes_pruned=1", plan);
    }

    [Fact]
    public async Task A_projection_fetches_only_the_selected_columns_streams()
    {
        var location = await data.UploadAsync("TestOrcFile.testPredicatePushdown.orc", "pushdown");
        var session = await SessionAsync();
        await session.ExecuteAsync($"CREATE EXTERNAL TABLE spectrum.pushdown (int1 int, string1 string) STORED AS ORC LOCATION '{location}'");
        var rows = SharedOrcFiles.ExpectedRows("TestOrcFile.testPredicatePushdown.orc");

        // The first query reads the tail (this small file's last 16 KiB: all of it) and the stripe footer; the next two only their column's streams and the stripe footer.
        Assert.Equal([$"{rows.Count}"], await ResultRows.OfAsync(session, "SELECT count(*) FROM spectrum.pushdown"));
        var before = _counters.BytesRead;
        Assert.Equal([$"{rows.Count}|{rows.Sum(r => r.GetProperty("int1").GetInt64())}"], await ResultRows.OfAsync(session, "SELECT count(*), sum(int1) FROM spectrum.pushdown"));
        var intBytes = _counters.BytesRead - before;
        before = _counters.BytesRead;
        Assert.Equal([$"{rows.Count}|{rows.Max(r => r.GetProperty("string1").GetString()!.Length)}"],
            await ResultRows.OfAsync(session, "SELECT count(*), max(length(string1)) FROM spectrum.pushdown"));
        var stringBytes = _counters.BytesRead - before;

        // Neither fetched the row index (1000-row strides) nor the other column's streams.
        var store = new LocalObjectStore(SharedOrcFiles.Folder);
        var meta = await store.HeadAsync("TestOrcFile.testPredicatePushdown.orc", default);
        var stripe = (await OrcTailCache.ReadAsync(new Physical.Files.PartitionedFile(store, meta, []), default)).Footer.Stripes[0];
        Assert.True(stripe.IndexLength > 0);
        Assert.True(intBytes + stringBytes == (long)(stripe.DataLength + (2 * stripe.FooterLength)),
            $"int1 read {intBytes} bytes, string1 {stringBytes}: together they are not the stripe's data ({stripe.DataLength}) and its footer twice ({stripe.FooterLength})");
    }

    [Fact]
    public async Task A_corrupt_file_fails_naming_the_object_and_the_session_answers_on()
    {
        var location = await data.UploadAsync("corrupt/negative_dict_entry_lengths.orc", "negative");
        var session = await SessionAsync();
        await session.ExecuteAsync($"CREATE EXTERNAL TABLE spectrum.negative (id int, date_string_col string, string_col string) STORED AS ORC LOCATION '{location}'");
        var error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(session, "SELECT count(date_string_col), count(string_col) FROM spectrum.negative"));
        Assert.Equal(ErrorCode.CorruptObject, error.Code);
        Assert.Contains($"s3://{Bucket}/shared/negative/negative_dict_entry_lengths.orc", error.Message);
        Assert.Contains("negative length", error.Message);
        Assert.Equal(["310"], await ResultRows.OfAsync(session, "SELECT count(id) FROM spectrum.negative"));
    }

    [Fact]
    public async Task A_column_of_another_type_names_both_types()
    {
        var location = await data.UploadAsync("TestOrcFile.testPredicatePushdown.orc", "wrongtype");
        var session = await SessionAsync();
        await session.ExecuteAsync($"CREATE EXTERNAL TABLE spectrum.wrongtype (int1 date) STORED AS ORC LOCATION '{location}'");
        var error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(session, "SELECT int1 FROM spectrum.wrongtype"));
        Assert.Equal(ErrorCode.SchemaMismatch, error.Code);
        Assert.Contains("column \"int1\" of spectrum.wrongtype", error.Message);
        Assert.Contains("holds it as int", error.Message);
    }

    [Fact]
    public async Task Two_workers_read_the_stripes_in_splits_and_answer_as_in_process()
    {
        // 8 stripes of a 30 KB file: the pool's 4 KiB fragments cut it into several stripe splits.
        var location = await data.UploadAsync("TestOrcFile.testDate1900.orc", "date1900");
        const string Ddl = "CREATE EXTERNAL TABLE spectrum.date1900 (\"time\" timestamp, \"date\" date) STORED AS ORC LOCATION '{0}'";
        var local = await SessionAsync();
        await local.ExecuteAsync(string.Format(CultureInfo.InvariantCulture, Ddl, location));
        var pool = await SessionAsync(data.PoolEngine);
        await pool.ExecuteAsync(string.Format(CultureInfo.InvariantCulture, Ddl, location));

        const string Query = "SELECT count(*), count(DISTINCT \"date\"), min(\"time\"), max(\"time\"), min(\"date\"), max(\"date\") FROM spectrum.date1900 WHERE \"date\" >= DATE '1900-01-01'";
        var expected = await ResultRows.OfAsync(local, Query);
        Assert.StartsWith("70000|", expected[0]);
        Assert.Equal(expected, await ResultRows.OfAsync(pool, Query));
        var plan = string.Join('\n', await ResultRows.OfAsync(pool, "EXPLAIN ANALYZE " + Query));
        Assert.Contains("fragments_completed=", plan);
        Assert.DoesNotContain("fragments_run_here", plan);
        Assert.Contains("files_split=1", plan);
    }
}
