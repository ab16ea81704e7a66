using Federation.Common;
using Federation.Sql.Ast;
using Federation.Sql.Lexing;

namespace Federation.Sql.Tests;

public sealed class LexerTests
{
    private static List<Token> Lex(string sql)
    {
        var tokens = Lexer.Tokenize(sql).ToList();
        Assert.Equal(TokenKind.EndOfInput, tokens[^1].Kind);
        tokens.RemoveAt(tokens.Count - 1);
        return tokens;
    }

    private static Token Single(string sql) => Assert.Single(Lex(sql));

    private static string LexError(string sql)
    {
        var error = Assert.Throws<FederationException>(() => Lexer.Tokenize(sql));
        Assert.Equal(ErrorCode.SyntaxError, error.Code);
        return error.Message;
    }

    [Fact]
    public void Empty_input_is_only_end_of_input_at_line_1_column_1()
    {
        Token end = Assert.Single(Lexer.Tokenize("  -- nothing here\n /* or here */ "));
        Assert.Equal(TokenKind.EndOfInput, end.Kind);
        Assert.Equal(new SourcePosition(1, 1), end.Position);
    }

    [Theory]
    [InlineData("foo", "foo")]
    [InlineData("FooBar", "foobar")]
    [InlineData("_x1$", "_x1$")]
    [InlineData("ÄBC", "Äbc")] // only ASCII letters fold, as in PostgreSQL
    [InlineData("日本", "日本")]
    public void Unquoted_words_fold_ascii_to_lower_case(string sql, string value)
    {
        Token token = Single(sql);
        Assert.Equal(TokenKind.Word, token.Kind);
        Assert.Equal(sql, token.Text);
        Assert.Equal(value, token.Value);
        Assert.Equal(Keyword.None, token.Keyword);
    }

    [Theory]
    [InlineData("SELECT", Keyword.Select)]
    [InlineData("sElEcT", Keyword.Select)]
    [InlineData("current_timestamp", Keyword.CurrentTimestamp)]
    [InlineData("Year", Keyword.Year)]
    [InlineData("SYSDATE", Keyword.Sysdate)]
    public void Keywords_are_case_insensitive(string sql, Keyword keyword)
    {
        Token token = Single(sql);
        Assert.Equal(TokenKind.Word, token.Kind);
        Assert.Equal(keyword, token.Keyword);
        Assert.Equal(sql.ToLowerInvariant(), token.Value);
        Assert.Equal(sql, token.Text);
    }

    [Fact]
    public void Non_ascii_lookalikes_are_not_keywords()
    {
        // U+017F LATIN SMALL LETTER LONG S upper-cases to 'S' but must not make SELECT.
        Assert.Equal(Keyword.None, Single("ſelect").Keyword);
    }

    [Theory]
    [InlineData("\"Foo\"", "Foo")]
    [InlineData("\"select\"", "select")]
    [InlineData("\"a\"\"b\"", "a\"b")]
    [InlineData("\"with space\"", "with space")]
    public void Quoted_identifiers_keep_case_and_are_never_keywords(string sql, string value)
    {
        Token token = Single(sql);
        Assert.Equal(TokenKind.QuotedIdentifier, token.Kind);
        Assert.Equal(value, token.Value);
        Assert.Equal(sql, token.Text);
        Assert.Equal(Keyword.None, token.Keyword);
    }

    [Theory]
    [InlineData("42")]
    [InlineData("3.14")]
    [InlineData(".5")]
    [InlineData("1.")]
    [InlineData("1e10")]
    [InlineData("1.5E-3")]
    [InlineData("2e+7")]
    [InlineData("1.e5")]
    [InlineData("007")]
    public void Numbers_keep_their_text(string sql)
    {
        Token token = Single(sql);
        Assert.Equal(TokenKind.Number, token.Kind);
        Assert.Equal(sql, token.Text);
        Assert.Equal(sql, token.Value);
    }

    [Fact]
    public void A_sign_is_not_part_of_a_number()
    {
        Assert.Equal([TokenKind.Minus, TokenKind.Number], Lex("-1").Select(t => t.Kind));
        Assert.Equal([TokenKind.Number, TokenKind.Plus, TokenKind.Number], Lex("1+2").Select(t => t.Kind));
    }

    [Theory]
    [InlineData("SELECT 123abc", "trailing junk after numeric literal at or near \"123abc\" (line 1, column 8)")]
    [InlineData("1e", "trailing junk after numeric literal at or near \"1e\" (line 1, column 1)")]
    [InlineData("x = 1.5x", "trailing junk after numeric literal at or near \"1.5x\" (line 1, column 5)")]
    [InlineData("$1a", "trailing junk after parameter at or near \"$1a\" (line 1, column 1)")]
    [InlineData("$0", "there is no parameter $0 (line 1, column 1)")]
    [InlineData("$99999999999", "there is no parameter $99999999999 (line 1, column 1)")]
    public void Junk_after_numbers_and_parameters_is_an_error(string sql, string message)
    {
        Assert.Equal(message, LexError(sql));
    }

