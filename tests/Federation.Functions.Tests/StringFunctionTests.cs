using Federation.Common;
using Federation.Common.Types;
using static Federation.Functions.Tests.ArrowValues;
using static Federation.Functions.Tests.FunctionCall;

namespace Federation.Functions.Tests;

/// <summary>String functions; expected values are PostgreSQL 15's (C.UTF-8) unless a Redshift rule is named.</summary>
public sealed class StringFunctionTests
{
    private static ScalarValue S(string text) => ScalarValue.String(text);

    private static ScalarValue I(long value) => ScalarValue.Int64(value);

    private static ScalarValue I32(int value) => ScalarValue.Int32(value);

    [Fact]
    public void Lower_and_upper_handle_ascii_unicode_nulls_and_offsets()
    {
        var input = Slice(Strings("skip", "ÀÉÎ Straße KELVIN", null, "MiXeD"), 1, 3);
        AssertRows(Texts("lower", input), "àéî straße kelvin", null, "mixed");
        AssertRows(Texts("upper", input), "ÀÉÎ STRASSE KELVIN".Replace("SS", "ß", StringComparison.Ordinal), null, "MIXED");
        Assert.Equal("Ǆ", Text("upper", S("ǆ")));
    }

    [Fact]
    public void Lower_of_scalar_returns_scalar_and_null_scalar_gives_null()
    {
        var (value, type, _) = Run("lower", S("ABC"));
        Assert.True(value.IsScalar);
        Assert.Equal(SqlType.String, type);
        Assert.Equal("abc", value.Scalar!.Value);
        Assert.Null(Text("lower", ScalarValue.NullOf(SqlType.String)));
        AssertRows(Texts("lower", Slice(Strings("a", null, null), 1, 2)), null, null);
    }

    [Fact]
    public void Initcap_reverse_length_octet_length()
    {
        Assert.Equal("Hello World Foo-Bar O'Neil 3rd Élan", Text("initcap", S("hello wORLD foo-bar o'neil 3rd éLAN")));
        Assert.Equal("École Élève", Text("initcap", S("ÉCOLE élève")));
        Assert.Equal("c€bña", Text("reverse", S("añb€c")));
        Assert.Equal("5", Text("length", S("añb€c")));
        Assert.Equal("8", Text("octet_length", S("añb€c")));
        AssertRows(Texts("char_length", Strings("abc", null, "")), "3", null, "0");
        Assert.Equal(SqlType.Int32, ReturnType("len", SqlType.String));
    }

    [Fact]
    public void Substring_follows_postgresql_start_and_count_rules()
    {
        Assert.Equal("ñb€", Text("substr", S("añb€cde"), I32(2), I32(3)));
        Assert.Equal("h", Text("substring", S("hello"), I32(-1), I32(3)));
        Assert.Equal("llo", Text("substring", S("hello"), I32(3)));
        Assert.Equal(string.Empty, Text("substring", S("hello"), I32(10)));
        Assert.Equal(string.Empty, Text("substring", S("hello"), I32(0), I32(1)));
        AssertRows(Texts("substring", Slice(Strings("q", "hello", null, "xyz"), 1, 3), I(2), I(2)), "el", null, "yz");
        var error = Assert.Throws<FederationException>(() => Text("substr", S("hello"), I32(1), I32(-1)));
        Assert.Equal("negative substring length not allowed", error.Message);
    }

    [Fact]
    public void Substring_with_array_positions()
    {
        AssertRows(Texts("substr", Strings("abc", "abc", "abc"), Int32s(2, 3, null)), "bc", "c", null);
    }

    [Fact]
    public void Trim_functions()
    {
        Assert.Equal("hi", Text("btrim", S("xxhixx"), S("x")));
        Assert.Equal("hi  ", Text("ltrim", S("  hi  ")));
        Assert.Equal("  hi", Text("rtrim", S("  hi  ")));
        Assert.Equal("a", Text("trim", S("€a€"), S("€")));
        Assert.Equal(string.Empty, Text("btrim", S("  ")));
        Assert.Equal("cba", Text("ltrim", S("abcba"), S("ab")));
        AssertRows(Texts("btrim", Strings("aba", null, "xcx"), Strings("a", "b", "x")), "b", null, "c");
    }

