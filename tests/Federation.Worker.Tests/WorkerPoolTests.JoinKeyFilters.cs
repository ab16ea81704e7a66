using ParquetSharp;

namespace Federation.Worker.Tests;

/// <summary>
/// Dynamic join filters on the pool: a hash join over lineitem whose build side is a small session table ships its
/// keys to the workers as range and IN filters, so the workers skip row groups and return only rows that can match.
/// The answers equal one process's, with the filters and without them (SET enable_dynamic_filters = off).
/// </summary>
public sealed partial class WorkerPoolTests
{
    /// <summary>Five order keys that exist (TPC-H uses the first 8 of every 32) and a NULL, which matches nothing.</summary>
    private const string OrderKeyJoin = """
        SELECT l_orderkey, count(*), sum(l_quantity), min(l_shipmode) FROM tpch.lineitem JOIN dyn_order_keys ON l_orderkey = k GROUP BY l_orderkey
        """;

    public static readonly TheoryData<string> JoinKeyFilterQueries =
    [
        OrderKeyJoin,
        // Strings: a filtered dimension of ship modes.
        "SELECT l_shipmode, count(*), sum(l_quantity) FROM tpch.lineitem JOIN dyn_modes ON l_shipmode = m WHERE l_shipmonth = '1995-06' AND m <> 'SHIP' GROUP BY l_shipmode",
        // Dates.
        "SELECT l_shipdate, count(*), sum(l_extendedprice) FROM tpch.lineitem JOIN dyn_dates ON l_shipdate = d GROUP BY l_shipdate",
        // Decimals, with partition pruning besides.
        "SELECT l_quantity, count(*) FROM tpch.lineitem JOIN dyn_quantities ON l_quantity = q WHERE l_shipmonth >= '1998-01' GROUP BY l_quantity",
        // A semi join.
        "SELECT count(*), sum(l_extendedprice) FROM tpch.lineitem WHERE l_orderkey IN (SELECT k FROM dyn_order_keys)",
        // IS NOT DISTINCT FROM keys, with a NULL key on the small side.
        "SELECT l_orderkey FROM tpch.lineitem INTERSECT SELECT k FROM dyn_order_keys",
        // Two keys, the small side built from a filtered external table.
        """
        SELECT count(*), sum(ps_supplycost * l_quantity) FROM tpch.lineitem JOIN tpch.partsupp ON l_partkey = ps_partkey AND l_suppkey = ps_suppkey
        WHERE ps_partkey < 20
        """,
    ];

