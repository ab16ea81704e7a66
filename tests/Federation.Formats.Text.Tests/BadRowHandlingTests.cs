using System.Text;
using Federation.Catalog.External;
using Federation.Common;
using Federation.Engine;
using Federation.Testing;

namespace Federation.Formats.Text.Tests;

/// <summary>
/// Redshift Spectrum's handling of bad data over text tables in a real s3rver: each table property
/// (column_count_mismatch_handling, invalid_char_handling with replacement_char, surplus_char_handling,
/// numeric_overflow_handling, data_cleansing_enabled) with each of its actions, spectrum_query_maxerror skipping bad
/// rows up to its limit, and every handled value or skipped row in SVL_SPECTRUM_SCAN_ERROR.
/// </summary>
public sealed class BadRowHandlingTests(S3BucketFixture data) : IClassFixture<S3BucketFixture>
{
    private const string Bucket = S3BucketFixture.Bucket;

    private const string ErrorColumns = "rowid, colname, original_value, coalesce(modified_value, 'NULL'), trigger, action, coalesce(action_value, 'NULL'), error_code";

    private async Task<Session> SessionAsync()
    {
        var engine = new FederationEngine(external: ExternalCatalog.InMemory());
        engine.Stores.Register("s3", Bucket, data.Store);
        engine.RegisterFileFormat(new TextFileFormat("text"));
        var session = engine.CreateSession();
        await session.ExecuteAsync("CREATE EXTERNAL SCHEMA spectrum FROM DATA CATALOG DATABASE 'baddb' CREATE EXTERNAL DATABASE IF NOT EXISTS");
        return session;
    }

    /// <summary>Assert.Contains, with the whole message shown when it fails.</summary>
    private static void AssertContains(string expected, string actual) =>
        Assert.True(actual.Contains(expected, StringComparison.Ordinal), $"not found: {expected}\nin: {actual}");

    private Task PutAsync(string key, byte[] bytes) => data.Store.WriteAsync(key, bytes, default).AsTask();

    private static Task SetAsync(Session session, string table, string property, string value) =>
        session.ExecuteAsync($"ALTER TABLE spectrum.{table} SET TABLE PROPERTIES ('{property}' = '{value}')");

    [Fact]
    public async Task A_wrong_column_count_is_read_as_hive_does_failed_nulled_or_dropped_as_the_table_says()
    {
        // Line 2 lacks a field, line 3 has one too many; line 4's trailing delimiter is no extra field (TPC-H's .tbl).
        await PutAsync("count/part-0", "1|a|x\n2|b\n3|c|y|extra\n4|d|z|\n"u8.ToArray());
        var session = await SessionAsync();
        await session.ExecuteAsync(
            $"CREATE EXTERNAL TABLE spectrum.counted (id int, v text, w text) ROW FORMAT DELIMITED FIELDS TERMINATED BY '|' STORED AS TEXTFILE LOCATION 's3://{Bucket}/count/'");
        const string query = "SELECT id, v, w FROM spectrum.counted ORDER BY id";
        var all = new[] { "1|a|x", "2|b|NULL", "3|c|y", "4|d|z" };
        Assert.Equal(all, await ResultRows.OfAsync(session, query));
        Assert.Empty(await ResultRows.OfAsync(session, $"SELECT {ErrorColumns} FROM svl_spectrum_scan_error"));

        await SetAsync(session, "counted", "column_count_mismatch_handling", "FAIL");
        var error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(session, query));
        AssertContains("s3://data/count/part-0: line 2: the record has 2 fields, but spectrum.counted has 3 columns", error.Message);

