using System.Text;
using Federation.Catalog.External;
using Federation.Common;
using Federation.Engine;
using Federation.Testing;

namespace Federation.Formats.Text.Tests;

/// <summary>
/// Delimited text and CSV external tables over a real s3rver, declared with Spectrum's DDL: TPC-H-style .tbl rows
/// (trailing delimiter, \N for NULL) converted to every declared type, the same rows under each compression codec, CSV
/// with a header, quotes, embedded delimiters and line breaks, partition pruning, and bad input failing with the
/// object, line, column and value.
/// </summary>
public sealed class TextTablesOnS3Tests(S3BucketFixture data) : IClassFixture<S3BucketFixture>
{
    private const string Bucket = S3BucketFixture.Bucket;

    private const string Tbl =
        "1|true|32767|9000000000|12.345|2024-02-29|2024-02-29 12:34:56.123456|1.5|plain text|\n" +
        "2|f|-5|\\N|-0.005|1999-12-31|1999-12-31 23:59:59|NaN|\\N|\n" +
        "3|1|0|0|100|2000-01-01|2000-01-01 00:00:00.5|-Infinity||\n";

    private static readonly string[] TblRows =
    [
        "1|true|32767|9000000000|12.35|2024-02-29|2024-02-29 12:34:56.123456|1.5|plain text",
        "2|false|-5|NULL|-0.01|1999-12-31|1999-12-31 23:59:59|NaN|NULL",
        "3|true|0|0|100.00|2000-01-01|2000-01-01 00:00:00.5|-Infinity|(empty)",
    ];

    private const string Columns =
        "(id int, flag boolean, small smallint, big bigint, amount decimal(12,2), day date, at timestamp, ratio double precision, note varchar(20))";

    private async Task<Session> SessionAsync()
    {
        var engine = new FederationEngine(external: ExternalCatalog.InMemory());
        engine.Stores.Register("s3", Bucket, data.Store);
        engine.RegisterFileFormat(new TextFileFormat("text"));
        engine.RegisterFileFormat(new TextFileFormat("csv"));
        var session = engine.CreateSession();
        await session.ExecuteAsync("CREATE EXTERNAL SCHEMA spectrum FROM DATA CATALOG DATABASE 'textdb' CREATE EXTERNAL DATABASE IF NOT EXISTS");
        return session;
    }

    /// <summary>Rows compared as one text, so that a difference shows whole.</summary>
    private static void AssertRows(IEnumerable<string> expected, IEnumerable<string> actual) =>
        Assert.Equal(string.Join("\n", expected), string.Join("\n", actual));

    private Task PutAsync(string key, byte[] bytes) => data.Store.WriteAsync(key, bytes, default).AsTask();

    [Fact]
    public async Task A_pipe_delimited_tbl_file_reads_every_declared_type_with_postgres_rules()
    {
        await PutAsync("tbl/plain/part-0.tbl", Encoding.UTF8.GetBytes(Tbl));
        var session = await SessionAsync();
        await session.ExecuteAsync(
            $"CREATE EXTERNAL TABLE spectrum.plain {Columns} ROW FORMAT DELIMITED FIELDS TERMINATED BY '|' STORED AS TEXTFILE LOCATION 's3://{Bucket}/tbl/plain/'");
        AssertRows(TblRows, await ResultRows.OfAsync(session, "SELECT * FROM spectrum.plain ORDER BY id"));
        // Projection of one column, and an aggregate over a converted one.
        Assert.Equal(["3|112.34"], await ResultRows.OfAsync(session, "SELECT count(*), sum(amount) FROM spectrum.plain"));
        Assert.Equal(["plain text"], await ResultRows.OfAsync(session, "SELECT note FROM spectrum.plain WHERE big > 1"));
    }

    public static TheoryData<string> Codecs => ["gz", "deflate", "bz2", "zst", "snappy", "lz4"];

