using Federation.Common;
using Federation.Common.Types;
using Federation.Functions.Kernels;

namespace Federation.Functions.Tests;

/// <summary>
/// Text to real/smallint: the parsed value must be boxed as the CLR type its kind computes with, or a kernel that
/// unboxes it later fails ('1.5'::real once failed with "Unable to cast System.Double to System.Single").
/// </summary>
public sealed class NumericCastTests
{
    [Fact]
    public void Text_to_real_is_a_float()
    {
        Assert.True(ValueParser.TryParse("1.5", SqlType.Float32, out var value, out _));
        Assert.IsType<float>(value);
        Assert.Equal(1.5f, (float)value!);

        var cast = CastKernel.Cast(ColumnarValue.FromScalar(ScalarValue.String("0.1")), SqlType.String, SqlType.Float32, 1, SessionTimeZone.Utc);
        Assert.Equal(ScalarValue.Float32(0.1f), cast.Scalar);
    }

    [Fact]
    public void Text_to_smallint_is_a_short()
    {
        Assert.True(ValueParser.TryParse("-7", SqlType.Int16, out var value, out _));
        Assert.IsType<short>(value);
    }

    [Theory]
    [InlineData("1e39", "real")]
    [InlineData("-1e39", "real")]
    [InlineData("1e-50", "real")]
    [InlineData("1e400", "double precision")]
    public void Out_of_range_text_is_refused(string text, string typeName)
    {
        var type = typeName == "real" ? SqlType.Float32 : SqlType.Float64;
        Assert.False(ValueParser.TryParse(text, type, out _, out var error));
        Assert.Equal($"\"{text}\" is out of range for type {typeName}", error!.Message);
    }

    [Theory]
    [InlineData("infinity")]
    [InlineData("-Infinity")]
    [InlineData("inf")]
    public void Infinity_spellings_are_accepted(string text)
    {
        Assert.True(ValueParser.TryParse(text, SqlType.Float32, out var f, out _));
        Assert.True(float.IsInfinity((float)f!));
        Assert.True(ValueParser.TryParse(text, SqlType.Float64, out var d, out _));
        Assert.True(double.IsInfinity((double)d!));
    }

    [Fact]
    public void Double_too_large_for_real_is_refused()
    {
        var error = Assert.Throws<FederationException>(() =>
            CastKernel.Cast(ColumnarValue.FromScalar(ScalarValue.Float64(1e39)), SqlType.Float64, SqlType.Float32, 1, SessionTimeZone.Utc));
        Assert.Equal("value out of range: overflow", error.Message);
    }

    [Fact]
    public void Scalar_refuses_a_value_of_the_wrong_representation()
    {
        Assert.Throws<FederationException>(() => new ScalarValue(SqlType.Float32, 1.5d));
        Assert.Throws<FederationException>(() => new ScalarValue(SqlType.Int16, 1));
        Assert.Throws<FederationException>(() => new ScalarValue(SqlType.Int64, 1));
        Assert.Equal(1.5f, new ScalarValue(SqlType.Float32, 1.5f).Value);
    }
}