    [Theory]
    [MemberData(nameof(JoinKeyFilterQueries))]
    public async Task Joins_whose_keys_travel_to_the_workers_answer_as_in_one_process(string sql)
    {
        await pool.WaitForPoolAsync(2);
        await CreateJoinTablesAsync();
        var expected = Sorted(await pool.Data.SqlAsync(sql));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Sorted(await WorkerFixture.SqlAsync(pool.Engine, sql)));
        var off = pool.Engine.CreateSession();
        await WorkerFixture.SqlAsync(off, "SET enable_dynamic_filters = off");
        Assert.Equal(expected, Sorted(await WorkerFixture.SqlAsync(off, sql)));
    }

    [Fact]
    public async Task Shipped_join_key_filters_cut_the_rows_and_bytes_the_workers_return()
    {
        await pool.WaitForPoolAsync(2);
        await CreateJoinTablesAsync();
        var expected = await pool.Data.SqlAsync(OrderKeyJoin);
        var matching = expected.Sum(row => long.Parse(row.Split('|')[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(matching > 0);

        var on = pool.Engine.CreateSession();
        var off = pool.Engine.CreateSession();
        await WorkerFixture.SqlAsync(off, "SET enable_dynamic_filters = false");
        var shipped = ScanLine(await WorkerFixture.SqlAsync(on, "EXPLAIN ANALYZE " + OrderKeyJoin));
        var unfiltered = ScanLine(await WorkerFixture.SqlAsync(off, "EXPLAIN ANALYZE " + OrderKeyJoin));

        Assert.Contains("join_key_filters=[", shipped);
        Assert.DoesNotContain("join_key_filters", unfiltered);
        // l_orderkey >= 1, l_orderkey <= 100, l_orderkey IN (1, 3, 32, 35, 100).
        Assert.Equal(3, ExplainAnalyze.Counter(shipped, "join_key_filters_shipped"));

        // With the IN list the workers return exactly the rows that join; without it every row of the table.
        Assert.Equal(matching, ExplainAnalyze.Counter(shipped, "rows_returned_by_workers"));
        Assert.Equal(ExplainAnalyze.Counter(unfiltered, "rows_scanned"), ExplainAnalyze.Counter(unfiltered, "rows_returned_by_workers"));
        Assert.True(ExplainAnalyze.Counter(shipped, "rows_returned_by_workers") * 100 < ExplainAnalyze.Counter(unfiltered, "rows_returned_by_workers"), shipped + "\n" + unfiltered);
        Assert.True(ExplainAnalyze.Counter(shipped, "bytes_returned_by_workers") * 10 < ExplainAnalyze.Counter(unfiltered, "bytes_returned_by_workers"), shipped + "\n" + unfiltered);

        // The range let them skip exactly the row groups whose l_orderkey statistics lie outside 1..100 (as the files'
        // footers say), and scan every row of the others; without it they scanned the whole table.
        var (outside, rowsInside) = RowGroupsByOrderKeyRange(1, 100);
        Assert.True(outside > 0, "some row group lies outside the keys");
        Assert.Equal(outside, ExplainAnalyze.Counter(shipped, "row_groups_pruned"));
        Assert.Equal(rowsInside, ExplainAnalyze.Counter(shipped, "rows_scanned"));
        Assert.Null(ExplainAnalyze.TryCounter(unfiltered, "row_groups_pruned"));
        Assert.Equal(await CountAsync("true"), ExplainAnalyze.Counter(unfiltered, "rows_scanned"));
    }

    /// <summary>
    /// From the footers of lineitem's files: how many row groups have l_orderkey statistics wholly outside
    /// [<paramref name="min"/>, <paramref name="max"/>], and how many rows the others hold.
    /// </summary>
    private (long Outside, long RowsInside) RowGroupsByOrderKeyRange(long min, long max)
    {
        long outside = 0;
        long rowsInside = 0;
        foreach (var path in Directory.GetFiles(Path.Combine(pool.Data.LocalFolder, "lineitem"), "*.parquet", SearchOption.AllDirectories))
        {
            using var file = new ParquetFileReader(path);
            using var metadata = file.FileMetaData;
            var column = metadata.Schema.ColumnIndex("l_orderkey");
            for (var g = 0; g < metadata.NumRowGroups; g++)
            {
                using var rowGroup = file.RowGroup(g);
                using var chunk = rowGroup.MetaData.GetColumnChunkMetaData(column);
                using var statistics = (Statistics<long>)chunk.Statistics!;
                if (statistics.Max < min || statistics.Min > max)
                {
                    outside++;
                }
                else
                {
                    rowsInside += rowGroup.MetaData.NumRows;
                }
            }
        }

        return (outside, rowsInside);
    }

    [Fact]
    public async Task Enable_dynamic_filters_is_a_setting_shown_and_reset_like_the_others()
    {
        var session = pool.Engine.CreateSession();
        Assert.Equal(["on"], await WorkerFixture.SqlAsync(session, "SHOW enable_dynamic_filters"));
        await WorkerFixture.SqlAsync(session, "SET enable_dynamic_filters = off");
        Assert.Equal(["off"], await WorkerFixture.SqlAsync(session, "SHOW enable_dynamic_filters"));
        Assert.Contains("enable_dynamic_filters|off", await WorkerFixture.SqlAsync(session, "SHOW ALL"));
        await WorkerFixture.SqlAsync(session, "RESET enable_dynamic_filters");
        Assert.Equal(["on"], await WorkerFixture.SqlAsync(session, "SHOW enable_dynamic_filters"));
    }

    /// <summary>The small tables the joins build from, in both engines (the pool's and the reference).</summary>
    private async Task CreateJoinTablesAsync()
    {
        foreach (var engine in new[] { pool.Engine, pool.Data.Engine })
        {
            var session = engine.CreateSession();
            foreach (var sql in JoinTables)
            {
                await session.ExecuteAsync(sql);
            }
        }
    }

    private static readonly string[] JoinTables =
    [
        "CREATE TABLE IF NOT EXISTS dyn_order_keys AS SELECT CAST(k AS bigint) AS k FROM (VALUES (1), (3), (32), (35), (100), (NULL)) AS t(k)",
        "CREATE TABLE IF NOT EXISTS dyn_modes AS SELECT m FROM (VALUES ('AIR'), ('MAIL'), ('SHIP')) AS t(m)",
        "CREATE TABLE IF NOT EXISTS dyn_dates AS SELECT CAST(d AS date) AS d FROM (VALUES ('1995-03-15'), ('1996-07-04')) AS t(d)",
        "CREATE TABLE IF NOT EXISTS dyn_quantities AS SELECT CAST(q AS decimal(15,2)) AS q FROM (VALUES (1), (2), (50)) AS t(q)",
    ];

    private static string ScanLine(List<string> plan) =>
        string.Join('\n', plan).Split(["\n", "\\n"], StringSplitOptions.None).Single(line => line.Contains("ExternalScanExec", StringComparison.Ordinal));
}