    [Fact]
    public void Position_strpos_and_charindex_argument_orders()
    {
        Assert.Equal("2", Text("position", S("b€"), S("ab€c")));
        Assert.Equal("2", Text("strpos", S("ab€cb€"), S("b€")));
        Assert.Equal("1", Text("strpos", S("abc"), S(string.Empty)));
        Assert.Equal("0", Text("strpos", S("abc"), S("z")));
        AssertRows(Texts("charindex", S("c"), Strings("abc", "xyz", null)), "3", "0", null);
    }

    [Fact]
    public void Concat_skips_nulls_and_prints_booleans_like_postgresql()
    {
        Assert.Equal("a1t2.50", Text("concat", S("a"), ScalarValue.Null, ScalarValue.Int32(1), ScalarValue.Boolean(true), Decimal("2.50", 3, 2)));
        Assert.Equal(string.Empty, Text("concat", ScalarValue.Null));
        AssertRows(Texts("concat", Strings("x", "y", null), Int32s(1, null, 2)), "x1", "y", "2");
        var function = FunctionRegistry.Default.FindScalar("concat")!;
        Assert.False(function.IsStrict);
    }

    [Fact]
    public void Replace_and_translate()
    {
        Assert.Equal("aXaX", Text("replace", S("abcabc"), S("bc"), S("X")));
        Assert.Equal("ba", Text("replace", S("aaa"), S("aa"), S("b")));
        Assert.Equal("abc", Text("replace", S("abc"), S(string.Empty), S("x")));
        Assert.Equal("a2x5", Text("translate", S("12345"), S("143"), S("ax")));
        Assert.Equal("hello", Text("translate", S("héllo"), S("é"), S("e")));
    }

    [Fact]
    public void Split_part_counts_fields_from_either_end()
    {
        Assert.Equal(string.Empty, Text("split_part", S("a,b,,c"), S(","), I32(3)));
        Assert.Equal("c", Text("split_part", S("a,b,c"), S(","), I32(-1)));
        Assert.Equal(string.Empty, Text("split_part", S("a,b,c"), S(","), I32(5)));
        Assert.Equal(string.Empty, Text("split_part", S("a,b,c"), S(","), I32(-4)));
        Assert.Equal(string.Empty, Text("split_part", S(string.Empty), S(","), I32(1)));
        Assert.Equal("abc", Text("split_part", S("abc"), S(string.Empty), I32(1)));
        Assert.Equal(string.Empty, Text("split_part", S("abc"), S(string.Empty), I32(2)));
        AssertRows(Texts("split_part", Strings("a-b-c", null, "x-y"), S("-"), Int32s(2, 1, -1)), "b", null, "y");
        var error = Assert.Throws<FederationException>(() => Text("split_part", S("a"), S(","), I32(0)));
        Assert.Equal("field position must not be zero", error.Message);
    }

    [Fact]
    public void Left_and_right_with_negative_counts()
    {
        Assert.Equal("hé", Text("left", S("héllo"), I32(2)));
        Assert.Equal("hél", Text("left", S("héllo"), I32(-2)));
        Assert.Equal("lo", Text("right", S("héllo"), I32(2)));
        Assert.Equal("llo", Text("right", S("héllo"), I32(-2)));
        Assert.Equal("abc", Text("left", S("abc"), I32(10)));
        Assert.Equal(string.Empty, Text("right", S("abc"), I32(-10)));
    }

