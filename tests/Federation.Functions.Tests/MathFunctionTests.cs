using Federation.Common;
using Federation.Common.Types;
using static Federation.Functions.Tests.ArrowValues;
using static Federation.Functions.Tests.FunctionCall;

namespace Federation.Functions.Tests;

/// <summary>Math functions; expected values are PostgreSQL 15's unless a documented deviation is named.</summary>
public sealed class MathFunctionTests
{
    private static ScalarValue D(double value) => ScalarValue.Float64(value);

    private static ScalarValue I32(int value) => ScalarValue.Int32(value);

    private static ScalarValue Dec(string text, int precision, int scale) => Decimal(text, precision, scale);

    private static FederationException Fails(string name, params object[] arguments) =>
        Assert.Throws<FederationException>(() => Texts(name, arguments));

    [Fact]
    public void Abs_keeps_the_type_and_detects_overflow()
    {
        Assert.Equal("5", Text("abs", ScalarValue.Int16(-5)));
        Assert.Equal(SqlType.Int16, ReturnType("abs", SqlType.Int16));
        Assert.Equal("2.50", Text("abs", Dec("-2.50", 3, 2)));
        Assert.Equal("1.5", Text("abs", D(-1.5)));
        AssertRows(Texts("abs", Slice(Int64s(1, -7, null, long.MaxValue), 1, 3)), "7", null, "9223372036854775807");
        Assert.Equal("smallint out of range", Fails("abs", ScalarValue.Int16(short.MinValue)).Message);
        var error = Fails("abs", Int32s(1, int.MinValue));
        Assert.Equal("integer out of range", error.Message);
        Assert.Equal(ErrorCode.NumericOverflow, error.Code);
    }

    [Fact]
    public void Abs_skips_the_value_under_a_null()
    {
        // The slot under a NULL may hold anything; it must not raise an overflow.
        var values = FromScalars(SqlType.Int32, [ScalarValue.Int32(int.MinValue), ScalarValue.Int32(3)]);
        var withNull = FromScalars(SqlType.Int32, [ScalarValue.NullOf(SqlType.Int32), ScalarValue.Int32(3)]);
        Assert.Throws<FederationException>(() => Texts("abs", values));
        AssertRows(Texts("abs", withNull), null, "3");
    }

    [Fact]
    public void Round_decimals_exactly_half_away_from_zero()
    {
        Assert.Equal("3", Text("round", Dec("2.5", 2, 1)));
        Assert.Equal("-3", Text("round", Dec("-2.5", 2, 1)));
        Assert.Equal(SqlType.Decimal(2, 0), ReturnType("round", SqlType.Decimal(2, 1)));

        // Deviation: the scale stays the argument's (PostgreSQL shows 1.23 and 1200).
        Assert.Equal("1.2300", Text("round", Dec("1.2345", 5, 4), I32(2)));
        Assert.Equal("1200.0", Text("round", Dec("1234.5", 5, 1), I32(-2)));
        Assert.Equal(SqlType.Decimal(6, 4), ReturnType("round", SqlType.Decimal(5, 4), SqlType.Int32));
        AssertRows(Texts("round", Slice(Decimals(5, 2, "0.00", "1.25", null, "-1.25", "999.99"), 1, 4), I32(1)), "1.30", null, "-1.30", "1000.00");
        Assert.Equal("1200", Text("round", I32(1234), I32(-2)));
        Assert.Equal("7", Text("round", I32(7)));
    }

    [Fact]
    public void Round_doubles()
    {
        // As PostgreSQL's float8 round (rint): ties to even.
        AssertRows(Texts("round", Doubles(2.5, -2.5, 0.4, null)), "2", "-2", "0", null);
        Assert.Equal("2.68", Text("round", D(2.675), I32(2)));
        Assert.Equal("1200", Text("round", D(1234.5), I32(-2)));
        Assert.Equal(SqlType.Float64, ReturnType("round", SqlType.Float32));
    }

    [Fact]
    public void Trunc_floor_ceil()
    {
        Assert.Equal("-2", Text("trunc", Dec("-2.7", 2, 1)));
        Assert.Equal("1.2300", Text("trunc", Dec("1.2399", 5, 4), I32(2)));
        Assert.Equal("-3", Text("floor", Dec("-2.5", 2, 1)));
        Assert.Equal("-2", Text("ceil", Dec("-2.5", 2, 1)));
        Assert.Equal("3", Text("ceiling", Dec("2.1", 2, 1)));
        Assert.Equal("2", Text("floor", D(2.9)));
        Assert.Equal("-2", Text("trunc", D(-2.9)));
        Assert.Equal("1.23", Text("trunc", D(1.2399), I32(2)));
        Assert.Equal(SqlType.Int64, ReturnType("floor", SqlType.Int64));
        AssertRows(Texts("ceil", Decimals(10, 3, "1.001", null, "-1.999")), "2", null, "-1");
        AssertRows(Texts("trunc", Timestamps("2024-03-15 13:45:30", null, "1969-12-31 23:59:59")), "2024-03-15", null, "1969-12-31");
    }

    [Fact]
    public void Mod_in_the_common_type()
    {
        Assert.Equal("-1", Text("mod", I32(-7), I32(3)));
        Assert.Equal("1", Text("mod", I32(7), I32(-3)));
        Assert.Equal("1.5", Text("mod", Dec("7.5", 2, 1), I32(2)));
        Assert.Equal("-1.5", Text("mod", Dec("-7.5", 2, 1), I32(2)));
        Assert.Equal("0", Text("mod", ScalarValue.Int64(long.MinValue), ScalarValue.Int64(-1)));
        var error = Fails("mod", I32(1), I32(0));
        Assert.Equal(ErrorCode.DivisionByZero, error.Code);
        Assert.Equal("division by zero", error.Message);
        AssertRows(Texts("mod", Int32s(10, null, 9), Int32s(3, 0, null)), "1", null, null);
    }

