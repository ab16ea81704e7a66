using Federation.Catalog.External;
using Federation.Common;
using Federation.Engine;
using Federation.Testing;

namespace Federation.Formats.Avro.Tests;

/// <summary>
/// Redshift Spectrum's bad-data handling on Avro tables in s3rver: numeric_overflow_handling for a long read into a
/// smallint column and a decimal(10,2) narrowed to decimal(5,2), invalid_char_handling for a string that is not UTF-8
/// (REPLACE with replacement_char, SET_TO_NULL), DROP_ROW and FAIL, and spectrum_query_maxerror skipping records
/// with values that cannot be read; each handled value or skipped record is a row of SVL_SPECTRUM_SCAN_ERROR whose
/// rowid is "block offset:record index".
/// </summary>
public sealed class AvroBadRowTests(S3BucketFixture data) : IClassFixture<S3BucketFixture>
{
    private const string Bucket = S3BucketFixture.Bucket;

    private const string Schema = """
        {"type": "record", "name": "R", "fields": [
          {"name": "id", "type": "long"},
          {"name": "n", "type": "long"},
          {"name": "price", "type": {"type": "bytes", "logicalType": "decimal", "precision": 10, "scale": 2}},
          {"name": "s", "type": "string"}
        ]}
        """;

    private const string ErrorColumns = "colname, original_value, coalesce(modified_value, 'NULL'), trigger, action, coalesce(action_value, 'NULL'), error_code";

    private const string Latest = "WHERE query = (SELECT max(query) FROM svl_spectrum_scan_error) ORDER BY colname";

    private const string Query = "SELECT id, n, price, s FROM spectrum.bad ORDER BY id";

    /// <summary>Ten records in blocks of four: id 3's n is 40000 (not a smallint), id 5's price 1234.56 (not a decimal(5,2)), id 7's s the bytes a, 0xFF, b.</summary>
    private static byte[] File()
    {
        var output = new MemoryStream();
        var writer = new AvroTestWriter(output, Schema, "null", 4);
        for (var id = 1; id <= 10; id++)
        {
            var e = writer.Record;
            e.WriteLong(id);
            e.WriteLong(id == 3 ? 40_000 : id * 10);
            e.WriteDecimal(id == 5 ? 123_456 : id * 100);
            if (id == 7)
            {
                e.WriteBytes([(byte)'a', 0xFF, (byte)'b']);
            }
            else
            {
                e.WriteString($"s{id}");
            }

            writer.EndRecord();
        }

        writer.Flush();
        return output.ToArray();
    }

    private static string Row(int id) => $"{Numbers(id)}|s{id}";

    private static string Numbers(int id) => $"{id}|{id * 10}|{id}.00";

    private async Task<Session> SessionAsync()
    {
        await data.Store.WriteAsync("bad/part-0.avro", File(), default);
        var engine = new FederationEngine(external: ExternalCatalog.InMemory());
        engine.Stores.Register("s3", Bucket, data.Store);
        engine.RegisterFileFormat(new AvroFileFormat());
        var session = engine.CreateSession();
        await session.ExecuteAsync("CREATE EXTERNAL SCHEMA spectrum FROM DATA CATALOG DATABASE 'avrobad' CREATE EXTERNAL DATABASE IF NOT EXISTS");
        await session.ExecuteAsync($"CREATE EXTERNAL TABLE spectrum.bad (id bigint, n smallint, price decimal(5,2), s text) STORED AS AVRO LOCATION 's3://{Bucket}/bad/'");
        return session;
    }

    private static Task SetAsync(Session session, string property, string value) =>
        session.ExecuteAsync($"ALTER TABLE spectrum.bad SET TABLE PROPERTIES ('{property}' = '{value}')");

    private static void AssertContains(string expected, string actual) =>
        Assert.True(actual.Contains(expected, StringComparison.Ordinal), $"not found: {expected}\nin: {actual}");

    [Fact]
    public async Task Numeric_overflow_fails_by_default_and_is_nulled_dropped_or_failed_as_the_table_says()
    {
        var session = await SessionAsync();
        var error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(session, "SELECT id, n FROM spectrum.bad"));
        Assert.Equal(ErrorCode.NumericOverflow, error.Code);
        AssertContains("s3://data/bad/part-0.avro: record 2 of the block at byte", error.Message);
        AssertContains("column \"n\": the value 40000", error.Message);

