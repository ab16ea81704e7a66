using Federation.Common.Types;
using Federation.Functions.Kernels;
using static Federation.Functions.Tests.ArrowValues;

namespace Federation.Functions.Tests;

/// <summary>CHAR(n) casts: to CHAR(n) cuts and blank-pads to n characters; from CHAR(n) to text drops the padding.</summary>
public sealed class CharCastTests
{
    private static string?[] Cast(SqlType from, SqlType to, params string?[] values) =>
        Texts(ColumnarValue.FromArray(CastKernel.Cast(Strings(values), from, to, SessionTimeZone.Utc)), to, values.Length);

    [Fact]
    public void Text_to_char_pads_and_cuts()
    {
        FunctionCall.AssertRows(Cast(SqlType.String, SqlType.Char(4), "ab", "", "abcdef", null, "é"), "ab  ", "    ", "abcd", null, "é   ");
    }

    [Fact]
    public void Char_to_text_drops_the_padding()
    {
        FunctionCall.AssertRows(Cast(SqlType.Char(4), SqlType.String, "ab  ", "    ", " a  ", null), "ab", string.Empty, " a", null);
        FunctionCall.AssertRows(Cast(SqlType.Char(6), SqlType.Varchar(3), "abcd  ", "a     "), "abc", "a");
    }

    [Fact]
    public void Char_to_char_of_another_length()
    {
        FunctionCall.AssertRows(Cast(SqlType.Char(6), SqlType.Char(2), "abcd  ", "a     "), "ab", "a ");
        FunctionCall.AssertRows(Cast(SqlType.Char(2), SqlType.Char(4), "ab", "a "), "ab  ", "a   ");
    }

    [Fact]
    public void Numbers_to_char_are_padded()
    {
        var cast = CastKernel.Cast(Int32s(42, -7, null), SqlType.Int32, SqlType.Char(4), SessionTimeZone.Utc);
        FunctionCall.AssertRows(Texts(ColumnarValue.FromArray(cast), SqlType.Char(4), 3), "42  ", "-7  ", null);
        Assert.Equal("1.5  ", CastKernel.Cast(ColumnarValue.FromScalar(ScalarValue.Float64(1.5)), SqlType.Float64, SqlType.Char(5), 1, SessionTimeZone.Utc).Scalar!.Value);
    }

    [Fact]
    public void Literal_text_as_char_is_padded()
    {
        Assert.True(ValueParser.TryParse("ab", SqlType.Char(4), out var value, out _));
        Assert.Equal("ab  ", value);
        Assert.True(ValueParser.TryParse("abcdef", SqlType.Char(3), out value, out _));
        Assert.Equal("abc", value);
    }
}