    [Theory]
    [MemberData(nameof(Codecs))]
    public async Task A_compressed_tbl_file_reads_as_the_plain_one(string extension)
    {
        var raw = Encoding.UTF8.GetBytes(Tbl);
        await PutAsync($"tbl/{extension}/part-0.tbl.{extension}", CompressedText.Compress(raw, extension));
        var session = await SessionAsync();
        await session.ExecuteAsync(
            $"CREATE EXTERNAL TABLE spectrum.packed {Columns} ROW FORMAT DELIMITED FIELDS TERMINATED BY '|' STORED AS TEXTFILE LOCATION 's3://{Bucket}/tbl/{extension}/'");
        AssertRows(TblRows, await ResultRows.OfAsync(session, "SELECT * FROM spectrum.packed ORDER BY id"));
    }

    [Fact]
    public async Task Ctrl_a_defaults_escapes_crlf_and_a_header_line_follow_lazy_simple_serde()
    {
        await PutAsync("ctrla/part-0", Encoding.UTF8.GetBytes("id\u0001note\r\n1\u0001a\\\u0001b\r\n2\u0001\\N\r\n3\u0001NA"));
        var session = await SessionAsync();
        await session.ExecuteAsync(
            $"CREATE EXTERNAL TABLE spectrum.ctrla (id int, note text) ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe' " +
            $"WITH SERDEPROPERTIES ('escape.delim' = '\\\\') STORED AS TEXTFILE LOCATION 's3://{Bucket}/ctrla/' TABLE PROPERTIES ('skip.header.line.count' = '1')");
        Assert.Equal(["1|a\u0001b", "2|NULL", "3|NA"], await ResultRows.OfAsync(session, "SELECT id, note FROM spectrum.ctrla ORDER BY id"));
    }

    [Fact]
    public async Task Row_format_delimited_escaped_by_and_null_defined_as_reach_the_reader()
    {
        await PutAsync("escaped/part-0", "1|a/|b|x\n2|NA|y\n3||z\n"u8.ToArray());
        var session = await SessionAsync();
        await session.ExecuteAsync(
            $"CREATE EXTERNAL TABLE spectrum.escaped (id int, note text, tag text) ROW FORMAT DELIMITED FIELDS TERMINATED BY '|' ESCAPED BY '/' " +
            $"NULL DEFINED AS 'NA' STORED AS TEXTFILE LOCATION 's3://{Bucket}/escaped/'");
        // '/|' is a delimiter kept as text; 'NA' is NULL and the empty field is an empty string, as in Hive.
        Assert.Equal(["1|a|b|x", "2|NULL|y", "3|(empty)|z"], await ResultRows.OfAsync(session, "SELECT id, note, tag FROM spectrum.escaped ORDER BY id"));
        Assert.Equal(["1"], await ResultRows.OfAsync(session, "SELECT count(*) FROM spectrum.escaped WHERE note = ''"));
    }

    [Fact]
    public async Task A_csv_with_a_header_reads_quoted_delimiters_quotes_and_line_breaks()
    {
        await PutAsync("csv/part-0.csv", Encoding.UTF8.GetBytes("id,name,amount\n1,\"Smith, J\",1.25\n2,\"say \"\"hi\"\"\nthere\",\n3,plain,-7\n"));
        var session = await SessionAsync();
        await session.ExecuteAsync(
            $"CREATE EXTERNAL TABLE spectrum.people (id bigint, name varchar(30), amount decimal(5,1)) ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde' " +
            $"STORED AS TEXTFILE LOCATION 's3://{Bucket}/csv/' TABLE PROPERTIES ('skip.header.line.count' = '1')");
        Assert.Equal(["1|Smith, J|1.3", "2|say \"hi\"\\nthere|NULL", "3|plain|-7.0"],
            await ResultRows.OfAsync(session, "SELECT * FROM spectrum.people ORDER BY id"));
    }

