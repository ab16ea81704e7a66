using System.Text.Json;
using Federation.Catalog.External;
using Federation.Common;
using Federation.Engine;
using Federation.Testing;

namespace Federation.Formats.Text.Tests;

/// <summary>
/// csv-spectrum's conformance files (in the shared test data, each .csv beside the .json of the rows it holds) read
/// through an OpenCSVSerde table with RFC 4180's quoting (escapeChar = quoteChar), every column text: the rows equal
/// the expectation, CRLF files included.
/// </summary>
public sealed class CsvSpectrumTests(S3BucketFixture data) : IClassFixture<S3BucketFixture>
{
    public static TheoryData<string> Cases()
    {
        var cases = new TheoryData<string>();
        if (RepositoryPaths.SharedTestData is { } root)
        {
            foreach (var csv in Directory.GetFiles(Path.Combine(root, "csv", "spectrum"), "*.csv").Order(StringComparer.Ordinal))
            {
                // Its .json disagrees with its .csv upstream (another phone number): checked on its own below.
                if (Path.GetFileNameWithoutExtension(csv) == "location_coordinates")
                {
                    continue;
                }

                cases.Add(Path.GetFileNameWithoutExtension(csv));
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_csv_spectrum_file_reads_the_rows_its_json_expects(string name)
    {
        var folder = Path.Combine(RepositoryPaths.SharedTestData!, "csv", "spectrum");
        using var expected = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, name + ".json")));
        var objects = expected.RootElement.ValueKind == JsonValueKind.Array ? expected.RootElement.EnumerateArray().ToList() : [expected.RootElement];

        // The header names the columns (an empty file has none: one column, no rows).
        var header = objects.Count > 0 ? objects[0].EnumerateObject().Select(p => p.Name).ToList() : ["a"];
        var rows = await ReadAsync(name, header);
        Assert.Equal(objects.Select(o => string.Join("\u241F", header.Select(h => o.GetProperty(h).GetString()))), rows);
    }

    /// <summary>
    /// location_coordinates.json has the phone number 1234567890 where its .csv has 2095257564 (so in csv-spectrum
    /// itself); the rest, U+FFFD characters and the bare quotes of an unquoted field included, is as the .json says.
    /// </summary>
    [Fact]
    public async Task Location_coordinates_keeps_its_bare_quotes_and_non_ascii_characters()
    {
        if (RepositoryPaths.SharedTestData is null)
        {
            return;
        }

        var rows = await ReadAsync("location_coordinates", ["Contact Phone Number", "Location Coordinates", "Cities", "Counties"]);
        Assert.Equal(["2095257564\u241F37\uFFFD36'37.8\"N 121\uFFFD2'17.9\"W\u241FModesto\u241FStanislaus"], rows);
    }

    /// <summary>The file's rows through an OpenCSVSerde table of text columns, each row's fields joined by U+241F.</summary>
    private async Task<List<string>> ReadAsync(string name, IReadOnlyList<string> header)
    {
        var folder = Path.Combine(RepositoryPaths.SharedTestData!, "csv", "spectrum");
        var bytes = await File.ReadAllBytesAsync(Path.Combine(folder, name + ".csv"));
        await data.Store.WriteAsync($"spectrum/{name}/{name}.csv", bytes, default);
        var engine = new FederationEngine(external: ExternalCatalog.InMemory());
        engine.Stores.Register("s3", S3BucketFixture.Bucket, data.Store);
        engine.RegisterFileFormat(new TextFileFormat("csv"));
        var session = engine.CreateSession();
        await session.ExecuteAsync("CREATE EXTERNAL SCHEMA spectrum FROM DATA CATALOG DATABASE 'csvdb' CREATE EXTERNAL DATABASE IF NOT EXISTS");
        await session.ExecuteAsync(
            $"CREATE EXTERNAL TABLE spectrum.t ({string.Join(", ", header.Select(h => $"\"{h.Replace("\"", "\"\"")}\" text"))}) " +
            "ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde' WITH SERDEPROPERTIES ('escapeChar' = '\"') " +
            $"STORED AS TEXTFILE LOCATION 's3://{S3BucketFixture.Bucket}/spectrum/{name}/' TABLE PROPERTIES ('skip.header.line.count' = '1')");

        var result = await session.ExecuteAsync("SELECT * FROM spectrum.t");
        var rows = new List<string>();
        foreach (var batch in await result.CollectAsync())
        {
            for (var r = 0; r < batch.Length; r++)
            {
                var row = new string[batch.ColumnCount];
                for (var c = 0; c < row.Length; c++)
                {
                    row[c] = ((Apache.Arrow.StringArray)batch.Column(c)).GetString(r) ?? "<null>";
                }

                rows.Add(string.Join("\u241F", row));
            }
        }

        return rows;
    }
}
