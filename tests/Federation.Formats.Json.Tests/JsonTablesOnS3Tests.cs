using System.Text;
using Federation.Catalog.External;
using Federation.Catalog.Hive;
using Federation.Common;
using Federation.Engine;
using Federation.Testing;

namespace Federation.Formats.Json.Tests;

/// <summary>
/// JSON-lines external tables over a real s3rver, declared with Spectrum's DDL: values converted to every declared
/// type with PostgreSQL's rules, the JsonSerDe properties (case.insensitive, mapping.*, dots.in.keys,
/// ignore.malformed.json), nested values kept as their JSON text, the same rows under each compression codec, and bad
/// lines, values and bytes failing with the object, line, column and value.
/// </summary>
public sealed class JsonTablesOnS3Tests(S3BucketFixture data) : IClassFixture<S3BucketFixture>
{
    private const string Bucket = S3BucketFixture.Bucket;

    private const string OpenX = "org.openx.data.jsonserde.JsonSerDe";

    private const string Lines =
        "{\"id\":1,\"flag\":true,\"small\":32767,\"big\":9000000000,\"amount\":12.345,\"day\":\"2024-02-29\",\"at\":\"2024-02-29 12:34:56.123456\",\"ratio\":1.5,\"note\":\"plain text\"}\n" +
        "{\"ID\":2,\"Flag\":false,\"small\":-5,\"big\":null,\"amount\":\"-0.005\",\"day\":\"1999-12-31\",\"at\":\"1999-12-31 23:59:59\",\"ratio\":\"NaN\",\"note\":\"say \\\"hi\\\" \\u00e9\"}\n" +
        "\n" +
        "  {\"note\":12.50, \"ratio\":-1e3, \"id\":3,\"flag\":\"t\",\"small\":0,\"amount\":100,\"day\":\"2000-01-01\",\"at\":\"2000-01-01 00:00:00.5\", \"extra\":{\"x\":[1,2]}}\r\n";

    private static readonly string[] Rows =
    [
        "1|true|32767|9000000000|12.35|2024-02-29|2024-02-29 12:34:56.123456|1.5|plain text",
        "2|false|-5|NULL|-0.01|1999-12-31|1999-12-31 23:59:59|NaN|say \"hi\" é",
        "3|true|0|NULL|100.00|2000-01-01|2000-01-01 00:00:00.5|-1000|12.50",
    ];

    private const string Columns =
        "(id int, flag boolean, small smallint, big bigint, amount decimal(12,2), day date, at timestamp, ratio double precision, note varchar(20))";

    private async Task<Session> SessionAsync()
    {
        var engine = new FederationEngine(external: ExternalCatalog.InMemory());
        engine.Stores.Register("s3", Bucket, data.Store);
        engine.RegisterFileFormat(new JsonFileFormat());
        var session = engine.CreateSession();
        await session.ExecuteAsync("CREATE EXTERNAL SCHEMA spectrum FROM DATA CATALOG DATABASE 'jsondb' CREATE EXTERNAL DATABASE IF NOT EXISTS");
        return session;
    }

    /// <summary>Rows compared as one text, so that a difference shows whole.</summary>
    private static void AssertRows(IEnumerable<string> expected, IEnumerable<string> actual) =>
        Assert.Equal(string.Join("\n", expected), string.Join("\n", actual));

    private Task PutAsync(string key, string text) => data.Store.WriteAsync(key, Encoding.UTF8.GetBytes(text), default).AsTask();

    [Fact]
    public async Task Json_lines_read_every_declared_type_with_postgres_rules()
    {
        await PutAsync("types/part-0.json", Lines);
        var session = await SessionAsync();
        await session.ExecuteAsync($"CREATE EXTERNAL TABLE spectrum.types {Columns} STORED AS JSON LOCATION 's3://{Bucket}/types/'");
        // Keys in any case and order, a missing key and null read NULL, a number into text keeps its text, blank lines are no rows.
        AssertRows(Rows, await ResultRows.OfAsync(session, "SELECT * FROM spectrum.types ORDER BY id"));
        Assert.Equal(["3|112.34"], await ResultRows.OfAsync(session, "SELECT count(*), sum(amount) FROM spectrum.types"));
        Assert.Equal(["plain text"], await ResultRows.OfAsync(session, "SELECT note FROM spectrum.types WHERE big > 1"));
    }

    [Theory]
    [InlineData("org.openx.data.jsonserde.JsonSerDe")]
    [InlineData("org.apache.hive.hcatalog.data.JsonSerDe")]
    public async Task Either_json_serde_over_text_files_reads_the_same_rows(string serde)
    {
        await PutAsync("serde/part-0.json", Lines);
        var session = await SessionAsync();
        await session.ExecuteAsync(
            $"CREATE EXTERNAL TABLE spectrum.serde {Columns} ROW FORMAT SERDE '{serde}' STORED AS TEXTFILE LOCATION 's3://{Bucket}/serde/'");
        AssertRows(Rows, await ResultRows.OfAsync(session, "SELECT * FROM spectrum.serde ORDER BY id"));
    }

