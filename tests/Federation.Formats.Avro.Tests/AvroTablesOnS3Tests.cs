using Federation.Catalog.External;
using Federation.Common;
using Federation.Engine;
using Federation.Testing;

namespace Federation.Formats.Avro.Tests;

/// <summary>
/// Avro files written here (every codec, many blocks, every logical type the reader converts) in s3rver, declared with
/// Spectrum's DDL, and damaged copies of them: a wrong sync marker, a bad snappy checksum, a codec the reader does not
/// know, a file cut short, bytes that are not Avro. Each damaged file fails naming the object and the cause, and the
/// session answers the next query.
/// </summary>
public sealed class AvroTablesOnS3Tests(S3BucketFixture data) : IClassFixture<S3BucketFixture>
{
    private const string Bucket = S3BucketFixture.Bucket;

    private async Task<Session> TableAsync(string table, byte[] file, string columns = EventFiles.Columns)
    {
        await data.Store.WriteAsync($"written/{table}/part-0.avro", file, default);
        var engine = new FederationEngine(external: ExternalCatalog.InMemory());
        engine.Stores.Register("s3", Bucket, data.Store);
        engine.RegisterFileFormat(new AvroFileFormat());
        var session = engine.CreateSession();
        await session.ExecuteAsync("CREATE EXTERNAL SCHEMA spectrum FROM DATA CATALOG DATABASE 'avrodb' CREATE EXTERNAL DATABASE IF NOT EXISTS");
        await session.ExecuteAsync($"CREATE EXTERNAL TABLE spectrum.{table} {columns} STORED AS AVRO LOCATION 's3://{Bucket}/written/{table}/'");
        return session;
    }

    public static TheoryData<string> Codecs => ["null", "deflate", "snappy", "zstandard", "bzip2"];

    [Theory]
    [MemberData(nameof(Codecs))]
    public async Task Every_codec_reads_every_record_and_type(string codec)
    {
        var session = await TableAsync("events_" + codec, EventFiles.Write(1000, codec, 64));
        var rows = await ResultRows.OfAsync(session, $"SELECT * FROM spectrum.events_{codec} ORDER BY id");
        Assert.Equal(1000, rows.Count);
        for (var id = 1; id <= 1000; id++)
        {
            Assert.Equal(EventFiles.Row(id), rows[id - 1]);
        }

        Assert.Equal(["1000|500500|900|575625.00|142"],
            await ResultRows.OfAsync(session, $"SELECT count(*), sum(id), count(name), sum(amount), count(*) FILTER (WHERE at IS NULL) FROM spectrum.events_{codec}"));
        Assert.Equal(["name-999|RED"], await ResultRows.OfAsync(session, $"SELECT name, kind FROM spectrum.events_{codec} WHERE id = 999"));
    }

    [Fact]
    public async Task A_wrong_sync_marker_fails_naming_the_object_and_the_block()
    {
        var file = EventFiles.Write(100, "null", 10);
        file[^3] ^= 0xFF;
        var session = await TableAsync("badsync", file);
        var error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(session, "SELECT count(*) FROM spectrum.badsync"));
        Assert.Equal(ErrorCode.CorruptObject, error.Code);
        Assert.Contains("s3://data/written/badsync/part-0.avro", error.Message);
        Assert.Contains("the sync marker after the block at byte", error.Message);
        Assert.Equal(["1"], await ResultRows.OfAsync(session, "SELECT 1"));
    }

    [Fact]
    public async Task A_bad_snappy_checksum_fails_naming_the_object()
    {
        var file = EventFiles.Write(10, "snappy", 10);
        // The block's last 4 bytes before the closing sync marker are the CRC-32 of its uncompressed data.
        file[^17] ^= 0x01;
        var session = await TableAsync("badcrc", file);
        var error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(session, "SELECT count(*) FROM spectrum.badcrc"));
        Assert.Equal(ErrorCode.CorruptObject, error.Code);
        Assert.Contains("s3://data/written/badcrc/part-0.avro", error.Message);
        Assert.Contains("CRC-32", error.Message);
    }

    [Fact]
    public async Task An_unknown_codec_fails_naming_it()
    {
        var session = await TableAsync("badcodec", EventFiles.Write(10, "lzma", 10));
        var error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(session, "SELECT count(*) FROM spectrum.badcodec"));
        Assert.Equal(ErrorCode.CorruptObject, error.Code);
        Assert.Contains("s3://data/written/badcodec/part-0.avro", error.Message);
        Assert.Contains("codec 'lzma' is not supported", error.Message);
    }

    [Fact]
    public async Task A_file_cut_in_the_middle_of_a_block_fails_as_truncated()
    {
        var file = EventFiles.Write(100, "deflate", 30);
        var session = await TableAsync("cut", file[..(file.Length * 2 / 3)]);
        var error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(session, "SELECT count(*) FROM spectrum.cut"));
        Assert.Equal(ErrorCode.CorruptObject, error.Code);
        Assert.Contains("s3://data/written/cut/part-0.avro", error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public async Task Bytes_that_are_not_avro_fail_naming_the_object()
    {
        var session = await TableAsync("notavro", "PAR1 this is not an Avro file"u8.ToArray());
        var error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(session, "SELECT count(*) FROM spectrum.notavro"));
        Assert.Contains("s3://data/written/notavro/part-0.avro", error.Message);
        Assert.Contains("not an Avro object container file", error.Message);
    }

    [Fact]
    public async Task A_value_out_of_the_declared_range_fails_naming_the_column_and_value()
    {
        var session = await TableAsync("narrow", EventFiles.Write(40_000, "null", 1000), "(id smallint)");
        var error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(session, "SELECT max(id) FROM spectrum.narrow"));
        Assert.Equal(ErrorCode.NumericOverflow, error.Code);
        Assert.Contains("s3://data/written/narrow/part-0.avro", error.Message);
        Assert.Contains("column \"id\": the value 32768", error.Message);
        Assert.Contains("smallint", error.Message);
    }

    [Fact]
    public async Task A_type_that_does_not_convert_names_the_column_and_both_types()
    {
        var session = await TableAsync("wrongtype", EventFiles.Write(5, "null", 5), "(day boolean)");
        var error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(session, "SELECT day FROM spectrum.wrongtype"));
        Assert.Equal(ErrorCode.SchemaMismatch, error.Code);
        Assert.Contains("column \"day\" of spectrum.wrongtype", error.Message);
        Assert.Contains("int (date)", error.Message);
        Assert.Contains("boolean", error.Message);
    }
}
