using Federation.Common.Types;
using static Federation.Functions.Tests.ArrowValues;
using static Federation.Functions.Tests.FunctionCall;

namespace Federation.Functions.Tests;

/// <summary>COALESCE/NVL, NVL2, NULLIF and DECODE: none is strict; all work in the common type of their values.</summary>
public sealed class ConditionalFunctionTests
{
    private static ScalarValue I32(int value) => ScalarValue.Int32(value);

    private static ScalarValue S(string text) => ScalarValue.String(text);

    [Theory]
    [InlineData("coalesce")]
    [InlineData("nvl")]
    [InlineData("nvl2")]
    [InlineData("nullif")]
    [InlineData("decode")]
    public void Conditionals_are_not_strict(string name) => Assert.False(FunctionRegistry.Default.FindScalar(name)!.IsStrict);

    [Fact]
    public void Coalesce_scalars()
    {
        Assert.Equal("2", Text("coalesce", ScalarValue.Null, I32(2), I32(3)));
        Assert.Equal("1.5", Text("coalesce", ScalarValue.NullOf(SqlType.Int32), Decimal("1.5", 2, 1)));
        Assert.Equal(SqlType.Decimal(11, 1), ReturnType("coalesce", SqlType.Int32, SqlType.Decimal(2, 1)));
        Assert.Null(Text("nvl", ScalarValue.Null, ScalarValue.Null));
        Assert.Equal(SqlType.String, ReturnType("coalesce", SqlType.Null));
    }

    [Fact]
    public void Coalesce_arrays_of_every_layout()
    {
        AssertRows(Texts("coalesce", Slice(Int32s(9, null, 2, null), 1, 3), Int64s(10, 20, null), I32(-1)), "10", "2", "-1");
        AssertRows(Texts("coalesce", Strings(null, "b", null), Slice(Strings("z", "x", "y", null), 1, 3)), "x", "b", null);
        AssertRows(Texts("nvl", Booleans(null, false, null), ScalarValue.Boolean(true)), "true", "false", "true");
        AssertRows(Texts("coalesce", Doubles(null, 1.5), Doubles(2.5, null)), "2.5", "1.5");
        AssertRows(Texts("coalesce", Decimals(5, 2, null, "1.25"), Decimals(5, 1, "7.5", null)), "7.50", "1.25");
        AssertRows(Texts("coalesce", Dates(null, "2024-01-01"), Timestamps("2023-05-05 05:05:05", null)), "2023-05-05 05:05:05", "2024-01-01 00:00:00");
    }

    [Fact]
    public void Coalesce_returns_a_first_argument_without_nulls_as_is()
    {
        var input = Int32s(1, 2, 3);
        var (value, _, _) = Run("coalesce", input, I32(0));
        Assert.Same(input, value.Array);
    }

    [Fact]
    public void Nvl2_picks_by_the_first_argument()
    {
        Assert.Equal("yes", Text("nvl2", I32(1), S("yes"), S("no")));
        Assert.Equal("no", Text("nvl2", ScalarValue.NullOf(SqlType.Int32), S("yes"), S("no")));
        AssertRows(Texts("nvl2", Slice(Strings("-", "a", null, "c"), 1, 3), Int32s(1, 2, 3), Int64s(10, 20, null)), "1", "20", "3");
    }

    [Fact]
    public void Nullif_compares_in_the_common_type()
    {
        Assert.Null(Text("nullif", I32(1), I32(1)));
        Assert.Equal("1", Text("nullif", I32(1), I32(2)));
        Assert.Equal("a", Text("nullif", S("a"), S("b")));
        Assert.Null(Text("nullif", ScalarValue.NullOf(SqlType.Int32), I32(1)));
        Assert.Equal("1", Text("nullif", I32(1), ScalarValue.NullOf(SqlType.Int32)));
        Assert.Null(Text("nullif", ScalarValue.Float64(double.NaN), ScalarValue.Float64(double.NaN)));
        Assert.Null(Text("nullif", Decimal("1.50", 3, 2), Decimal("1.5", 2, 1)));
        AssertRows(Texts("nullif", Slice(Strings("q", "a", "b", null), 1, 3), S("b")), "a", null, null);
        AssertRows(Texts("nullif", Booleans(true, false, null), Booleans(true, true, true)), null, "false", null);
    }

    [Fact]
    public void Decode_matches_nulls_and_falls_back_to_the_default()
    {
        var codes = Strings("a", "b", null, "z");
        AssertRows(Texts("decode", codes, S("a"), I32(1), S("b"), I32(2), ScalarValue.Null, I32(0), I32(-1)), "1", "2", "0", "-1");
        AssertRows(Texts("decode", codes, S("a"), S("first")), "first", null, null, null);
        Assert.Equal(SqlType.Decimal(11, 1), ReturnType("decode", SqlType.String, SqlType.String, SqlType.Int32, SqlType.Decimal(2, 1)));
    }
}