    [Fact]
    public void Hive_and_glue_storage_descriptors_with_a_json_serde_resolve_to_json()
    {
        Assert.Equal("json", HiveStorageFormats.Resolve(OpenX, "org.apache.hadoop.mapred.TextInputFormat"));
        Assert.Equal("json", HiveStorageFormats.Resolve("org.apache.hive.hcatalog.data.JsonSerDe", "org.apache.hadoop.mapred.TextInputFormat"));
        Assert.Equal("json", HiveStorageFormats.Resolve("org.apache.hadoop.hive.serde2.JsonSerDe", null));
    }

    [Fact]
    public async Task Nested_objects_and_arrays_in_text_columns_keep_their_exact_json_text()
    {
        await PutAsync("nested/a.json",
            "{\"id\":1,\"payload\":{\"a\":[1, 2.50],\"b\":\"x\\ny\"},\"tags\":[\"a\",{\"b\":null}]}\n" +
            "{\"id\":2,\"payload\":[],\"tags\":\"plain\"}\n" +
            "{\"id\":3,\"payload\":{}}\n");
        var session = await SessionAsync();
        await session.ExecuteAsync($"CREATE EXTERNAL TABLE spectrum.nested (id int, payload text, tags varchar(40)) STORED AS JSON LOCATION 's3://{Bucket}/nested/'");
        AssertRows(
            ["1|{\"a\":[1, 2.50],\"b\":\"x\\ny\"}|[\"a\",{\"b\":null}]", "2|[]|plain", "3|{}|NULL"],
            await ResultRows.OfAsync(session, "SELECT id, payload, tags FROM spectrum.nested ORDER BY id"));
        // The kept text is the value's bytes as written: 26 characters, the escape \n as two.
        Assert.Equal(["26"], await ResultRows.OfAsync(session, "SELECT sum(length(payload)) FROM spectrum.nested WHERE id = 1"));
    }

    [Fact]
    public async Task Case_insensitive_false_matches_keys_exactly()
    {
        await PutAsync("case/a.json", "{\"id\":1,\"Name\":\"upper\"}\n{\"id\":2,\"name\":\"lower\"}\n");
        var session = await SessionAsync();
        await session.ExecuteAsync(
            $"CREATE EXTERNAL TABLE spectrum.exact (id int, name text) ROW FORMAT SERDE '{OpenX}' WITH SERDEPROPERTIES ('case.insensitive' = 'false') " +
            $"STORED AS TEXTFILE LOCATION 's3://{Bucket}/case/'");
        await session.ExecuteAsync($"CREATE EXTERNAL TABLE spectrum.anycase (id int, name text) STORED AS JSON LOCATION 's3://{Bucket}/case/'");
        Assert.Equal(["1|NULL", "2|lower"], await ResultRows.OfAsync(session, "SELECT id, name FROM spectrum.exact ORDER BY id"));
        Assert.Equal(["1|upper", "2|lower"], await ResultRows.OfAsync(session, "SELECT id, name FROM spectrum.anycase ORDER BY id"));
    }

    [Fact]
    public async Task Mapping_properties_and_dots_in_keys_choose_the_key_a_column_reads()
    {
        await PutAsync("mapping/a.json",
            "{\"id\":1,\"timestamp\":\"2024-01-02 03:04:05\",\"user.name\":\"ann\",\"ts\":\"not this one\"}\n" +
            "{\"id\":2,\"TimeStamp\":\"2024-01-03 00:00:00\",\"user.name\":\"bob\"}\n");
        var session = await SessionAsync();
        await session.ExecuteAsync(
            $"CREATE EXTERNAL TABLE spectrum.mapped (id int, ts timestamp, user_name text) ROW FORMAT SERDE '{OpenX}' " +
            $"WITH SERDEPROPERTIES ('mapping.ts' = 'timestamp', 'dots.in.keys' = 'true') STORED AS TEXTFILE LOCATION 's3://{Bucket}/mapping/'");
        Assert.Equal(["1|2024-01-02 03:04:05|ann", "2|2024-01-03 00:00:00|bob"],
            await ResultRows.OfAsync(session, "SELECT id, ts, user_name FROM spectrum.mapped ORDER BY id"));
        // Without dots.in.keys the key "user.name" is not column user_name.
        await session.ExecuteAsync(
            $"CREATE EXTERNAL TABLE spectrum.undotted (id int, user_name text) STORED AS JSON LOCATION 's3://{Bucket}/mapping/'");
        Assert.Equal(["1|NULL", "2|NULL"], await ResultRows.OfAsync(session, "SELECT id, user_name FROM spectrum.undotted ORDER BY id"));
    }

