using Federation.Engine;
using Federation.Testing;

namespace Federation.Formats.Avro.Tests;

/// <summary>read_avro over other writers' files in ../shared/testdata/avro: columns named and typed by the writer's schema.</summary>
public sealed class ReadAvroFunctionTests
{
    private static string Shared(string relative) =>
        Path.Combine(RepositoryPaths.SharedTestData ?? throw new InvalidOperationException("../shared/testdata is missing"), relative);

    private static Session NewSession()
    {
        var engine = new FederationEngine();
        engine.RegisterTableFunction(new ReadAvroFunction());
        return engine.CreateSession();
    }

    [Fact]
    public async Task Columns_and_types_come_from_the_writers_schema()
    {
        var session = NewSession();
        Assert.Equal(["011990-99999|-619524000000|0"],
            await ResultRows.OfAsync(session, $"SELECT station, time, temp FROM read_avro('{Shared("avro/weather-snappy.avro")}') WHERE temp = 0"));
        Assert.Equal(["4|2009-03-01 00:00:00+00|\\x30"],
            await ResultRows.OfAsync(session, $"SELECT id, timestamp_col, string_col FROM read_avro('{Shared("avro/alltypes_plain.avro")}') LIMIT 1"));
        Assert.Equal(["300.00"], await ResultRows.OfAsync(session, $"SELECT sum(value) FROM read_avro('{Shared("avro/int128_decimal.avro")}')"));
        Assert.Equal(["1970-01-01 00:00:01|1970-01-01 00:00:01+00"],
            await ResultRows.OfAsync(session, $"SELECT local_ts_micros, ts_nanos FROM read_avro('{Shared("avro/timestamp_logical_types.avro")}') WHERE id = 2"));
        Assert.Equal(["NULL", "100"], await ResultRows.OfAsync(session, $"SELECT value FROM read_avro('{Shared("avro/avro-1237-good.avro")}')"));
        Assert.Equal(["[1,2,3]|[\"abc\",\"efg\",\"hij\"]", "[null,1]|NULL", "[4]|[\"efg\",null,\"hij\",\"xyz\"]"],
            await ResultRows.OfAsync(session, $"SELECT int64_list, utf8_list FROM read_avro('{Shared("avro/list_columns.avro")}')"));
    }

    [Fact]
    public async Task Deep_nesting_reads_as_json_text_with_nulls_at_every_level()
    {
        var session = NewSession();
        var file = Shared("avro/nullable.impala.avro");
        Assert.Equal(["1|[1,2,3]|[[1,2],[3,4]]|{\"k1\":1,\"k2\":100}|[{\"k1\":1}]|" +
                      "{\"A\":1,\"b\":[1],\"C\":{\"d\":[[{\"E\":10,\"F\":\"aaa\"},{\"E\":-10,\"F\":\"bbb\"}],[{\"E\":11,\"F\":\"c\"}]]},\"g\":{\"foo\":{\"H\":{\"i\":[1.1]}}}}"],
            await ResultRows.OfAsync(session, $"SELECT * FROM read_avro('{file}') WHERE id = 1"));
        Assert.Equal(["6|NULL|NULL|NULL|NULL|NULL"], await ResultRows.OfAsync(session, $"SELECT * FROM read_avro('{file}') WHERE id = 6"));
        Assert.Equal(["7|28"], await ResultRows.OfAsync(session, $"SELECT count(*), sum(id) FROM read_avro('{file}')"));
    }
}
