using Federation.Common;
using Federation.Engine;
using Federation.Storage.S3;
using Federation.Storage;
using Federation.Testing;

namespace Federation.Formats.Parquet.Tests;

/// <summary>
/// Parquet tables in a real S3-compatible store: the same answers as from local files, with the requests and bytes
/// the issue sets (footers in one GET, small objects whole, only projected column chunks fetched, partitions that
/// the filter rules out never opened), and errors that name the object.
/// </summary>
public sealed class ParquetOnS3Tests(S3TpchFixture data) : IClassFixture<S3TpchFixture>
{
    private static readonly string[] Tables = ["region", "nation", "supplier", "customer", "part", "partsupp", "orders", "lineitem"];

    /// <summary>Every request to the bucket goes through these counters.</summary>
    private readonly StorageCounters _counters = new();

    private FederationEngine S3Engine(ObjectReadOptions? options = null)
    {
        var engine = new FederationEngine();
        var store = new CountingObjectStore(new S3ObjectStore(data.S3.Client, S3TpchFixture.Bucket, data.Options), _counters);
        engine.Stores.Register("s3", S3TpchFixture.Bucket, store);
        foreach (var table in Tables)
        {
            var opened = ParquetTable.OpenAsync(table, $"s3://{S3TpchFixture.Bucket}/tpch/{table}/", engine.Stores, options ?? ObjectReadOptions.Default, default).GetAwaiter().GetResult();
            engine.Catalog.TryAddTable(engine.Catalog.DefaultSchema, table, opened);
        }

        return engine;
    }

    private FederationEngine LocalEngine()
    {
        var engine = new FederationEngine();
        foreach (var table in Tables)
        {
            engine.Catalog.TryAddTable(engine.Catalog.DefaultSchema, table, new ParquetTable(table, Path.Combine(data.LocalFolder, table)));
        }

        return engine;
    }

    private static Task<List<string>> RowsAsync(FederationEngine engine, string sql) => ResultRows.OfAsync(engine.CreateSession(), sql);

    private static string Query(int number) =>
        File.ReadAllText(Path.Combine(Testing.S3rverFixture.RepositoryRoot(), "samples", "tpch", "queries", $"q{number:00}.sql")).Trim().TrimEnd(';');

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(9)]
    [InlineData(18)]
    public async Task Tpch_queries_answer_from_S3_as_from_local_files(int number)
    {
        var expected = await RowsAsync(LocalEngine(), Query(number));
        var actual = await RowsAsync(S3Engine(), Query(number));

        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Small_objects_are_read_whole_in_one_request_each()
    {
        var engine = S3Engine();
        var opened = _counters.GetRequests;
        var all = await ListAsync("tpch/");
        var files = await ListAsync("tpch/nation/");

        Assert.Equal(["25"], await RowsAsync(engine, "SELECT count(n_name) FROM nation"));

        // Opening the tables read each object's footer with one GET; the query read the (small) file once more, whole.
        Assert.Equal(all.Count(f => !f.Key.Contains("/_", StringComparison.Ordinal)), opened);
        Assert.Equal(opened + files.Count, _counters.GetRequests);
        Assert.Equal(0, _counters.HeadRequests);
    }

    [Fact]
    public async Task Large_objects_fetch_the_footer_then_only_the_projected_column_chunks()
    {
        // Every object counts as large here, so the footer and the chunks are read by range; and no gap is worth
        // reading through (at SF 0.01 every gap is under the 1 MiB that would merge a whole row group into one read).
        var engine = S3Engine(ObjectReadOptions.Default with { WholeObjectThreshold = 0, MaxGap = 0 });
        var file = Assert.Single(await ListAsync("tpch/partsupp/"));
        var before = (_counters.GetRequests, _counters.BytesRead);

        var rows = await RowsAsync(engine, "SELECT sum(ps_availqty), count(*) FROM partsupp");

        Assert.Equal(await RowsAsync(LocalEngine(), "SELECT sum(ps_availqty), count(*) FROM partsupp"), rows);
        var requests = _counters.GetRequests - before.GetRequests;
        var bytes = _counters.BytesRead - before.BytesRead;

        // The tail (where the footer is), then the one column chunk of its one row group: the long ps_comment
        // chunk, most of the file, is never fetched.
        Assert.Equal(2, requests);
        Assert.True(file.Size > 4 * ObjectReadOptions.Default.TailBytes, $"partsupp is {file.Size} bytes");
        Assert.True(bytes < file.Size / 2, $"read {bytes} of {file.Size} bytes in {requests} requests");
    }

    [Fact]
    public async Task Partitions_the_filter_rules_out_are_never_opened()
    {
        var engine = S3Engine();
        var files = await ListAsync("tpch/lineitem/");
        var march = files.Count(f => f.Key.Contains("l_shipmonth=1995-03/", StringComparison.Ordinal));
        var before = _counters.GetRequests;

        var rows = await RowsAsync(engine, "SELECT count(*), sum(l_extendedprice) FROM lineitem WHERE l_shipmonth = '1995-03'");

        Assert.Equal(await RowsAsync(LocalEngine(), "SELECT count(*), sum(l_extendedprice) FROM lineitem WHERE l_shipmonth = '1995-03'"), rows);
        Assert.Equal(1, march);
        Assert.Equal(march, _counters.GetRequests - before);
    }

    [Fact]
    public async Task A_corrupt_object_fails_the_query_with_an_error_naming_it()
    {
        var store = new S3ObjectStore(data.S3.Client, S3TpchFixture.Bucket, data.Options);
        await store.WriteAsync("broken/part-0.parquet", "this is not parquet at all, just text"u8.ToArray(), default);
        var engine = new FederationEngine();
        S3ObjectStore.Register(engine.Stores, data.Options);
        engine.RegisterTableFunction(new ReadParquetFunction(engine.Stores));

        var error = await Assert.ThrowsAsync<FederationException>(() => engine.CreateSession().ExecuteAsync($"SELECT * FROM read_parquet('s3://{S3TpchFixture.Bucket}/broken/')"));

        Assert.Contains($"s3://{S3TpchFixture.Bucket}/broken/part-0.parquet", error.Message, StringComparison.Ordinal);

        // The engine is fine afterwards.
        Assert.Equal(["5"], await RowsAsync(engine, $"SELECT count(*) FROM read_parquet('s3://{S3TpchFixture.Bucket}/tpch/region/')"));
    }

    [Fact]
    public async Task A_location_with_no_files_is_an_error_naming_it()
    {
        var engine = new FederationEngine();
        S3ObjectStore.Register(engine.Stores, data.Options);
        engine.RegisterTableFunction(new ReadParquetFunction(engine.Stores));

        var error = await Assert.ThrowsAsync<FederationException>(() => engine.CreateSession().ExecuteAsync($"SELECT * FROM read_parquet('s3://{S3TpchFixture.Bucket}/nothing/here/')"));

        Assert.Contains($"s3://{S3TpchFixture.Bucket}/nothing/here/", error.Message, StringComparison.Ordinal);
    }

    private async Task<List<ObjectMeta>> ListAsync(string prefix)
    {
        var store = new S3ObjectStore(data.S3.Client, S3TpchFixture.Bucket, data.Options);
        var result = new List<ObjectMeta>();
        await foreach (var meta in store.ListAsync(prefix, default))
        {
            result.Add(meta);
        }

        return result;
    }
}