    [Fact]
    public async Task A_key_given_twice_reads_its_last_value()
    {
        await PutAsync("twice/a.json", "{\"id\":1,\"v\":\"first\",\"V\":\"second\"}\n");
        var session = await SessionAsync();
        await session.ExecuteAsync($"CREATE EXTERNAL TABLE spectrum.twice (id int, v text) STORED AS JSON LOCATION 's3://{Bucket}/twice/'");
        Assert.Equal(["1|second"], await ResultRows.OfAsync(session, "SELECT id, v FROM spectrum.twice"));
    }

    private const string Malformed = "{\"id\":1,\"v\":\"ok\"}\n{\"id\":2,\"v\":\"cut\n[1,2]\n{\"id\":4,\"v\":\"fine\"}\n";

    [Fact]
    public async Task Ignore_malformed_json_reads_a_malformed_line_as_a_row_of_nulls()
    {
        await PutAsync("malformed-ignored/a.json", Malformed);
        var session = await SessionAsync();
        await session.ExecuteAsync(
            $"CREATE EXTERNAL TABLE spectrum.tolerant (id int, v text) ROW FORMAT SERDE '{OpenX}' WITH SERDEPROPERTIES ('ignore.malformed.json' = 'true') " +
            $"STORED AS TEXTFILE LOCATION 's3://{Bucket}/malformed-ignored/'");
        Assert.Equal(["1|ok", "4|fine", "NULL|NULL", "NULL|NULL"], await ResultRows.OfAsync(session, "SELECT id, v FROM spectrum.tolerant ORDER BY id NULLS LAST"));
        Assert.Equal(["4"], await ResultRows.OfAsync(session, "SELECT count(*) FROM spectrum.tolerant"));
    }