    [Fact]
    public void Pad_functions()
    {
        Assert.Equal("xyxhi", Text("lpad", S("hi"), I32(5), S("xy")));
        Assert.Equal("hixyx", Text("rpad", S("hi"), I32(5), S("xy")));
        Assert.Equal("he", Text("lpad", S("hello"), I32(2)));
        Assert.Equal("   hi", Text("lpad", S("hi"), I32(5)));
        Assert.Equal(string.Empty, Text("lpad", S("hi"), I32(-1)));
        Assert.Equal("hi", Text("lpad", S("hi"), I32(5), S(string.Empty)));
        Assert.Equal("é€€", Text("rpad", S("é"), I32(3), S("€")));
        AssertRows(Texts("lpad", Strings("a", null, "bcde"), I32(3)), "  a", null, "bcd");
        var error = Assert.Throws<FederationException>(() => Text("lpad", S("a"), I(int.MaxValue)));
        Assert.Equal("requested length too large", error.Message);
    }

    [Fact]
    public void Repeat_ascii_chr()
    {
        Assert.Equal("ababab", Text("repeat", S("ab"), I32(3)));
        Assert.Equal(string.Empty, Text("repeat", S("ab"), I32(0)));
        Assert.Equal(string.Empty, Text("repeat", S("ab"), I32(-1)));
        Assert.Equal("233", Text("ascii", S("é")));
        Assert.Equal("0", Text("ascii", S(string.Empty)));
        Assert.Equal("€", Text("chr", I32(8364)));
        Assert.Equal("A", Text("chr", I32(65)));
        Assert.Equal("null character not permitted", Assert.Throws<FederationException>(() => Text("chr", I32(0))).Message);
        Assert.Equal("requested character too large for encoding: 1114112", Assert.Throws<FederationException>(() => Text("chr", I32(0x110000))).Message);
        Assert.Equal("requested length too large", Assert.Throws<FederationException>(() => Text("repeat", S("ab"), I32(int.MaxValue))).Message);
    }

    [Fact]
    public void Md5_quote_literal_starts_with()
    {
        Assert.Equal("900150983cd24fb0d6963f7d28e17f72", Text("md5", S("abc")));
        Assert.Equal("d41d8cd98f00b204e9800998ecf8427e", Text("md5", S(string.Empty)));
        Assert.Equal("'O''Reilly'", Text("quote_literal", S("O'Reilly")));
        Assert.Equal(@"E'a\\b'", Text("quote_literal", S(@"a\b")));
        AssertRows(Texts("starts_with", Slice(Strings("z", "alphabet", "beta", null), 1, 3), S("alph")), "true", "false", null);
    }

    [Fact]
    public void Regexp_replace_postgresql_forms()
    {
        Assert.Equal("fooXbaz", Text("regexp_replace", S("foobarbaz"), S("b.."), S("X")));
        Assert.Equal("fooXX", Text("regexp_replace", S("foobarbaz"), S("b.."), S("X"), S("g")));
        Assert.Equal("foo[RA][za]", Text("regexp_replace", S("fooBARbaz"), S("b(.)(.)"), S(@"[\2\1]"), S("gi")));
        Assert.Equal("-a-b-c-", Text("regexp_replace", S("abc"), S("x*"), S("-"), S("g")));
        Assert.Equal("a$b$c", Text("regexp_replace", S("a.b.c"), S(@"\."), S("$"), S("g")));
        Assert.Equal(@"ab\c", Text("regexp_replace", S("abc"), S("(b)"), S(@"\9\&\\")));
        Assert.Equal("ThM", Text("regexp_replace", S("Thomas"), S(".[mN]a."), S("M")));
        Assert.Equal("ab#cd#", Text("regexp_replace", S("ab12cd34"), S("[[:digit:]]+"), S("#"), S("g")));
        Assert.Equal("aba", Text("regexp_replace", S("aaa"), S("a"), S("b"), I32(2)));
        Assert.Equal("aaba", Text("regexp_replace", S("aaaa"), S("a"), S("b"), I32(2), I32(2)));
        Assert.Equal("abbb", Text("regexp_replace", S("aaaa"), S("a"), S("b"), I32(2), I32(0)));
    }