        await SetAsync(session, "counted", "column_count_mismatch_handling", "SET_TO_NULL");
        Assert.Equal(all, await ResultRows.OfAsync(session, query));
        Assert.Equal(
            ["6|(empty)|2|b|NULL|column_count_mismatch_handling|SET_TO_NULL|NULL|1", "10|(empty)|3|c|y|extra|NULL|column_count_mismatch_handling|SET_TO_NULL|NULL|1"],
            await ResultRows.OfAsync(session, $"SELECT {ErrorColumns} FROM svl_spectrum_scan_error WHERE query = (SELECT max(query) FROM svl_spectrum_scan_error) ORDER BY rowid::int"));

        await SetAsync(session, "counted", "column_count_mismatch_handling", "DROP_ROW");
        Assert.Equal(["1|a|x", "4|d|z"], await ResultRows.OfAsync(session, query));

        // data_cleansing_enabled = false turns the handling off: Hive's reading again.
        await SetAsync(session, "counted", "data_cleansing_enabled", "false");
        Assert.Equal(all, await ResultRows.OfAsync(session, query));
    }

    [Fact]
    public async Task Numeric_overflow_handling_and_spectrum_query_maxerror_decide_what_bad_numbers_do()
    {
        await PutAsync("numbers/part-0", "1|1.50\n2|99999999\n3|abc\n4|2.25\n"u8.ToArray());
        var session = await SessionAsync();
        await session.ExecuteAsync(
            $"CREATE EXTERNAL TABLE spectrum.numbers (id int, amount decimal(5,2)) ROW FORMAT DELIMITED FIELDS TERMINATED BY '|' STORED AS TEXTFILE LOCATION 's3://{Bucket}/numbers/'");
        const string query = "SELECT id, amount FROM spectrum.numbers ORDER BY id";

        // No handling, no tolerance: the first bad value fails the query, named with its place.
        var error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(session, query));
        AssertContains("s3://data/numbers/part-0: line 2, column \"amount\" of spectrum.numbers: '99999999' is not a valid numeric(5,2)", error.Message);

        // The overflow reads NULL; 'abc' is no overflow, and still fails.
        await SetAsync(session, "numbers", "numeric_overflow_handling", "SET_TO_NULL");
        error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(session, query));
        AssertContains("line 3, column \"amount\" of spectrum.numbers: 'abc'", error.Message);

        // One bad row tolerated: 'abc''s row is skipped and recorded.
        await session.ExecuteAsync("SET spectrum_query_maxerror = 1");
        Assert.Equal(["1|1.50", "2|NULL", "4|2.25"], await ResultRows.OfAsync(session, query));
        Assert.Equal(
            ["7|amount|99999999|NULL|numeric_overflow_handling|SET_TO_NULL|NULL|4", "18|amount|abc|NULL|spectrum_query_maxerror|SKIP_ROW|1|5"],
            await ResultRows.OfAsync(session, $"SELECT {ErrorColumns} FROM svl_spectrum_scan_error WHERE query = (SELECT max(query) FROM svl_spectrum_scan_error) ORDER BY rowid::int"));

        // Without the overflow handling there are two bad rows, one more than the tolerance.
        await SetAsync(session, "numbers", "numeric_overflow_handling", "DISABLED");
        error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(session, query));
        AssertContains("'abc' is not a valid numeric(5,2)", error.Message);
        AssertContains("spectrum_query_maxerror is 1, and 1 bad rows were skipped before this one", error.Message);

        await session.ExecuteAsync("SET spectrum_query_maxerror = -1");
        Assert.Equal(["1|1.50", "4|2.25"], await ResultRows.OfAsync(session, query));
        await SetAsync(session, "numbers", "numeric_overflow_handling", "DROP_ROW");
        await session.ExecuteAsync("RESET spectrum_query_maxerror");
        Assert.Equal(["0"], await ResultRows.OfAsync(session, "SHOW spectrum_query_maxerror"));
        error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(session, query));
        AssertContains("'abc'", error.Message);
    }

    [Fact]
    public async Task Invalid_utf8_and_surplus_characters_are_replaced_truncated_nulled_or_dropped()
    {
        var bytes = new List<byte>();
        bytes.AddRange("1|ab"u8.ToArray());
        bytes.Add(0xFF);
        bytes.AddRange("c|7\n2|abcdefgh|8\n3|ok|9\n"u8.ToArray());
        await PutAsync("chars/part-0", bytes.ToArray());
        var session = await SessionAsync();
        await session.ExecuteAsync(
            $"CREATE EXTERNAL TABLE spectrum.chars (id int, name varchar(5), n int) ROW FORMAT DELIMITED FIELDS TERMINATED BY '|' STORED AS TEXTFILE "
            + $"LOCATION 's3://{Bucket}/chars/' TABLE PROPERTIES ('invalid_char_handling' = 'REPLACE', 'replacement_char' = '^', 'surplus_char_handling' = 'TRUNCATE')");
        const string query = "SELECT id, name, n FROM spectrum.chars ORDER BY id";
        Assert.Equal(["1|ab^c|7", "2|abcde|8", "3|ok|9"], await ResultRows.OfAsync(session, query));
        Assert.Equal(
            ["0|name|ab\uFFFDc|ab^c|invalid_char_handling|REPLACE|^|2", "9|name|abcdefgh|abcde|surplus_char_handling|TRUNCATE|NULL|3"],
            await ResultRows.OfAsync(session, $"SELECT {ErrorColumns} FROM svl_spectrum_scan_error WHERE query = (SELECT max(query) FROM svl_spectrum_scan_error) ORDER BY rowid::int"));

        // A query that does not read the column is not troubled by its bytes.
        Assert.Equal(["24"], await ResultRows.OfAsync(session, "SELECT sum(n) FROM spectrum.chars"));

        await SetAsync(session, "chars", "invalid_char_handling", "SET_TO_NULL");
        await SetAsync(session, "chars", "surplus_char_handling", "SET_TO_NULL");
        Assert.Equal(["1|NULL|7", "2|NULL|8", "3|ok|9"], await ResultRows.OfAsync(session, query));

        await SetAsync(session, "chars", "invalid_char_handling", "DROP_ROW");
        await SetAsync(session, "chars", "surplus_char_handling", "DROP_ROW");
        Assert.Equal(["3|ok|9"], await ResultRows.OfAsync(session, query));

        await SetAsync(session, "chars", "surplus_char_handling", "FAIL");
        var error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(session, "SELECT name FROM spectrum.chars WHERE id > 1"));
        AssertContains("line 2, column \"name\" of spectrum.chars: 'abcdefgh' is longer than character varying(5)", error.Message);

        // Without handling, invalid UTF-8 fails the object as before, naming the byte.
        await SetAsync(session, "chars", "invalid_char_handling", "DISABLED");
        error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(session, query));
        AssertContains("s3://data/chars/part-0: invalid UTF-8 at byte 4 (line 1)", error.Message);
    }

    [Theory]
    [InlineData("numeric_overflow_handling", "IGNORE", "it takes DISABLED, FAIL, SET_TO_NULL, DROP_ROW")]
    [InlineData("surplus_char_handling", "REPLACE", "it takes DISABLED, FAIL, SET_TO_NULL, DROP_ROW, TRUNCATE")]
    [InlineData("replacement_char", "ab", "it takes one character")]
    [InlineData("data_cleansing_enabled", "yes", "it takes true or false")]
    public async Task A_handling_property_with_a_value_it_cannot_take_is_refused_at_create(string property, string value, string expected)
    {
        var session = await SessionAsync();
        var error = await Assert.ThrowsAsync<FederationException>(() => session.ExecuteAsync(
            $"CREATE EXTERNAL TABLE spectrum.refused (id int) STORED AS TEXTFILE LOCATION 's3://{Bucket}/refused/' TABLE PROPERTIES ('{property}' = '{value}')"));
        AssertContains($"table property '{property}' of spectrum.refused is '{value}': {expected}", error.Message);
    }
}