    [Fact]
    public void Double_functions()
    {
        Assert.Equal("1024", Text("power", I32(2), I32(10)));
        Assert.Equal("1.4142135623730951", Text("pow", D(2), D(0.5)));
        Assert.Equal("4", Text("sqrt", I32(16)));
        Assert.Equal("2", Text("cbrt", D(8)));
        Assert.Equal("1", Text("ln", D(System.Math.E)));
        Assert.Equal("2", Text("log", D(100)));
        Assert.Equal("3", Text("log", D(2), D(8)));
        Assert.Equal("3", Text("log10", D(1000)));
        Assert.Equal("1", Text("exp", D(0)));
        Assert.Equal("3.141592653589793", Text("pi"));
        Assert.Equal("180", Text("degrees", D(System.Math.PI)));
        Assert.Equal("3.141592653589793", Text("radians", D(180)));
        Assert.Equal("0", Text("sin", D(0)));
        Assert.Equal("1", Text("cos", D(0)));
        Assert.Equal("0", Text("tan", D(0)));
        Assert.Equal("0.7853981633974483", Text("atan2", D(1), D(1)));
        Assert.Equal("1.5707963267948966", Text("asin", D(1)));
        Assert.Equal("0", Text("acos", D(1)));
        Assert.Equal("0.7853981633974483", Text("atan", D(1)));
        AssertRows(Texts("sqrt", Slice(Doubles(-1, 4, null, 9), 1, 3)), "2", null, "3");
    }

    [Fact]
    public void Double_function_errors_match_postgresql()
    {
        Assert.Equal("cannot take square root of a negative number", Fails("sqrt", D(-1)).Message);
        Assert.Equal("cannot take logarithm of zero", Fails("ln", D(0)).Message);
        Assert.Equal("cannot take logarithm of a negative number", Fails("log", D(-1)).Message);
        Assert.Equal("zero raised to a negative power is undefined", Fails("power", D(0), D(-1)).Message);
        Assert.Equal("a negative number raised to a non-integer power yields a complex result", Fails("power", D(-8), D(1.0 / 3)).Message);
        Assert.Equal("value out of range: overflow", Fails("exp", D(1000)).Message);
        Assert.Equal("input is out of range", Fails("asin", D(2)).Message);
        Assert.Equal("division by zero", Fails("log", D(1), D(10)).Message);
    }

    [Fact]
    public void Sign_per_type_family()
    {
        Assert.Equal("-1", Text("sign", I32(-3)));
        Assert.Equal(SqlType.Int32, ReturnType("sign", SqlType.Int32));
        Assert.Equal("0", Text("sign", Dec("0.0", 2, 1)));
        Assert.Equal(SqlType.Decimal(1, 0), ReturnType("sign", SqlType.Decimal(10, 2)));
        Assert.Equal("1", Text("sign", D(2.5)));
    }

    [Fact]
    public void Random_is_volatile_and_fills_every_row()
    {
        var function = FunctionRegistry.Default.FindScalar("random")!;
        Assert.Equal(Volatility.Volatile, function.Volatility);
        var binding = function.Bind([])!;
        var result = binding.Kernel([], new KernelContext(100, 0));
        var values = (Apache.Arrow.DoubleArray)result.Array!;
        Assert.Equal(100, values.Length);
        foreach (var value in values.Values)
        {
            Assert.InRange(value, 0.0, 0.9999999999999999);
        }
    }

    [Fact]
    public void Greatest_and_least_skip_nulls()
    {
        Assert.Equal("5", Text("greatest", I32(1), I32(5), ScalarValue.Null, I32(3)));
        Assert.Equal("1", Text("least", I32(1), I32(5), ScalarValue.Null, I32(3)));
        Assert.Null(Text("greatest", ScalarValue.NullOf(SqlType.Int32), ScalarValue.Null));
        Assert.Equal("banana", Text("greatest", ScalarValue.String("apple"), ScalarValue.String("banana"), ScalarValue.String("Zebra")));
        Assert.Equal("2023-06-01", Text("least", Date("2024-01-01"), Date("2023-06-01")));
        Assert.Equal("2.0", Text("greatest", Dec("1.5", 2, 1), I32(2)));
        Assert.Equal("true", Text("greatest", ScalarValue.Boolean(true), ScalarValue.Boolean(false)));
        Assert.Equal("1", Text("least", D(double.NaN), D(1)));
        Assert.Equal("NaN", Text("greatest", D(double.NaN), D(1)));
        Assert.False(FunctionRegistry.Default.FindScalar("greatest")!.IsStrict);
    }

    [Fact]
    public void Greatest_over_arrays_of_mixed_types()
    {
        var left = Slice(Int32s(0, 1, null, 7, null), 1, 4);
        var right = Doubles(0.5, 2.5, 3, null);
        AssertRows(Texts("greatest", left, right), "1", "2.5", "7", null);
        AssertRows(Texts("least", Strings("b", null, "a", "é"), Strings("a", "x", null, "z")), "a", "x", "a", "z");
        AssertRows(Texts("greatest", Timestamps("2024-01-01 10:00:00", null), Dates("2024-01-02", "2024-01-03")), "2024-01-02 00:00:00", "2024-01-03 00:00:00");
    }
}
