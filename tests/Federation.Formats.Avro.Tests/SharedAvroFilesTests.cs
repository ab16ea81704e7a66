using Federation.Catalog.External;
using Federation.Common;
using Federation.Engine;
using Federation.Formats.Parquet;
using Federation.Testing;

namespace Federation.Formats.Avro.Tests;

/// <summary>
/// Other writers' Avro files (../shared/testdata/avro: Avro's Java and C test files, arrow-testing's Spark and
/// fastavro files), uploaded to s3rver and declared with Spectrum's DDL, read with the values their README documents;
/// the Spark twins of Parquet files equal our Parquet reader's rows of the twin; the bad ones fail naming the object.
/// </summary>
public sealed class SharedAvroFilesTests(S3BucketFixture data) : IClassFixture<S3BucketFixture>
{
    private const string Bucket = S3BucketFixture.Bucket;

    private static string Shared(string relative) =>
        Path.Combine(RepositoryPaths.SharedTestData ?? throw new InvalidOperationException("../shared/testdata is missing"), relative);

    private static readonly string[] Weather =
    [
        "011990-99999|-619524000000|0",
        "011990-99999|-619506000000|22",
        "011990-99999|-619484400000|-11",
        "012650-99999|-655531200000|111",
        "012650-99999|-655509600000|78",
    ];

    private async Task<Session> SessionAsync()
    {
        var engine = new FederationEngine(external: ExternalCatalog.InMemory());
        engine.Stores.Register("s3", Bucket, data.Store);
        engine.RegisterFileFormat(new AvroFileFormat());
        engine.RegisterTableFunction(new ReadParquetFunction());
        var session = engine.CreateSession();
        await session.ExecuteAsync("CREATE EXTERNAL SCHEMA spectrum FROM DATA CATALOG DATABASE 'avrodb' CREATE EXTERNAL DATABASE IF NOT EXISTS");
        return session;
    }

    /// <summary>Uploads the shared file alone under a prefix and declares table <paramref name="table"/> over it.</summary>
    private async Task<Session> TableAsync(string file, string table, string columns)
    {
        await data.Store.WriteAsync($"shared/{table}/{Path.GetFileName(file)}", await File.ReadAllBytesAsync(Shared(file)), default);
        var session = await SessionAsync();
        await session.ExecuteAsync($"CREATE EXTERNAL TABLE spectrum.{table} {columns} STORED AS AVRO LOCATION 's3://{Bucket}/shared/{table}/'");
        return session;
    }

    [Theory]
    [InlineData("avro/weather.avro")]
    [InlineData("avro/weather-deflate.avro")]
    [InlineData("avro/weather-snappy.avro")]
    [InlineData("avro/weather-zstd.avro")]
    public async Task Weather_in_every_codec_equals_weather_json(string file)
    {
        var table = "weather_" + Path.GetFileNameWithoutExtension(file).Replace('-', '_');
        var session = await TableAsync(file, table, "(station varchar(20), time bigint, temp int)");
        Assert.Equal(Weather, await ResultRows.OfAsync(session, $"SELECT * FROM spectrum.{table}"));
        // Case-insensitive names, a column the file lacks, and projection of one field.
        await session.ExecuteAsync($"CREATE EXTERNAL TABLE spectrum.{table}_2 (TEMP bigint, missing text) STORED AS AVRO LOCATION 's3://{Bucket}/shared/{table}/'");
        Assert.Equal(["0|NULL", "22|NULL", "-11|NULL", "111|NULL", "78|NULL"], await ResultRows.OfAsync(session, $"SELECT * FROM spectrum.{table}_2"));
    }

