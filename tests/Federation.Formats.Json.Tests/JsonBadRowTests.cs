using System.Text;
using Federation.Catalog.External;
using Federation.Common;
using Federation.Engine;
using Federation.Testing;

namespace Federation.Formats.Json.Tests;

/// <summary>
/// Spectrum's bad-data handling over JSON lines, as over text (one converter serves both): numeric_overflow_handling
/// and surplus_char_handling on values, spectrum_query_maxerror skipping malformed lines and values that do not
/// convert, and each in SVL_SPECTRUM_SCAN_ERROR.
/// </summary>
public sealed class JsonBadRowTests(S3BucketFixture data) : IClassFixture<S3BucketFixture>
{
    private const string Bucket = S3BucketFixture.Bucket;

    private const string Lines =
        "{\"id\": 1, \"amount\": 1.5, \"name\": \"ok\"}\n" +
        "{\"id\": 2, \"amount\": 99999999, \"name\": \"much too long\"}\n" +
        "{\"id\": 3, \"amount\": \"abc\"\n" +
        "{\"id\": 4, \"amount\": \"n/a\", \"name\": \"x\"}\n" +
        "{\"id\": 5, \"amount\": 2.25, \"name\": \"y\"}\n";

    private async Task<Session> SessionAsync()
    {
        var engine = new FederationEngine(external: ExternalCatalog.InMemory());
        engine.Stores.Register("s3", Bucket, data.Store);
        engine.RegisterFileFormat(new JsonFileFormat());
        var session = engine.CreateSession();
        await session.ExecuteAsync("CREATE EXTERNAL SCHEMA spectrum FROM DATA CATALOG DATABASE 'jsonbad' CREATE EXTERNAL DATABASE IF NOT EXISTS");
        return session;
    }

    private static void AssertContains(string expected, string actual) =>
        Assert.True(actual.Contains(expected, StringComparison.Ordinal), $"not found: {expected}\nin: {actual}");

    [Fact]
    public async Task Bad_json_values_and_lines_are_handled_or_skipped_as_over_text()
    {
        await data.Store.WriteAsync("bad/part-0.json", Encoding.UTF8.GetBytes(Lines), default);
        var session = await SessionAsync();
        await session.ExecuteAsync(
            $"CREATE EXTERNAL TABLE spectrum.bad (id int, amount decimal(5,2), name varchar(5)) STORED AS JSON LOCATION 's3://{Bucket}/bad/' "
            + "TABLE PROPERTIES ('numeric_overflow_handling' = 'SET_TO_NULL', 'surplus_char_handling' = 'TRUNCATE')");
        const string query = "SELECT id, amount, name FROM spectrum.bad ORDER BY id";

        // No tolerance: line 3 is not an object it can read.
        var error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(session, query));
        AssertContains("s3://data/bad/part-0.json: line 3 of spectrum.bad is not a JSON object it can read", error.Message);

        // Two bad rows tolerated (line 3, and 'n/a' on line 4); the overflow is NULL and the long name cut, as the table says.
        await session.ExecuteAsync("SET spectrum_query_maxerror = 2");
        Assert.Equal(["1|1.50|ok", "2|NULL|much ", "5|2.25|y"], await ResultRows.OfAsync(session, query));
        var lineTwo = Encoding.UTF8.GetByteCount(Lines.Split('\n')[0]) + 1;
        Assert.Equal(
            [
                $"{lineTwo}|amount|99999999|NULL|numeric_overflow_handling|SET_TO_NULL|4",
                $"{lineTwo}|name|much too long|much |surplus_char_handling|TRUNCATE|3",
                "spectrum_query_maxerror|SKIP_ROW|6",
                "spectrum_query_maxerror|SKIP_ROW|5",
            ],
            (await ResultRows.OfAsync(session,
                "SELECT rowid, colname, original_value, coalesce(modified_value, 'NULL'), trigger, action, error_code FROM svl_spectrum_scan_error "
                + "WHERE query = (SELECT max(query) FROM svl_spectrum_scan_error) ORDER BY rowid::int, colname"))
                .Select(r => r.StartsWith($"{lineTwo}|", StringComparison.Ordinal) ? r : string.Join('|', r.Split('|')[^3..])));

        // One bad row tolerated is one too few.
        await session.ExecuteAsync("SET spectrum_query_maxerror = 1");
        error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(session, query));
        AssertContains("'n/a' is not a valid numeric(5,2)", error.Message);
        AssertContains("spectrum_query_maxerror is 1", error.Message);
    }
}
