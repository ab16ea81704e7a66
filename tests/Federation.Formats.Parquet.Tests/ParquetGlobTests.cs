using Federation.Common;
using Federation.Engine;
using Federation.Storage.S3;
using Federation.Storage;
using Federation.Testing;

namespace Federation.Formats.Parquet.Tests;

/// <summary>
/// read_parquet over globs, in a local folder tree and in s3rver (TPC-H SF 0.01, lineitem in l_shipmonth=YYYY-MM
/// folders): the rows of exactly the matched files, partition folders below the glob's literal folder as columns, one
/// listing of the literal prefix in S3, and a glob matching nothing an error naming it.
/// </summary>
public sealed class ParquetGlobTests(S3TpchFixture data) : IClassFixture<S3TpchFixture>
{
    private const string FirstQuarterOf1995 = "SELECT l_shipmonth, count(*), sum(l_quantity) FROM lineitem WHERE l_shipmonth BETWEEN '1995-01' AND '1995-03' GROUP BY 1 ORDER BY 1";

    private readonly StorageCounters _counters = new();

    private FederationEngine Engine()
    {
        var engine = new FederationEngine();
        engine.Stores.Register("s3", S3TpchFixture.Bucket, new CountingObjectStore(new S3ObjectStore(data.S3.Client, S3TpchFixture.Bucket, data.Options), _counters));
        engine.RegisterTableFunction(new ReadParquetFunction(engine.Stores));
        engine.Catalog.TryAddTable(engine.Catalog.DefaultSchema, "lineitem", new ParquetTable("lineitem", Path.Combine(data.LocalFolder, "lineitem")));
        return engine;
    }

    private static Task<List<string>> RowsAsync(FederationEngine engine, string sql) => ResultRows.OfAsync(engine.CreateSession(), sql);

    /// <summary>The first quarter of 1995 read through a glob at <paramref name="root"/>, as the folder query answers it.</summary>
    private static string ThroughGlob(string root) =>
        $"SELECT l_shipmonth, count(*), sum(l_quantity) FROM read_parquet('{root}/lineitem/l_shipmonth=1995-0[1-3]/*.parquet') GROUP BY 1 ORDER BY 1";

    [Fact]
    public async Task A_local_glob_across_partition_folders_reads_the_matched_files_with_their_partition_values()
    {
        var engine = Engine();
        var expected = await RowsAsync(engine, FirstQuarterOf1995);

        var rows = await RowsAsync(engine, ThroughGlob(data.LocalFolder));

        Assert.Equal(3, expected.Count);
        Assert.StartsWith("1995-01|", expected[0], StringComparison.Ordinal);
        Assert.Equal(expected, rows);
        Assert.Equal(await RowsAsync(engine, "SELECT count(*), sum(l_quantity) FROM lineitem"),
            await RowsAsync(engine, $"SELECT count(*), sum(l_quantity) FROM read_parquet('{data.LocalFolder}/lineitem/*/part-*.parquet')"));
        Assert.Equal(await RowsAsync(engine, "SELECT count(*) FROM lineitem"),
            await RowsAsync(engine, $"SELECT count(*) FROM read_parquet('{data.LocalFolder}/lineitem/**/*.parquet') WHERE l_shipmonth IS NOT NULL"));
    }

    [Fact]
    public async Task An_s3_glob_lists_its_literal_prefix_once_and_reads_the_matched_objects_with_their_partition_values()
    {
        var engine = Engine();
        var expected = await RowsAsync(engine, FirstQuarterOf1995);
        var lists = _counters.ListRequests;

        var rows = await RowsAsync(engine, ThroughGlob($"s3://{S3TpchFixture.Bucket}/tpch"));

        Assert.Equal(expected, rows);
        Assert.Equal(1, _counters.ListRequests - lists);
        Assert.Equal(await RowsAsync(engine, "SELECT count(*), sum(l_quantity) FROM lineitem"),
            await RowsAsync(engine, $"SELECT count(*), sum(l_quantity) FROM read_parquet('s3://{S3TpchFixture.Bucket}/tpch/lineitem/*/part-*.parquet')"));
        Assert.Equal(["25"], await RowsAsync(engine, $"SELECT count(*) FROM read_parquet('s3://{S3TpchFixture.Bucket}/tpch/n?tion/*.parquet')"));
    }

    [Fact]
    public async Task A_glob_that_matches_nothing_is_an_error_naming_it()
    {
        var engine = Engine();

        var s3 = await Assert.ThrowsAsync<FederationException>(() => RowsAsync(engine, $"SELECT * FROM read_parquet('s3://{S3TpchFixture.Bucket}/tpch/lineitem/*/*.csv')"));
        var local = await Assert.ThrowsAsync<FederationException>(() => RowsAsync(engine, $"SELECT * FROM read_parquet('{data.LocalFolder}/lineitem/*/*.csv')"));

        Assert.Equal(ErrorCode.ObjectNotFound, s3.Code);
        Assert.Contains($"no Parquet files match s3://{S3TpchFixture.Bucket}/tpch/lineitem/*/*.csv", s3.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCode.ObjectNotFound, local.Code);
        Assert.Contains($"no Parquet files match {data.LocalFolder}/lineitem/*/*.csv", local.Message, StringComparison.Ordinal);
    }
}