    [Fact]
    public async Task Simple_and_union_schemas_read_their_documented_records()
    {
        var simple = await TableAsync("avro/schemas/simple/data.avro", "simple", "(text varchar)");
        Assert.Equal(["hello", "bonjour", "guten tag"], await ResultRows.OfAsync(simple, "SELECT text FROM spectrum.simple"));

        // A union of string and int declared as text reads each value's branch; a nullable record as text reads as JSON.
        var unions = await TableAsync("avro/schemas/withUnion/data.avro", "unions", "(data1 text, data2 text)");
        Assert.Equal(["textValue|NULL", "123|{\"d1\":false}", "3|{\"d1\":\"text value\"}"], await ResultRows.OfAsync(unions, "SELECT * FROM spectrum.unions"));

        await unions.ExecuteAsync($"CREATE EXTERNAL TABLE spectrum.unions_int (data1 int) STORED AS AVRO LOCATION 's3://{Bucket}/shared/unions/'");
        var error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(unions, "SELECT * FROM spectrum.unions_int"));
        Assert.Equal(ErrorCode.SchemaMismatch, error.Code);
        Assert.Contains("column \"data1\"", error.Message);
        Assert.Contains("union [string, int]", error.Message);
        Assert.Contains("s3://data/shared/unions/data.avro", error.Message);
    }

    [Fact]
    public async Task A_header_without_a_codec_reads_primitives_at_their_limits()
    {
        var session = await TableAsync("avro/avro-1279-no-codec.avro", "primitives",
            "(booleanfield boolean, intfield int, longfield bigint, floatfield real, doublefield double precision, bytesfield varbinary, stringfield text)");
        Assert.Equal(
        [
            "true|0|0|0|0|DEFAULT VALUES",
            "false|-2147483648|-9223372036854775808|1E-45|5E-324|MIN VALUES",
            "false|2147483647|9223372036854775807|3.4028235E+38|1.7976931348623157E+308|MAX VALUES",
        ], await ResultRows.OfAsync(session, "SELECT booleanfield, intfield, longfield, floatfield, doublefield, stringfield FROM spectrum.primitives"));
        Assert.Equal(["\\x4d494e2056414c554553"], await ResultRows.OfAsync(session, "SELECT bytesfield FROM spectrum.primitives WHERE intfield < 0"));
    }

    [Fact]
    public async Task A_top_level_union_reads_as_one_nullable_column()
    {
        var session = await TableAsync("avro/avro-1237-good.avro", "toplevel", "(v int)");
        Assert.Equal(["NULL", "100"], await ResultRows.OfAsync(session, "SELECT v FROM spectrum.toplevel"));
    }

    [Fact]
    public async Task A_bad_union_discriminant_fails_naming_the_object_and_the_server_stays_up()
    {
        var session = await TableAsync("avro/avro-1237-bad-union-discriminant.avro", "baddisc", "(v int)");
        var error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(session, "SELECT v FROM spectrum.baddisc"));
        Assert.Equal(ErrorCode.CorruptObject, error.Code);
        Assert.Contains("s3://data/shared/baddisc/avro-1237-bad-union-discriminant.avro", error.Message);
        Assert.Contains("union branch index 2 is out of range for union [null, int]", error.Message);
        Assert.Equal(["1"], await ResultRows.OfAsync(session, "SELECT 1"));
    }

    [Fact]
    public async Task A_file_truncated_in_its_sync_marker_fails_naming_the_object()
    {
        var session = await TableAsync("avro/avro-1238-truncated.avro", "truncated", "(v int)");
        var error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(session, "SELECT v FROM spectrum.truncated"));
        Assert.Equal(ErrorCode.CorruptObject, error.Code);
        Assert.Contains("s3://data/shared/truncated/avro-1238-truncated.avro", error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public async Task Nulls_in_null_first_unions_read_as_nulls()
    {
        var session = await TableAsync("avro/alltypes_nulls_plain.avro", "allnulls",
            "(string_col text, int_col int, bool_col boolean, bigint_col bigint, float_col real, double_col double precision, bytes_col varbinary)");
        Assert.Equal(["NULL|NULL|NULL|NULL|NULL|NULL|NULL"], await ResultRows.OfAsync(session, "SELECT * FROM spectrum.allnulls"));
    }

    [Fact]
    public async Task Enums_read_as_text()
    {
        var session = await TableAsync("avro/simple_enum.avro", "enums", "(f1 text, f2 varchar(1), f3 text)");
        Assert.Equal(["a|g|j", "b|h|k", "c|e|NULL", "d|f|i"], await ResultRows.OfAsync(session, "SELECT * FROM spectrum.enums"));
    }

    [Fact]
    public async Task Fixed_reads_as_text_or_varbinary()
    {
        var session = await TableAsync("avro/simple_fixed.avro", "fixed", "(f1 text, f2 varbinary, f3 text)");
        Assert.Equal(["abcde|\\x666768696a6b6c6d6e6f|ABCDEF", "12345|\\x31323334353637383930|NULL"],
            await ResultRows.OfAsync(session, "SELECT f1, f2, f3 FROM spectrum.fixed"));
        Assert.Equal(["5"], await ResultRows.OfAsync(session, "SELECT length(f1) FROM spectrum.fixed WHERE f3 IS NULL"));
    }

    [Fact]
    public async Task Timestamps_of_every_unit_read_as_timestamptz_timestamp_and_text()
    {
        var session = await TableAsync("avro/timestamp_logical_types.avro", "stamps",
            "(id int, ts_millis timestamptz, ts_micros timestamp, ts_nanos timestamptz, local_ts_millis timestamp, local_ts_micros timestamp, local_ts_nanos text)");
        Assert.Equal(
        [
            "1|1970-01-01 00:00:00+00|1970-01-01 00:00:00|1970-01-01 00:00:00+00|1970-01-01 00:00:00|1970-01-01 00:00:00|1970-01-01 00:00:00",
            "2|1970-01-01 00:00:01+00|1970-01-01 00:00:01|1970-01-01 00:00:01+00|1970-01-01 00:00:01|1970-01-01 00:00:01|1970-01-01 00:00:01",
        ], await ResultRows.OfAsync(session, "SELECT * FROM spectrum.stamps ORDER BY id"));
    }

    [Theory]
    [InlineData("avro/int32_decimal.avro", "decimal(4,2)")]
    [InlineData("avro/int128_decimal.avro", "decimal(38,2)")]
    [InlineData("avro/fixed_length_decimal.avro", "decimal(25,2)")]
    public async Task Decimals_in_bytes_and_fixed_read_one_to_twenty_four(string file, string type)
    {
        var table = "dec_" + Path.GetFileNameWithoutExtension(file);
        var session = await TableAsync(file, table, $"(value {type})");
        var expected = Enumerable.Range(1, 24).Select(i => $"{i}.00").ToList();
        Assert.Equal(expected, await ResultRows.OfAsync(session, $"SELECT value FROM spectrum.{table} ORDER BY value"));
        Assert.Equal(["300.00"], await ResultRows.OfAsync(session, $"SELECT sum(value) FROM spectrum.{table}"));
        // A wider scale rescales; a narrower one is refused naming both types.
        await session.ExecuteAsync($"CREATE EXTERNAL TABLE spectrum.{table}_wide (value decimal(38,4)) STORED AS AVRO LOCATION 's3://{Bucket}/shared/{table}/'");
        Assert.Equal(["24.0000"], await ResultRows.OfAsync(session, $"SELECT max(value) FROM spectrum.{table}_wide"));
        await session.ExecuteAsync($"CREATE EXTERNAL TABLE spectrum.{table}_narrow (value decimal(10,1)) STORED AS AVRO LOCATION 's3://{Bucket}/shared/{table}/'");
        var error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(session, $"SELECT max(value) FROM spectrum.{table}_narrow"));
        Assert.Contains("column \"value\"", error.Message);
        Assert.Contains("has scale 2, more than the declared", error.Message);
        Assert.Contains("(10,1)", error.Message);
        Assert.Contains("(decimal(" + type[8..], error.Message);
    }

    [Fact]
    public async Task Nested_records_arrays_and_maps_read_as_json_text_or_are_refused()
    {
        var session = await TableAsync("avro/nested_records.avro", "nested", "(f1 text, f2 text, f3 text, f4 text)");
        Assert.Equal(
        [
            "{\"f1_1\":\"aaa\",\"f1_2\":10,\"f1_3\":{\"f1_3_1\":3.14}}|[{\"f2_1\":true,\"f2_2\":1.2},{\"f2_1\":true,\"f2_2\":2.2}]|{\"f3_1\":\"xyz\"}|[{\"f4_1\":200},null]",
            "{\"f1_1\":\"bbb\",\"f1_2\":20,\"f1_3\":{\"f1_3_1\":3.14}}|[{\"f2_1\":false,\"f2_2\":10.2}]|NULL|[null,{\"f4_1\":300}]",
        ], await ResultRows.OfAsync(session, "SELECT * FROM spectrum.nested"));
        await session.ExecuteAsync($"CREATE EXTERNAL TABLE spectrum.nested_int (f2 int) STORED AS AVRO LOCATION 's3://{Bucket}/shared/nested/'");
        var error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(session, "SELECT * FROM spectrum.nested_int"));
        Assert.Contains("column \"f2\"", error.Message);
        Assert.Contains("array<record", error.Message);
        Assert.Contains("declared as text", error.Message);
    }

    [Fact]
    public async Task The_alltypes_twin_equals_the_parquet_readers_rows()
    {
        const string columns = "id, bool_col, tinyint_col, smallint_col, int_col, bigint_col, float_col, double_col, date_string_col, string_col, timestamp_col";
        var session = await TableAsync("avro/alltypes_plain.avro", "alltypes",
            "(id int, bool_col boolean, tinyint_col int, smallint_col int, int_col int, bigint_col bigint, float_col real, double_col double precision, " +
            "date_string_col varbinary, string_col varbinary, timestamp_col timestamp)");
        var avro = await ResultRows.OfAsync(session, $"SELECT {columns} FROM spectrum.alltypes");
        var parquet = await ResultRows.OfAsync(session,
            $"SELECT {columns} FROM read_parquet('{Shared("parquet/alltypes_plain.parquet")}')");
        Assert.Equal(8, avro.Count);
        Assert.Equal(parquet, avro);
        Assert.Equal("4|true|0|0|0|0|0|0|\\x30332f30312f3039|\\x30|2009-03-01 00:00:00", avro[0]);
        // The same bytes declared as text read as the strings Spark wrote.
        await session.ExecuteAsync($"CREATE EXTERNAL TABLE spectrum.alltypes_text (ID int, Date_String_Col text, string_col varchar(4)) STORED AS AVRO LOCATION 's3://{Bucket}/shared/alltypes/'");
        Assert.Equal(["0|01/01/09|0", "1|01/01/09|1"], await ResultRows.OfAsync(session, "SELECT * FROM spectrum.alltypes_text WHERE id < 2 ORDER BY id"));
    }

    [Theory]
    [InlineData("int32_decimal", "decimal(4,2)")]
    [InlineData("fixed_length_decimal", "decimal(25,2)")]
    public async Task The_decimal_twins_equal_the_parquet_readers_rows(string name, string type)
    {
        var session = await TableAsync($"avro/{name}.avro", "twin_" + name, $"(value {type})");
        var avro = await ResultRows.OfAsync(session, $"SELECT value FROM spectrum.twin_{name}");
        var parquet = await ResultRows.OfAsync(session, $"SELECT value FROM read_parquet('{Shared($"parquet/{name}.parquet")}')");
        Assert.Equal(24, avro.Count);
        Assert.Equal(parquet, avro);
    }
}