    [Fact]
    public void Parameters_carry_their_index()
    {
        Token token = Single("$12");
        Assert.Equal(TokenKind.Parameter, token.Kind);
        Assert.Equal("12", token.Value);
        Assert.Equal("$12", token.Text);
    }

    [Theory]
    [InlineData("'abc'", "abc")]
    [InlineData("''", "")]
    [InlineData("'it''s'", "it's")]
    [InlineData("''''", "'")]
    [InlineData("'back\\slash'", "back\\slash")] // no backslash escapes in standard strings
    [InlineData("N'national'", "national")]
    [InlineData("'multi\nline'", "multi\nline")]
    [InlineData("'a'\n'b'", "ab")] // continuation across a line break
    [InlineData("'a'  \r\n  'b'\n'c'", "abc")]
    public void Standard_strings(string sql, string value)
    {
        Token token = Single(sql);
        Assert.Equal(TokenKind.String, token.Kind);
        Assert.Equal(value, token.Value);
        Assert.Equal(sql, token.Text);
    }

    [Fact]
    public void Strings_on_one_line_do_not_continue()
    {
        Assert.Equal(["a", "b"], Lex("'a' 'b'").Select(t => t.Value));
    }

    [Theory]
    [InlineData(@"E'a\nb'", "a\nb")]
    [InlineData(@"e'\t\r\b\f'", "\t\r\b\f")]
    [InlineData(@"E'it\'s'", "it's")]
    [InlineData(@"E'it''s'", "it's")]
    [InlineData(@"E'\\'", "\\")]
    [InlineData(@"E'\q'", "q")]
    [InlineData(@"E'\101\x42\x'", "ABx")]
    [InlineData(@"E'\xc3\xa9'", "é")] // bytes form UTF-8
    [InlineData(@"E'caf\u00e9'", "café")]
    [InlineData(@"E'\U0001F600'", "😀")]
    [InlineData(@"E'\uD83D\uDE00'", "😀")] // a surrogate pair
    public void Escape_strings(string sql, string value)
    {
        Token token = Single(sql);
        Assert.Equal(TokenKind.String, token.Kind);
        Assert.Equal(value, token.Value);
    }

    [Theory]
    [InlineData(@"E'\xff'", "invalid byte sequence for encoding \"UTF8\" in escape string (line 1, column 7)")]
    [InlineData(@"E'\0'", "invalid byte sequence for encoding \"UTF8\" in escape string (line 1, column 5)")]
    [InlineData(@"E'\u12'", "invalid Unicode escape: must be \\uXXXX or \\UXXXXXXXX (line 1, column 3)")]
    [InlineData(@"E'\uD83D'", "invalid Unicode surrogate pair (line 1, column 3)")]
    [InlineData(@"E'\U00110000'", "invalid Unicode escape value (line 1, column 3)")]
    [InlineData(@"E'abc\'", "unterminated quoted string (line 1, column 1)")]
    public void Bad_escape_strings_are_errors(string sql, string message)
    {
        Assert.Equal(message, LexError(sql));
    }

    [Theory]
    [InlineData("$$it's$$", "it's")]
    [InlineData("$$$$", "")]
    [InlineData("$fn$ a $$ b $fn$", " a $$ b ")]
    [InlineData("$a1_$x$a1_$", "x")]
    [InlineData("$$multi\nline$$", "multi\nline")]
    public void Dollar_quoted_strings(string sql, string value)
    {
        Token token = Single(sql);
        Assert.Equal(TokenKind.String, token.Kind);
        Assert.Equal(value, token.Value);
        Assert.Equal(sql, token.Text);
    }

    [Fact]
    public void A_dollar_inside_an_identifier_is_part_of_it()
    {
        Token token = Single("a$b$");
        Assert.Equal(TokenKind.Word, token.Kind);
        Assert.Equal("a$b$", token.Value);
    }

    [Fact]
    public void A_lone_dollar_is_an_unknown_token()
    {
        Assert.Equal([TokenKind.Unknown, TokenKind.Word], Lex("$abc").Select(t => t.Kind));
    }

