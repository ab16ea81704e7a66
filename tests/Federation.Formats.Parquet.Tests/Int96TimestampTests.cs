using Apache.Arrow;
using DuckDB.NET.Data;
using Federation.Common;
using Federation.Engine;
using Federation.Testing;

namespace Federation.Formats.Parquet.Tests;

/// <summary>
/// INT96 timestamps (Impala's and Spark's legacy encoding) read exactly as TIMESTAMP microseconds, also outside the
/// 1677-2262 range of int64 nanoseconds, where the Arrow reader's conversion wrapped (9999-12-31 came back as
/// 1816-03-30): through read_parquet and an external table, with filters over the column, and over other writers' files.
/// </summary>
public sealed class Int96TimestampTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"fed-int96-{Guid.NewGuid():N}");

    public Int96TimestampTests()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "table"));
        // Two row groups, so that a filter meets row-group statistics twice; the edges of the nanosecond range in the second.
        Int96Files.Write(Path.Combine(_folder, "table", "part-0.parquet"),
        [
            (1, Int96Files.Of(9999, 12, 31, 23, 59, 59, 999_999)),
            (2, Int96Files.Of(1, 1, 1)),
            (3, Int96Files.Of(1970, 1, 1)),
            (4, null),
        ],
        [
            (5, Int96Files.Of(2262, 4, 11, 23, 47, 16, 854_775)),
            (6, Int96Files.Of(2262, 4, 11, 23, 47, 16, 854_776)),
            (7, Int96Files.Of(2262, 4, 12)),
            (8, Int96Files.Of(1677, 9, 21, 0, 12, 43, 145_224)),
            (9, Int96Files.Of(1677, 9, 21, 0, 12, 43, 145_225)),
        ]);
    }

    private string File => Path.Combine(_folder, "table", "part-0.parquet");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static Session NewSession()
    {
        var engine = new FederationEngine();
        engine.RegisterTableFunction(new ReadParquetFunction());
        engine.RegisterFileFormat(new ParquetFileFormat());
        return engine.CreateSession();
    }

    private static readonly string[] AllRows =
    [
        "1|9999-12-31 23:59:59.999999",
        "2|0001-01-01 00:00:00",
        "3|1970-01-01 00:00:00",
        "4|NULL",
        "5|2262-04-11 23:47:16.854775",
        "6|2262-04-11 23:47:16.854776",
        "7|2262-04-12 00:00:00",
        "8|1677-09-21 00:12:43.145224",
        "9|1677-09-21 00:12:43.145225",
    ];

    /// <summary>The table as read_parquet and as an external table over the folder.</summary>
    private async Task<(Session Session, string Table)[]> TablesAsync()
    {
        var external = NewSession();
        await external.ExecuteAsync("CREATE EXTERNAL SCHEMA spectrum FROM DATA CATALOG DATABASE 'spectrumdb' CREATE EXTERNAL DATABASE IF NOT EXISTS");
        await external.ExecuteAsync(
            $"CREATE EXTERNAL TABLE spectrum.events (id int, ts timestamp) STORED AS PARQUET LOCATION 'file://{Path.Combine(_folder, "table")}/'");
        return [(NewSession(), $"read_parquet('{File}')"), (external, "spectrum.events")];
    }

    [Fact]
    public async Task Every_value_comes_back_exactly_through_read_parquet_and_an_external_table()
    {
        foreach (var (session, table) in await TablesAsync())
        {
            Assert.Equal(AllRows, await ResultRows.OfAsync(session, $"SELECT id, ts FROM {table} ORDER BY id"));
            Assert.Equal(["8|0001-01-01 00:00:00|9999-12-31 23:59:59.999999"], await ResultRows.OfAsync(session, $"SELECT count(ts), min(ts), max(ts) FROM {table}"));
        }
    }

    [Theory]
    [InlineData("ts > '2262-04-11 23:47:16.854775'", "1,6,7")]
    [InlineData("ts >= '9999-12-31'", "1")]
    [InlineData("ts = '9999-12-31 23:59:59.999999'", "1")]
    [InlineData("ts < '1000-01-01'", "2")]
    [InlineData("ts BETWEEN '1677-09-21 00:12:43.145225' AND '1970-01-01'", "3,9")]
    [InlineData("ts < '1677-09-21 00:12:43.145225'", "2,8")]
    [InlineData("ts IS NULL", "4")]
    [InlineData("ts IS NOT NULL AND id > 4", "5,6,7,8,9")]
    [InlineData("date_trunc('year', ts) = '2262-01-01'", "5,6,7")]
    public async Task A_filter_on_the_column_keeps_the_rows_it_holds_for(string predicate, string ids)
    {
        foreach (var (session, table) in await TablesAsync())
        {
            var rows = await ResultRows.OfAsync(session, $"SELECT id FROM {table} WHERE {predicate} ORDER BY id");
            Assert.Equal(ids, string.Join(',', rows));
        }
    }

    [Fact]
    public async Task Row_group_statistics_never_skip_a_row_group_that_holds_matches()
    {
        // INT96 has no defined sort order, so its min/max are never used; each filter must still find its row group.
        foreach (var (session, table) in await TablesAsync())
        {
            Assert.Equal(["1|9999-12-31 23:59:59.999999"], await ResultRows.OfAsync(session, $"SELECT id, ts FROM {table} WHERE ts > '3000-01-01'"));
            Assert.Equal(["7|2262-04-12 00:00:00"], await ResultRows.OfAsync(session, $"SELECT id, ts FROM {table} WHERE ts > '2262-04-11 23:59:59' AND ts < '2263-01-01'"));
            Assert.Equal(["2,8,9"], [string.Join(',', await ResultRows.OfAsync(session, $"SELECT id FROM {table} WHERE ts < '1900-01-01' ORDER BY id"))]);
        }
    }

    [Fact]
    public async Task A_value_past_the_timestamp_range_fails_naming_the_file_the_column_and_the_value()
    {
        var path = Path.Combine(_folder, "far.parquet");
        Int96Files.Write(path, [(1, Int96Files.Of(2024, 1, 1)), (2, Int96Files.Raw(2_147_483_647, 0))]);
        var session = NewSession();

        var error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(session, $"SELECT ts FROM read_parquet('{path}')"));
        Assert.Equal(ErrorCode.InvalidDatetime, error.Code);
        Assert.Equal(
            $"cannot read Parquet file {path}: the INT96 value of column \"ts\" (Julian day 2147483647, 0 ns into the day) is outside the TIMESTAMP range",
            error.Message);

        // The other column of the same file reads.
        Assert.Equal(["1", "2"], await ResultRows.OfAsync(session, $"SELECT id FROM read_parquet('{path}') ORDER BY id"));
    }

    [Theory]
    [InlineData("alltypes_plain.parquet")]
    [InlineData("alltypes_plain.snappy.parquet")]
    [InlineData("alltypes_dictionary.parquet")]
    [InlineData("alltypes_tiny_pages.parquet")]
    public async Task Other_writers_int96_timestamps_equal_DuckDBs(string name)
    {
        var path = Path.Combine(RepositoryPaths.SharedTestData ?? throw new InvalidOperationException("the shared test data is missing"), "parquet", name);
        var ours = new List<(int Id, long? Micros)>();
        var result = await NewSession().ExecuteAsync($"SELECT id, timestamp_col FROM read_parquet('{path}') ORDER BY id");
        foreach (var batch in await result.CollectAsync())
        {
            var ids = (Int32Array)batch.Column(0);
            var timestamps = (TimestampArray)batch.Column(1);
            for (var r = 0; r < batch.Length; r++)
            {
                ours.Add((ids.GetValue(r)!.Value, timestamps.GetValue(r)));
            }
        }

        var theirs = new List<(int Id, long? Micros)>();
        using (var connection = new DuckDBConnection("Data Source=:memory:"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT id, epoch_us(timestamp_col) FROM read_parquet('{path}') ORDER BY id";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                theirs.Add((reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetInt64(1)));
            }
        }

        Assert.NotEmpty(theirs);
        Assert.Equal(theirs, ours);
    }

    [Fact]
    public async Task Alltypes_plain_timestamps_are_the_documented_ones()
    {
        var path = Path.Combine(RepositoryPaths.SharedTestData!, "parquet", "alltypes_plain.parquet");
        Assert.Equal(
        [
            "0|2009-01-01 00:00:00", "1|2009-01-01 00:01:00", "2|2009-02-01 00:00:00", "3|2009-02-01 00:01:00",
            "4|2009-03-01 00:00:00", "5|2009-03-01 00:01:00", "6|2009-04-01 00:00:00", "7|2009-04-01 00:01:00",
        ], await ResultRows.OfAsync(NewSession(), $"SELECT id, timestamp_col FROM read_parquet('{path}') ORDER BY id"));
    }
}