    [Fact]
    public void Regexp_replace_over_arrays_with_varying_patterns_and_errors()
    {
        var sources = Slice(Strings("-", "a1b2", null, "xyz", "q"), 1, 4);
        AssertRows(Texts("regexp_replace", sources, S(@"\d"), S("#")), "a#b2", null, "xyz", "q");
        AssertRows(Texts("regexp_replace", sources, Strings("1", "y", "xy", "Q"), S(string.Empty)), "ab2", null, "z", "q");
        var bad = Assert.Throws<FederationException>(() => Text("regexp_replace", S("a"), S("("), S("x")));
        Assert.Equal(ErrorCode.InvalidRegularExpression, bad.Code);
        Assert.StartsWith("invalid regular expression:", bad.Message, StringComparison.Ordinal);
        var flag = Assert.Throws<FederationException>(() => Text("regexp_replace", S("a"), S("a"), S("x"), S("z")));
        Assert.Equal("invalid regular expression option: \"z\"", flag.Message);
    }

    [Fact]
    public void Regexp_count_and_substr()
    {
        Assert.Equal("3", Text("regexp_count", S("ababab"), S("ab")));
        Assert.Equal("2", Text("regexp_count", S("ababab"), S("ab"), I32(3)));
        Assert.Equal("4", Text("regexp_count", S("abc"), S("x*")));
        Assert.Equal("2", Text("regexp_count", S("ABab"), S("ab"), I32(1), S("i")));
        Assert.Equal("123", Text("regexp_substr", S("number 123 and 456"), S(@"\d+")));
        Assert.Equal("456", Text("regexp_substr", S("number 123 and 456"), S(@"\d+"), I32(1), I32(2)));
        Assert.Equal("val", Text("regexp_substr", S("key=val"), S(@"(\w+)=(\w+)"), I32(1), I32(1), S(string.Empty), I32(2)));
        // Redshift: no match gives '' and the 'e' parameter extracts the first subexpression.
        Assert.Equal(string.Empty, Text("regexp_substr", S("abc"), S("x")));
        Assert.Equal("key", Text("regexp_substr", S("key=val"), S(@"(\w+)=(\w+)"), I32(1), I32(1), S("e")));
        AssertRows(Texts("regexp_substr", Strings("a1", null, "b"), S("[0-9]")), "1", null, "");
    }

    [Fact]
    public void Arrays_sliced_at_byte_aligned_and_unaligned_offsets()
    {
        var values = Enumerable.Range(0, 20).Select(i => i % 3 == 0 ? null : "Row" + i).ToArray();
        var whole = Strings(values);
        foreach (var offset in new[] { 8, 11 })
        {
            var expected = values.Skip(offset).Take(6).Select(v => v?.ToUpperInvariant()).ToArray();
            AssertRows(Texts("upper", Slice(whole, offset, 6)), expected);
            var lengths = values.Skip(offset).Take(6).Select(v => v?.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            AssertRows(Texts("length", Slice(whole, offset, 6)), lengths);
        }
    }

    [Fact]
    public void Regexp_replace_binding_reuses_its_pattern_across_batches()
    {
        var binding = FunctionRegistry.Default.FindScalar("regexp_replace")!.Bind([SqlType.String, SqlType.String, SqlType.String, SqlType.String])!;
        ColumnarValue[] first = [ColumnarValue.FromArray(Strings("a1", "b22")), S(@"\d"), S("#"), S("g")];
        ColumnarValue[] second = [ColumnarValue.FromArray(Strings("333", null)), S(@"\d"), S("#"), S("g")];
        var one = binding.Kernel(first, new KernelContext(2, 0));
        var two = binding.Kernel(second, new KernelContext(2, 0));
        AssertRows(ArrowValues.Texts(one, SqlType.String, 2), "a#", "b##");
        AssertRows(ArrowValues.Texts(two, SqlType.String, 2), "###", null);
    }
}