    [Fact]
    public async Task Partitions_a_filter_excludes_are_never_read()
    {
        await PutAsync("parts/day=1/a.tbl", "1|x|\n2|y|\n"u8.ToArray());
        await PutAsync("parts/day=2/a.tbl", "this|is not|an int|\n"u8.ToArray());
        var session = await SessionAsync();
        await session.ExecuteAsync(
            $"CREATE EXTERNAL TABLE spectrum.parts (id int, v text) PARTITIONED BY (day int) ROW FORMAT DELIMITED FIELDS TERMINATED BY '|' STORED AS TEXTFILE LOCATION 's3://{Bucket}/parts/'");
        await session.ExecuteAsync("MSCK REPAIR TABLE spectrum.parts");
        // Day 2 would fail to convert: pruning it is what lets the query answer.
        Assert.Equal(["1|x|1", "2|y|1"], await ResultRows.OfAsync(session, "SELECT id, v, day FROM spectrum.parts WHERE day = 1 ORDER BY id"));
        var error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(session, "SELECT id FROM spectrum.parts"));
        Assert.Contains("s3://data/parts/day=2/a.tbl", error.Message);
        Assert.Contains("line 1", error.Message);
        Assert.Contains("column \"id\"", error.Message);
        Assert.Contains("'this'", error.Message);
    }

    [Fact]
    public async Task An_integer_out_of_range_fails_naming_the_object_line_column_and_value()
    {
        await PutAsync("overflow/a.tbl", "1\n2\n99999999999\n"u8.ToArray());
        var session = await SessionAsync();
        await session.ExecuteAsync($"CREATE EXTERNAL TABLE spectrum.overflow (id int) ROW FORMAT DELIMITED FIELDS TERMINATED BY '|' STORED AS TEXTFILE LOCATION 's3://{Bucket}/overflow/'");
        var error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(session, "SELECT sum(id) FROM spectrum.overflow"));
        Assert.Contains("s3://data/overflow/a.tbl", error.Message);
        Assert.Contains("line 3", error.Message);
        Assert.Contains("'99999999999'", error.Message);
        // The server stays up: the next query answers.
        Assert.Equal(["1"], await ResultRows.OfAsync(session, "SELECT 1"));
    }

    [Fact]
    public async Task A_truncated_gzip_file_fails_naming_the_object()
    {
        var packed = CompressedText.Compress(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(Tbl, 50))), "gz");
        await PutAsync("truncated/a.tbl.gz", packed[..(packed.Length / 2)]);
        var session = await SessionAsync();
        await session.ExecuteAsync(
            $"CREATE EXTERNAL TABLE spectrum.truncated {Columns} ROW FORMAT DELIMITED FIELDS TERMINATED BY '|' STORED AS TEXTFILE LOCATION 's3://{Bucket}/truncated/'");
        var error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(session, "SELECT count(*) FROM spectrum.truncated"));
        Assert.Equal(ErrorCode.CorruptObject, error.Code);
        Assert.Contains("s3://data/truncated/a.tbl.gz", error.Message);
        Assert.Contains("truncated or corrupt", error.Message);
    }

    [Fact]
    public async Task Invalid_utf8_fails_naming_the_object_and_line()
    {
        await PutAsync("utf8/a.tbl", [.. "1|ok\n2|b"u8, 0xC3, 0x28, .. "\n"u8]);
        var session = await SessionAsync();
        await session.ExecuteAsync($"CREATE EXTERNAL TABLE spectrum.badutf8 (id int, v text) ROW FORMAT DELIMITED FIELDS TERMINATED BY '|' STORED AS TEXTFILE LOCATION 's3://{Bucket}/utf8/'");
        var error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(session, "SELECT * FROM spectrum.badutf8"));
        Assert.Equal(ErrorCode.CorruptObject, error.Code);
        Assert.Contains("s3://data/utf8/a.tbl", error.Message);
        Assert.Contains("invalid UTF-8 at byte 8 (line 2)", error.Message);
    }
}