    [Theory]
    [InlineData("+", TokenKind.Plus)]
    [InlineData("-", TokenKind.Minus)]
    [InlineData("*", TokenKind.Star)]
    [InlineData("/", TokenKind.Slash)]
    [InlineData("%", TokenKind.Percent)]
    [InlineData("||", TokenKind.Concat)]
    [InlineData("=", TokenKind.Equal)]
    [InlineData("<>", TokenKind.NotEqual)]
    [InlineData("!=", TokenKind.NotEqual)]
    [InlineData("<", TokenKind.Less)]
    [InlineData("<=", TokenKind.LessOrEqual)]
    [InlineData(">", TokenKind.Greater)]
    [InlineData(">=", TokenKind.GreaterOrEqual)]
    [InlineData("::", TokenKind.DoubleColon)]
    [InlineData("~", TokenKind.Tilde)]
    [InlineData("~*", TokenKind.TildeStar)]
    [InlineData("!~", TokenKind.NotTilde)]
    [InlineData("!~*", TokenKind.NotTildeStar)]
    [InlineData("~~", TokenKind.DoubleTilde)]
    [InlineData("~~*", TokenKind.DoubleTildeStar)]
    [InlineData("!~~", TokenKind.NotDoubleTilde)]
    [InlineData("!~~*", TokenKind.NotDoubleTildeStar)]
    [InlineData("(", TokenKind.LeftParen)]
    [InlineData(")", TokenKind.RightParen)]
    [InlineData(",", TokenKind.Comma)]
    [InlineData(".", TokenKind.Dot)]
    [InlineData(";", TokenKind.Semicolon)]
    [InlineData("[", TokenKind.LeftBracket)]
    [InlineData("]", TokenKind.RightBracket)]
    [InlineData("@", TokenKind.AtSign)]
    [InlineData("^", TokenKind.Caret)]
    [InlineData("#", TokenKind.Unknown)]
    [InlineData(":", TokenKind.Unknown)]
    [InlineData("|", TokenKind.Unknown)]
    [InlineData("!", TokenKind.Unknown)]
    public void Operators_and_punctuation(string sql, TokenKind kind)
    {
        Token token = Single(sql);
        Assert.Equal(kind, token.Kind);
        Assert.Equal(sql, token.Text);
    }

    [Fact]
    public void Operators_are_read_longest_first_without_swallowing_a_sign()
    {
        Assert.Equal(
            [TokenKind.Word, TokenKind.LessOrEqual, TokenKind.Minus, TokenKind.Number],
            Lex("a<=-1").Select(t => t.Kind));
        Assert.Equal(
            [TokenKind.Word, TokenKind.DoubleColon, TokenKind.Word, TokenKind.DoubleColon, TokenKind.Word],
            Lex("x::int::text").Select(t => t.Kind));
    }

    [Fact]
    public void Comments_are_skipped_and_block_comments_nest()
    {
        var tokens = Lex("SELECT -- line comment ; 'not a string\n 1 /* outer /* inner */ still comment */ + 2 --");
        Assert.Equal(["SELECT", "1", "+", "2"], tokens.Select(t => t.Text));
    }

    [Fact]
    public void Minus_minus_inside_an_expression_starts_a_comment()
    {
        Assert.Equal(["1"], Lex("1--2").Select(t => t.Text));
    }

    [Theory]
    [InlineData("SELECT 'abc", "unterminated quoted string (line 1, column 8)")]
    [InlineData("SELECT\n  E'abc\\'", "unterminated quoted string (line 2, column 3)")]
    [InlineData("SELECT \"abc", "unterminated quoted identifier (line 1, column 8)")]
    [InlineData("SELECT 1 /* a /* b */", "unterminated /* comment (line 1, column 10)")]
    [InlineData("SELECT $x$ abc $y$", "unterminated dollar-quoted string (line 1, column 8)")]
    [InlineData("SELECT \"\"", "zero-length delimited identifier at or near \"\"\"\" (line 1, column 8)")]
    public void Unterminated_tokens_are_syntax_errors_with_their_start(string sql, string message)
    {
        Assert.Equal(message, LexError(sql));
    }

    [Fact]
    public void Positions_are_one_based_lines_and_columns()
    {
        var tokens = Lex("SELECT a,\n  bb\r\n\tFROM\rt");
        Assert.Equal(
            [(1, 1), (1, 8), (1, 9), (2, 3), (3, 2), (4, 1)],
            tokens.Select(t => (t.Position.Line, t.Position.Column)));
    }

    [Fact]
    public void Positions_after_multi_line_tokens_count_their_line_breaks()
    {
        var tokens = Lex("'a\nb' /* x\ny */ c\n$$\n$$ d");
        Assert.Equal([(1, 1), (3, 6), (4, 1), (5, 4)], tokens.Select(t => (t.Position.Line, t.Position.Column)));
    }

    [Fact]
    public void End_of_input_is_just_past_the_last_token()
    {
        var tokens = Lexer.Tokenize("SELECT *\nFROM t   -- trailing\n\n");
        Token end = tokens[^1];
        Assert.Equal(TokenKind.EndOfInput, end.Kind);
        Assert.Equal(new SourcePosition(2, 7), end.Position);
        Assert.Equal("", end.Text);
    }

    [Fact]
    public void Offsets_cover_the_token_text()
    {
        const string sql = "SELECT \"Q\", 'x''y', $$d$$";
        foreach (Token token in Lexer.Tokenize(sql))
        {
            Assert.Equal(token.Text, sql[token.Start..token.End]);
        }
    }
}