    [Fact]
    public async Task A_malformed_line_fails_naming_the_object_and_the_line()
    {
        await PutAsync("malformed/a.json", Malformed);
        var session = await SessionAsync();
        await session.ExecuteAsync($"CREATE EXTERNAL TABLE spectrum.strict (id int, v text) STORED AS JSON LOCATION 's3://{Bucket}/malformed/'");
        var error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(session, "SELECT id FROM spectrum.strict"));
        Assert.Equal(ErrorCode.CorruptObject, error.Code);
        Assert.Contains("s3://data/malformed/a.json", error.Message);
        Assert.Contains("line 2 of spectrum.strict", error.Message);
        // count(*) reads no column, and still checks every line.
        error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(session, "SELECT count(*) FROM spectrum.strict"));
        Assert.Contains("line 2", error.Message);
        Assert.Equal(["1"], await ResultRows.OfAsync(session, "SELECT 1"));
    }

    [Fact]
    public async Task A_line_holding_an_array_in_a_table_of_two_columns_is_malformed()
    {
        await PutAsync("array/a.json", "{\"id\":1}\n[1,2]\n");
        var session = await SessionAsync();
        await session.ExecuteAsync($"CREATE EXTERNAL TABLE spectrum.arrays (id int, v text) STORED AS JSON LOCATION 's3://{Bucket}/array/'");
        var error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(session, "SELECT id FROM spectrum.arrays"));
        Assert.Contains("line 2", error.Message);
        Assert.Contains("it holds a JSON array, not an object", error.Message);
    }

    [Fact]
    public async Task A_value_that_does_not_convert_fails_naming_the_object_line_column_and_value()
    {
        await PutAsync("badvalue/a.json", "{\"id\":1}\n{\"id\":2}\n{\"id\":99999999999}\n");
        await PutAsync("baddate/a.json", "{\"day\":\"2024-01-01\"}\n{\"day\":\"yesterday\"}\n");
        await PutAsync("nestedint/a.json", "{\"id\":{\"n\":1}}\n");
        var session = await SessionAsync();
        await session.ExecuteAsync($"CREATE EXTERNAL TABLE spectrum.overflow (id int) STORED AS JSON LOCATION 's3://{Bucket}/badvalue/'");
        var error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(session, "SELECT sum(id) FROM spectrum.overflow"));
        Assert.Contains("s3://data/badvalue/a.json", error.Message);
        Assert.Contains("line 3, column \"id\"", error.Message);
        Assert.Contains("'99999999999'", error.Message);

        await session.ExecuteAsync($"CREATE EXTERNAL TABLE spectrum.baddate (day date) STORED AS JSON LOCATION 's3://{Bucket}/baddate/'");
        error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(session, "SELECT day FROM spectrum.baddate"));
        Assert.Contains("line 2, column \"day\"", error.Message);
        Assert.Contains("'yesterday'", error.Message);

        await session.ExecuteAsync($"CREATE EXTERNAL TABLE spectrum.nestedint (id int, other text) STORED AS JSON LOCATION 's3://{Bucket}/nestedint/'");
        error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(session, "SELECT id FROM spectrum.nestedint"));
        Assert.Contains("line 1, column \"id\"", error.Message);
        Assert.Contains("'{\"n\":1}'", error.Message);
        Assert.Equal(["1"], await ResultRows.OfAsync(session, "SELECT 1"));
    }

    [Fact]
    public async Task Invalid_utf8_fails_naming_the_object_and_byte_offset()
    {
        byte[] bytes = [.. "{\"v\":\"ok\"}\n{\"v\":\"b"u8, 0xC3, 0x28, .. "\"}\n"u8];
        await data.Store.WriteAsync("utf8/a.json", bytes, default);
        var session = await SessionAsync();
        await session.ExecuteAsync($"CREATE EXTERNAL TABLE spectrum.badutf8 (v text) STORED AS JSON LOCATION 's3://{Bucket}/utf8/'");
        var error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(session, "SELECT * FROM spectrum.badutf8"));
        Assert.Equal(ErrorCode.CorruptObject, error.Code);
        Assert.Contains("s3://data/utf8/a.json", error.Message);
        Assert.Contains("invalid UTF-8 at byte 18 (line 2)", error.Message);
    }

    public static TheoryData<string> Codecs => ["gz", "deflate", "bz2", "zst", "snappy", "lz4"];

    [Theory]
    [MemberData(nameof(Codecs))]
    public async Task A_compressed_json_file_reads_as_the_plain_one(string extension)
    {
        await data.Store.WriteAsync($"packed/{extension}/part-0.json.{extension}", CompressedText.Compress(Encoding.UTF8.GetBytes(Lines), extension), default);
        var session = await SessionAsync();
        await session.ExecuteAsync($"CREATE EXTERNAL TABLE spectrum.packed {Columns} STORED AS JSON LOCATION 's3://{Bucket}/packed/{extension}/'");
        AssertRows(Rows, await ResultRows.OfAsync(session, "SELECT * FROM spectrum.packed ORDER BY id"));
    }

    [Fact]
    public async Task A_snappy_file_in_the_snappy_framing_format_reads_as_the_plain_one()
    {
        // Not Hadoop's block framing (the codecs theory above) but Snappy's own stream format, as python-snappy writes it.
        var output = new MemoryStream();
        using (var snappy = new Snappier.SnappyStream(output, System.IO.Compression.CompressionMode.Compress, leaveOpen: true))
        {
            snappy.Write(Encoding.UTF8.GetBytes(Lines));
        }

        await data.Store.WriteAsync("framed/part-0.json.snappy", output.ToArray(), default);
        var session = await SessionAsync();
        await session.ExecuteAsync($"CREATE EXTERNAL TABLE spectrum.framed {Columns} STORED AS JSON LOCATION 's3://{Bucket}/framed/'");
        AssertRows(Rows, await ResultRows.OfAsync(session, "SELECT * FROM spectrum.framed ORDER BY id"));
    }

    [Fact]
    public async Task A_truncated_gzip_file_fails_naming_the_object()
    {
        var packed = CompressedText.Compress(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(Lines, 50))), "gz");
        await data.Store.WriteAsync("truncated/a.json.gz", packed[..(packed.Length / 2)], default);
        var session = await SessionAsync();
        await session.ExecuteAsync($"CREATE EXTERNAL TABLE spectrum.truncated {Columns} STORED AS JSON LOCATION 's3://{Bucket}/truncated/'");
        var error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(session, "SELECT count(*) FROM spectrum.truncated"));
        Assert.Equal(ErrorCode.CorruptObject, error.Code);
        Assert.Contains("s3://data/truncated/a.json.gz", error.Message);
    }

    [Fact]
    public async Task Partitions_a_filter_excludes_are_never_read()
    {
        await PutAsync("parts/day=1/a.json", "{\"id\":1,\"v\":\"x\"}\n{\"id\":2,\"v\":\"y\"}\n");
        await PutAsync("parts/day=2/a.json", "{\"id\":\"not an int\"}\n");
        var session = await SessionAsync();
        await session.ExecuteAsync($"CREATE EXTERNAL TABLE spectrum.parts (id int, v text) PARTITIONED BY (day int) STORED AS JSON LOCATION 's3://{Bucket}/parts/'");
        await session.ExecuteAsync("MSCK REPAIR TABLE spectrum.parts");
        Assert.Equal(["1|x|1", "2|y|1"], await ResultRows.OfAsync(session, "SELECT id, v, day FROM spectrum.parts WHERE day = 1 ORDER BY id"));
        var error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(session, "SELECT id FROM spectrum.parts"));
        Assert.Contains("s3://data/parts/day=2/a.json", error.Message);
        Assert.Contains("'not an int'", error.Message);
    }
}
