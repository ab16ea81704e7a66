using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.LocalTables.Tests;

/// <summary>Every type the engine has, through every encoding and the automatic choice, comes back value for value.</summary>
public sealed class ColumnBlockCodecTests
{
    private static readonly BlockEncoding?[] Encodings = [null, BlockEncoding.Plain, BlockEncoding.RunLength, BlockEncoding.Dictionary, BlockEncoding.FrameOfReference];

    public static TheoryData<string> Types() => new(Columns().Keys);

    [Theory]
    [MemberData(nameof(Types))]
    public void Every_encoding_round_trips_edge_values_and_nulls(string name)
    {
        var (type, values) = Columns()[name];
        var array = Build(type, values);
        foreach (var encoding in Encodings)
        {
            var block = ColumnBlockCodec.Encode(array, type, encoding);
            var decoded = ColumnBlockCodec.Decode(block.Bytes, type, "test.blk");
            AssertSame(type, values, decoded, $"{name} {encoding?.ToString() ?? "auto"} ({block.Encoding})");
            Assert.Equal(values.Count(v => v is null), block.NullCount);
        }
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void A_slice_with_an_offset_round_trips(string name)
    {
        var (type, values) = Columns()[name];
        var array = ArrowArrayFactory.Slice(Build(type, values), 3, values.Length - 4);
        var block = ColumnBlockCodec.Encode(array, type);
        AssertSame(type, values[3..^1], ColumnBlockCodec.Decode(block.Bytes, type, "test.blk"), name);
    }

    [Fact]
    public void The_choice_follows_the_data()
    {
        var sequential = Enumerable.Range(0, 100_000).Select(i => (object?)(1_000_000L + i)).ToArray();
        Assert.Equal(BlockEncoding.FrameOfReference, ColumnBlockCodec.Encode(Build(SqlType.Int64, sequential), SqlType.Int64).Encoding);

        var runs = Enumerable.Range(0, 100_000).Select(i => (object?)(i / 10_000)).ToArray();
        Assert.Equal(BlockEncoding.RunLength, ColumnBlockCodec.Encode(Build(SqlType.Int32, runs), SqlType.Int32).Encoding);

        var doubles = Enumerable.Range(0, 100_000).Select(i => (object?)(i % 5 * 0.25)).ToArray();
        Assert.Equal(BlockEncoding.Dictionary, ColumnBlockCodec.Encode(Build(SqlType.Float64, doubles), SqlType.Float64).Encoding);

        var flags = Enumerable.Range(0, 100_000).Select(i => (object?)(i % 3 == 0 ? "AIR" : i % 3 == 1 ? "RAIL" : "TRUCK")).ToArray();
        var text = ColumnBlockCodec.Encode(Build(SqlType.String, flags), SqlType.String);
        Assert.Equal(BlockEncoding.Dictionary, text.Encoding);
        Assert.True(text.Bytes.Length < 100_000 / 4, $"three distinct strings in 100,000 rows take {text.Bytes.Length} bytes");

        var unique = Enumerable.Range(0, 10_000).Select(i => (object?)Guid.NewGuid().ToString()).ToArray();
        Assert.Equal(BlockEncoding.Plain, ColumnBlockCodec.Encode(Build(SqlType.String, unique), SqlType.String).Encoding);
    }

    [Fact]
    public void Zone_maps_hold_the_valid_values_extremes()
    {
        var block = ColumnBlockCodec.Encode(Build(SqlType.Int32, [5, null, -7, 12, null]), SqlType.Int32);
        Assert.Equal(ScalarValue.Int32(-7), block.Min);
        Assert.Equal(ScalarValue.Int32(12), block.Max);
        Assert.Equal(2, block.NullCount);

        var text = ColumnBlockCodec.Encode(Build(SqlType.String, ["pear", "apple", null, "zebra"]), SqlType.String);
        Assert.Equal("apple", text.Min!.Value);
        Assert.Equal("zebra", text.Max!.Value);

        Assert.Null(ColumnBlockCodec.Encode(Build(SqlType.Float64, [1.0, double.NaN]), SqlType.Float64).Max);
        Assert.Null(ColumnBlockCodec.Encode(Build(SqlType.Int64, [null, null]), SqlType.Int64).Min);
    }

    [Fact]
    public void A_corrupt_block_is_an_error_naming_its_file()
    {
        var values = Enumerable.Range(0, 1000).Select(i => (object?)(long)i).ToArray();
        var block = ColumnBlockCodec.Encode(Build(SqlType.Int64, values), SqlType.Int64).Bytes;
        var torn = block[..(block.Length / 2)];
        var e = Assert.Throws<Federation.Common.FederationException>(() => ColumnBlockCodec.Decode(torn, SqlType.Int64, "/data/t/seg-1.blk"));
        Assert.Contains("/data/t/seg-1.blk", e.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, (SqlType Type, object?[] Values)> Columns() => new()
    {
        ["boolean"] = (SqlType.Boolean, [true, false, null, true, true, false, null, false, true]),
        ["smallint"] = (SqlType.Int16, [short.MinValue, short.MaxValue, null, (short)0, (short)-1, (short)7, (short)7, (short)7]),
        ["integer"] = (SqlType.Int32, [int.MinValue, int.MaxValue, null, 0, -1, 42, 42, 42, null]),
        ["bigint"] = (SqlType.Int64, [long.MinValue, long.MaxValue, null, 0L, -1L, 1L << 40, 1L << 40, 3L]),
        ["real"] = (SqlType.Float32, [float.MinValue, float.MaxValue, null, 0f, -0f, float.NaN, float.PositiveInfinity, 1.5f]),
        ["double"] = (SqlType.Float64, [double.MinValue, double.Epsilon, null, 0.0, -0.0, double.NaN, double.NegativeInfinity, 0.1]),
        ["decimal(38,2)"] = (SqlType.Decimal(38, 2), [Int128.Parse("99999999999999999999999999999999999999"), Int128.Parse("-99999999999999999999999999999999999999"),
            null, (Int128)0, (Int128)150, (Int128)(-325), (Int128)150, (Int128)150]),
        ["decimal(12,2)"] = (SqlType.Decimal(12, 2), [(Int128)999_999_999_999L, (Int128)(-999_999_999_999L), null, (Int128)0, (Int128)1, (Int128)1, (Int128)1, (Int128)2]),
        ["text"] = (SqlType.String, ["", "a", null, "héllo wörld", "日本語", "\uE000private", new string('x', 300), "a", "a"]),
        ["binary"] = (SqlType.Binary, [System.Array.Empty<byte>(), new byte[] { 0, 255 }, null, new byte[] { 1 }, new byte[] { 1 }, new byte[] { 0, 255 }]),
        ["date"] = (SqlType.Date, [int.MinValue / 2, 0, null, 19_000, 19_001, 19_002, -719_162, 2_932_896]),
        ["timestamp"] = (SqlType.Timestamp, [-62_135_596_800_000_000L, 0L, null, 1_700_000_000_000_000L, 1_700_000_000_000_001L, 253_402_300_799_999_999L]),
        ["timestamptz"] = (SqlType.TimestampTz, [0L, null, 1_700_000_000_000_000L, 1_700_000_000_000_000L, -1L]),
        ["interval"] = (SqlType.Interval, [new Interval(1, 2, 3), null, new Interval(-1, 0, 0), new Interval(0, 0, 1_000_000_000_000L)]),
        ["all null"] = (SqlType.Int64, [null, null, null, null, null]),
    };

    private static IArrowArray Build(SqlType type, object?[] values)
    {
        var arrays = values.Select(v => ArrayFactory.FromScalar(new ScalarValue(type, v), 1)).ToList();
        return ArrayConcat.Concat(arrays);
    }

    private static void AssertSame(SqlType type, object?[] expected, IArrowArray actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            var value = ArrayFactory.GetScalar(actual, i, type).Value;
            if (expected[i] is float f && value is float g)
            {
                Assert.True(BitConverter.SingleToInt32Bits(f) == BitConverter.SingleToInt32Bits(g), $"{what} row {i}: {f} != {g}");
            }
            else if (expected[i] is double d && value is double e)
            {
                Assert.True(BitConverter.DoubleToInt64Bits(d) == BitConverter.DoubleToInt64Bits(e), $"{what} row {i}: {d} != {e}");
            }
            else
            {
                Assert.True(Equals(expected[i], value) || (expected[i] is byte[] a && value is byte[] b && a.AsSpan().SequenceEqual(b)),
                    $"{what} row {i}: expected {expected[i] ?? "NULL"}, got {value ?? "NULL"}");
            }
        }
    }
}
