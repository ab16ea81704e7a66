using System.Text;
using Federation.Common;
using Federation.Engine;
using Federation.Testing;

namespace Federation.Formats.Json.Tests;

/// <summary>
/// read_json over objects in s3rver: columns inferred from the first lines (bigint, double precision, date,
/// timestamp, boolean, text, nested values as their JSON text; a key first seen on a later line is a column too),
/// globs over several objects, and a location with no object failing clearly.
/// </summary>
public sealed class ReadJsonTests(S3BucketFixture data) : IClassFixture<S3BucketFixture>
{
    private Session NewSession()
    {
        var engine = new FederationEngine();
        engine.Stores.Register("s3", S3BucketFixture.Bucket, data.Store);
        engine.RegisterTableFunction(new ReadJsonFunction(engine.Stores));
        return engine.CreateSession();
    }

    private Task PutAsync(string key, string text) => data.Store.WriteAsync(key, Encoding.UTF8.GetBytes(text), default).AsTask();

    [Fact]
    public async Task Read_json_infers_the_columns_from_the_first_lines()
    {
        await PutAsync("readjson/one/a.json",
            "{\"id\":1,\"name\":\"a\",\"price\":1.5,\"day\":\"2024-01-01\",\"at\":\"2024-01-01 10:00:00\",\"ok\":true,\"tags\":[1,2],\"n\":null}\n" +
            "{\"id\":2,\"name\":\"b\",\"price\":2,\"day\":\"2024-01-02\",\"at\":\"2024-01-02T11:00:00\",\"ok\":false,\"tags\":[],\"n\":null,\"late\":\"x\"}\n");
        var session = NewSession();
        Assert.Equal(["1|a|1.5|2024-01-01|2024-01-01 10:00:00|true|[1,2]|NULL|NULL", "2|b|2|2024-01-02|2024-01-02 11:00:00|false|[]|NULL|x"],
            await ResultRows.OfAsync(session, "SELECT id, name, price, day, at, ok, tags, n, late FROM read_json('s3://data/readjson/one/a.json') ORDER BY id"));
        // The types are the inferred ones: integer, floating-point and date arithmetic.
        Assert.Equal(["3|3.5|2024-01-03|1"],
            await ResultRows.OfAsync(session, "SELECT sum(id), sum(price), max(day) + 1, sum(CASE WHEN ok THEN 1 ELSE 0 END) FROM read_json('s3://data/readjson/one/a.json')"));
    }

    [Fact]
    public async Task Read_json_reads_every_object_a_glob_matches()
    {
        await PutAsync("readjson/many/a.json", "{\"k\":1}\n{\"k\":2}\n");
        await PutAsync("readjson/many/b.json", "{\"k\":3}\n");
        await PutAsync("readjson/many/c.txt", "not json\n");
        Assert.Equal(["3|6"], await ResultRows.OfAsync(NewSession(), "SELECT count(*), sum(k) FROM read_json('s3://data/readjson/many/*.json')"));
    }

    [Fact]
    public async Task Read_json_of_nothing_fails_naming_the_location()
    {
        var error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(NewSession(), "SELECT * FROM read_json('s3://data/readjson/none/')"));
        Assert.Contains("no JSON files found", error.Message);
        Assert.Contains("readjson/none/", error.Message);
    }
}