        // Without s, whose record 7 is not UTF-8 (a filter runs after the scan, which converts every column it reads).
        await SetAsync(session, "numeric_overflow_handling", "SET_TO_NULL");
        Assert.Equal([Numbers(1), Numbers(2), "3|NULL|3.00", Numbers(4), "5|50|NULL", Numbers(6), Numbers(7), Numbers(8), Numbers(9), Numbers(10)],
            await ResultRows.OfAsync(session, "SELECT id, n, price FROM spectrum.bad ORDER BY id"));
        Assert.Equal(["n|40000|NULL|numeric_overflow_handling|SET_TO_NULL|NULL|4", "price|123456 (unscaled)|NULL|numeric_overflow_handling|SET_TO_NULL|NULL|4"],
            await ResultRows.OfAsync(session, $"SELECT {ErrorColumns} FROM svl_spectrum_scan_error {Latest}"));
        // The rowid is the block's byte offset and the record's index in it: id 3 is record 2 of the first block, id 5 record 0 of the second.
        var rowids = await ResultRows.OfAsync(session, $"SELECT rowid FROM svl_spectrum_scan_error {Latest}");
        Assert.EndsWith(":2", rowids[0], StringComparison.Ordinal);
        Assert.EndsWith(":0", rowids[1], StringComparison.Ordinal);
        Assert.NotEqual(rowids[0].Split(':')[0], rowids[1].Split(':')[0]);

        await SetAsync(session, "numeric_overflow_handling", "DROP_ROW");
        Assert.Equal([Numbers(1), Numbers(2), Numbers(4), Numbers(6), Numbers(7), Numbers(8), Numbers(9), Numbers(10)],
            await ResultRows.OfAsync(session, "SELECT id, n, price FROM spectrum.bad ORDER BY id"));

        await SetAsync(session, "numeric_overflow_handling", "FAIL");
        await session.ExecuteAsync("SET spectrum_query_maxerror = 10");
        error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(session, "SELECT id, price FROM spectrum.bad"));
        AssertContains("column \"price\": the value 123456", error.Message);
        AssertContains("(numeric_overflow_handling is FAIL)", error.Message);
    }

    [Fact]
    public async Task A_string_that_is_not_utf8_fails_by_default_and_is_replaced_or_nulled_as_the_table_says()
    {
        var session = await SessionAsync();
        var error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(session, "SELECT s FROM spectrum.bad"));
        AssertContains("record 2 of the block at byte", error.Message);
        AssertContains("column \"s\"", error.Message);
        AssertContains("not valid UTF-8", error.Message);

        await session.ExecuteAsync("ALTER TABLE spectrum.bad SET TABLE PROPERTIES ('invalid_char_handling' = 'REPLACE', 'replacement_char' = '?')");
        Assert.Equal(["6|s6", "7|a?b", "8|s8"], await ResultRows.OfAsync(session, "SELECT id, s FROM spectrum.bad WHERE id BETWEEN 6 AND 8 ORDER BY id"));
        Assert.Equal(["s|a\uFFFDb|a?b|invalid_char_handling|REPLACE|?|2"], await ResultRows.OfAsync(session, $"SELECT {ErrorColumns} FROM svl_spectrum_scan_error {Latest}"));

        await SetAsync(session, "invalid_char_handling", "SET_TO_NULL");
        Assert.Equal(["7|NULL"], await ResultRows.OfAsync(session, "SELECT id, s FROM spectrum.bad WHERE id = 7"));
    }

    [Fact]
    public async Task Spectrum_query_maxerror_skips_records_with_values_that_cannot_be_read()
    {
        var session = await SessionAsync();
        await session.ExecuteAsync("SET spectrum_query_maxerror = 3");
        Assert.Equal([Row(1), Row(2), Row(4), Row(6), Row(8), Row(9), Row(10)], await ResultRows.OfAsync(session, Query));
        Assert.Equal(
            ["n|40000|NULL|spectrum_query_maxerror|SKIP_ROW|3|4", "price|123456 (unscaled)|NULL|spectrum_query_maxerror|SKIP_ROW|3|4", "s|a\uFFFDb|NULL|spectrum_query_maxerror|SKIP_ROW|3|2"],
            await ResultRows.OfAsync(session, $"SELECT {ErrorColumns} FROM svl_spectrum_scan_error {Latest}"));

        await session.ExecuteAsync("SET spectrum_query_maxerror = 2");
        var error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(session, Query));
        AssertContains("column \"s\"", error.Message);
        AssertContains("spectrum_query_maxerror is 2", error.Message);
        // The server stays up.
        Assert.Equal(["1"], await ResultRows.OfAsync(session, "SELECT 1"));
    }
}
