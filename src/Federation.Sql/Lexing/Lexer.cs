using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;
using Federation.Common;
using Federation.Sql.Ast;

namespace Federation.Sql.Lexing;

/// <summary>
/// Turns SQL text into tokens by PostgreSQL's lexical rules: unquoted identifiers fold to lower case (ASCII only),
/// strings may be '...', E'...', N'...' or dollar-quoted, comments are <c>--</c> to end of line or nested
/// <c>/* */</c>. Scanning is a single forward pass over the string without regular expressions.
/// </summary>
/// <remarks>
/// Characters that start no token become <see cref="TokenKind.Unknown"/> tokens instead of errors, so that
/// <see cref="Parsing.SqlParser.SplitStatements"/> can cut text it cannot parse; the parser rejects them.
/// Only input that cannot be cut into tokens at all (an unterminated string, quoted identifier or comment,
/// junk glued to a number, a bad escape) is an error here.
/// </remarks>
public sealed class Lexer
{
    private static readonly SearchValues<char> LineBreaks = SearchValues.Create("\r\n");
    private static readonly SearchValues<char> CommentDelimiters = SearchValues.Create("/*");

    private readonly string _sql;
    private readonly List<Token> _tokens;
    private int _offset;

    // Bytes from octal and hex escapes in an E'' string, decoded as UTF-8 once the run of byte escapes ends.
    private List<byte>? _escapedBytes;

    // Line/column bookkeeping. Positions are asked for in increasing offset order, so a cursor that only moves
    // forward counts each line break once; the scanning loops themselves never look at line breaks.
    private int _lineCursor;
    private int _line = 1;
    private int _lineStart;

    private Lexer(string sql)
    {
        _sql = sql;
        _tokens = new List<Token>(Math.Max(16, sql.Length / 4));
    }

    /// <summary>
    /// Splits <paramref name="sql"/> into tokens. The list always ends with one <see cref="TokenKind.EndOfInput"/>
    /// token, positioned just past the last real token.
    /// </summary>
    /// <exception cref="FederationException">SyntaxError for input that cannot be tokenized.</exception>
    public static IReadOnlyList<Token> Tokenize(string sql) => TokenizeToList(sql);

    internal static List<Token> TokenizeToList(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var lexer = new Lexer(sql);
        lexer.Run();
        return lexer._tokens;
    }

    private void Run()
    {
        while (true)
        {
            SkipWhitespaceAndComments();
            if (_offset >= _sql.Length)
            {
                break;
            }

            ScanToken();
        }

        int end = _tokens.Count == 0 ? 0 : _tokens[^1].End;
        _tokens.Add(new Token(TokenKind.EndOfInput, "", "", Keyword.None, PositionAt(end), end, end));
    }

    private void ScanToken()
    {
        int start = _offset;
        char c = _sql[start];
        switch (c)
        {
            case '\'':
                ScanString(start, start, backslashEscapes: false);
                return;
            case '"':
                ScanQuotedIdentifier(start);
                return;
            case '$':
                ScanDollar(start);
                return;
            case '(':
                AddOperator(TokenKind.LeftParen, "(");
                return;
            case ')':
                AddOperator(TokenKind.RightParen, ")");
                return;
            case ',':
                AddOperator(TokenKind.Comma, ",");
                return;
            case ';':
                AddOperator(TokenKind.Semicolon, ";");
                return;
            case '[':
                AddOperator(TokenKind.LeftBracket, "[");
                return;
            case ']':
                AddOperator(TokenKind.RightBracket, "]");
                return;
            case '+':
                AddOperator(TokenKind.Plus, "+");
                return;
            case '-':
                // "--" was consumed as a comment already.
                AddOperator(TokenKind.Minus, "-");
                return;
            case '*':
                AddOperator(TokenKind.Star, "*");
                return;
            case '/':
                AddOperator(TokenKind.Slash, "/");
                return;
            case '%':
                AddOperator(TokenKind.Percent, "%");
                return;
            case '^':
                AddOperator(TokenKind.Caret, "^");
                return;
            case '@':
                AddOperator(TokenKind.AtSign, "@");
                return;
            case '=':
                AddOperator(TokenKind.Equal, "=");
                return;
            case '.':
                if (IsAsciiDigit(CharAt(start + 1)))
                {
                    ScanNumber(start);
                }
                else
                {
                    AddOperator(TokenKind.Dot, ".");
                }

                return;
            case '|':
                if (CharAt(start + 1) == '|')
                {
                    AddOperator(TokenKind.Concat, "||");
                }
                else
                {
                    AddUnknown(start);
                }

                return;
            case '<':
                if (CharAt(start + 1) == '=')
                {
                    AddOperator(TokenKind.LessOrEqual, "<=");
                }
                else if (CharAt(start + 1) == '>')
                {
                    AddOperator(TokenKind.NotEqual, "<>");
                }
                else
                {
                    AddOperator(TokenKind.Less, "<");
                }

                return;
            case '>':
                if (CharAt(start + 1) == '=')
                {
                    AddOperator(TokenKind.GreaterOrEqual, ">=");
                }
                else
                {
                    AddOperator(TokenKind.Greater, ">");
                }

                return;
            case ':':
                if (CharAt(start + 1) == ':')
                {
                    AddOperator(TokenKind.DoubleColon, "::");
                }
                else
                {
                    AddUnknown(start);
                }

                return;
            case '~':
                ScanTildeOperator(start, negated: false);
                return;
            case '!':
                if (CharAt(start + 1) == '=')
                {
                    AddOperator(TokenKind.NotEqual, "!=");
                }
                else if (CharAt(start + 1) == '~')
                {
                    ScanTildeOperator(start, negated: true);
                }
                else
                {
                    AddUnknown(start);
                }

                return;
        }

        if (IsAsciiDigit(c))
        {
            ScanNumber(start);
        }
        else if (IsIdentifierStart(c))
        {
            char next = CharAt(start + 1);
            if (next == '\'' && c is 'e' or 'E')
            {
                ScanString(start, start + 1, backslashEscapes: true);
            }
            else if (next == '\'' && c is 'n' or 'N')
            {
                // National character string: the same as a plain string in PostgreSQL.
                ScanString(start, start + 1, backslashEscapes: false);
            }
            else
            {
                ScanWord(start);
            }
        }
        else
        {
            AddUnknown(start);
        }
    }

    /// <summary>~ ~* ~~ ~~* and, when <paramref name="negated"/>, the same after '!'. Longest match wins.</summary>
    private void ScanTildeOperator(int start, bool negated)
    {
        int tilde = negated ? start + 1 : start;
        bool doubled = CharAt(tilde + 1) == '~';
        int last = doubled ? tilde + 1 : tilde;
        bool star = CharAt(last + 1) == '*';
        TokenKind kind = (negated, doubled, star) switch
        {
            (false, false, false) => TokenKind.Tilde,
            (false, false, true) => TokenKind.TildeStar,
            (false, true, false) => TokenKind.DoubleTilde,
            (false, true, true) => TokenKind.DoubleTildeStar,
            (true, false, false) => TokenKind.NotTilde,
            (true, false, true) => TokenKind.NotTildeStar,
            (true, true, false) => TokenKind.NotDoubleTilde,
            (true, true, true) => TokenKind.NotDoubleTildeStar,
        };
        int end = star ? last + 2 : last + 1;
        string text = _sql.Substring(start, end - start);
        Add(kind, start, end, text, text);
    }

    private void SkipWhitespaceAndComments()
    {
        while (_offset < _sql.Length)
        {
            char c = _sql[_offset];
            if (IsWhitespace(c))
            {
                _offset++;
            }
            else if (c == '-' && CharAt(_offset + 1) == '-')
            {
                int lineBreak = _sql.AsSpan(_offset).IndexOfAny(LineBreaks);
                _offset = lineBreak < 0 ? _sql.Length : _offset + lineBreak;
            }
            else if (c == '/' && CharAt(_offset + 1) == '*')
            {
                SkipBlockComment();
            }
            else
            {
                return;
            }
        }
    }

    /// <summary>Block comments nest in PostgreSQL (unlike in the SQL standard's C heritage).</summary>
    private void SkipBlockComment()
    {
        int start = _offset;
        int depth = 1;
        int i = start + 2;
        while (depth > 0)
        {
            int found = i < _sql.Length ? _sql.AsSpan(i).IndexOfAny(CommentDelimiters) : -1;
            if (found < 0)
            {
                throw Error("unterminated /* comment", start);
            }

            i += found;
            if (_sql[i] == '/' && CharAt(i + 1) == '*')
            {
                depth++;
                i += 2;
            }
            else if (_sql[i] == '*' && CharAt(i + 1) == '/')
            {
                depth--;
                i += 2;
            }
            else
            {
                i++;
            }
        }

        _offset = i;
    }

    private void ScanWord(int start)
    {
        int end = start + 1;
        while (end < _sql.Length && IsIdentifierPart(_sql[end]))
        {
            end++;
        }

        ReadOnlySpan<char> word = _sql.AsSpan(start, end - start);

        // Only ASCII words are keywords: case-insensitive matching would otherwise let 'ſelect' (long s) match SELECT.
        Keyword keyword = Ascii.IsValid(word) ? KeywordTable.Find(word) : Keyword.None;
        string text = word.ToString();
        string value = keyword != Keyword.None ? KeywordTable.TextOf(keyword) : FoldToLowerCase(text);
        Add(TokenKind.Word, start, end, text, value, keyword);
    }

    /// <summary>PostgreSQL folds only ASCII letters; other characters keep their case.</summary>
    private static string FoldToLowerCase(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('A', 'Z'))
        {
            return text;
        }

        return string.Create(text.Length, text, static (destination, source) =>
        {
            for (int i = 0; i < source.Length; i++)
            {
                char c = source[i];
                destination[i] = c is >= 'A' and <= 'Z' ? (char)(c + ('a' - 'A')) : c;
            }
        });
    }

    /// <summary>digits [. digits] [e [+-] digits], or . digits [...]; the sign is never part of the number.</summary>
    private void ScanNumber(int start)
    {
        int i = SkipDigits(start);

        // "1..5" is 1 followed by "..", not "1." followed by ".5" (PostgreSQL's rule, kept for range syntax).
        if (CharAt(i) == '.' && CharAt(i + 1) != '.')
        {
            i = SkipDigits(i + 1);
        }

        if (CharAt(i) is 'e' or 'E')
        {
            int exponent = CharAt(i + 1) is '+' or '-' ? i + 2 : i + 1;
            if (!IsAsciiDigit(CharAt(exponent)))
            {
                throw TrailingJunk("numeric literal", start, i);
            }

            i = SkipDigits(exponent);
        }

        // PostgreSQL 15+ rejects "123abc" rather than reading it as 123 AS abc.
        if (i < _sql.Length && IsIdentifierPart(_sql[i]))
        {
            throw TrailingJunk("numeric literal", start, i);
        }

        string text = _sql.Substring(start, i - start);
        Add(TokenKind.Number, start, i, text, text);
    }

    /// <summary>$n (a parameter), $$...$$ or $tag$...$tag$ (a string), or a lone '$' (unknown).</summary>
    private void ScanDollar(int start)
    {
        if (IsAsciiDigit(CharAt(start + 1)))
        {
            int end = SkipDigits(start + 1);
            if (end < _sql.Length && IsIdentifierPart(_sql[end]))
            {
                throw TrailingJunk("parameter", start, end);
            }

            string digits = _sql.Substring(start + 1, end - start - 1);
            if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int index) || index == 0)
            {
                throw Error($"there is no parameter ${digits}", start);
            }

            Add(TokenKind.Parameter, start, end, _sql.Substring(start, end - start), index.ToString(CultureInfo.InvariantCulture));
            return;
        }

        // A tag follows identifier rules except that it cannot contain '$'.
        int tagEnd = start + 1;
        if (tagEnd < _sql.Length && IsIdentifierStart(_sql[tagEnd]))
        {
            tagEnd++;
            while (tagEnd < _sql.Length && (IsIdentifierStart(_sql[tagEnd]) || IsAsciiDigit(_sql[tagEnd])))
            {
                tagEnd++;
            }
        }

        if (CharAt(tagEnd) != '$')
        {
            AddUnknown(start);
            return;
        }

        int bodyStart = tagEnd + 1;
        ReadOnlySpan<char> delimiter = _sql.AsSpan(start, bodyStart - start);
        int found = _sql.AsSpan(bodyStart).IndexOf(delimiter, StringComparison.Ordinal);
        if (found < 0)
        {
            throw Error("unterminated dollar-quoted string", start);
        }

        int bodyEnd = bodyStart + found;
        Add(TokenKind.String, start, bodyEnd + delimiter.Length, _sql.Substring(start, bodyEnd + delimiter.Length - start),
            _sql.Substring(bodyStart, found));
    }

    private void ScanQuotedIdentifier(int start)
    {
        StringBuilder? unescaped = null;
        int segmentStart = start + 1;
        int i = segmentStart;
        while (true)
        {
            int quote = i < _sql.Length ? _sql.IndexOf('"', i) : -1;
            if (quote < 0)
            {
                throw Error("unterminated quoted identifier", start);
            }

            if (CharAt(quote + 1) == '"')
            {
                // "" stands for one double quote: keep the first, skip the second.
                (unescaped ??= new StringBuilder()).Append(_sql, segmentStart, quote + 1 - segmentStart);
                i = segmentStart = quote + 2;
                continue;
            }

            string value = unescaped is null
                ? _sql.Substring(segmentStart, quote - segmentStart)
                : unescaped.Append(_sql, segmentStart, quote - segmentStart).ToString();
            if (value.Length == 0)
            {
                throw Error("zero-length delimited identifier at or near \"\"\"\"", start);
            }

            Add(TokenKind.QuotedIdentifier, start, quote + 1, _sql.Substring(start, quote + 1 - start), value);
            return;
        }
    }

    /// <summary>
    /// A quoted string starting at <paramref name="quote"/> (the token starts earlier for E'' and N'').
    /// '' is one quote; with <paramref name="backslashEscapes"/> (E'') backslash escapes are resolved as well.
    /// Two literals separated only by whitespace that contains a line break are one literal (SQL standard).
    /// </summary>
    private void ScanString(int start, int quote, bool backslashEscapes)
    {
        if (!backslashEscapes)
        {
            // Fast path: most strings have no '' and no continuation, so the value is one substring.
            int close = _sql.IndexOf('\'', quote + 1);
            if (close >= 0 && CharAt(close + 1) != '\'' && FindStringContinuation(close + 1) < 0)
            {
                Add(TokenKind.String, start, close + 1, _sql.Substring(start, close + 1 - start),
                    _sql.Substring(quote + 1, close - quote - 1));
                return;
            }
        }

        var value = new StringBuilder();
        int i = quote + 1;
        while (true)
        {
            if (i >= _sql.Length)
            {
                throw Error("unterminated quoted string", start);
            }

            char c = _sql[i];
            if (c == '\'')
            {
                if (CharAt(i + 1) == '\'')
                {
                    FlushBytes(value, i);
                    value.Append('\'');
                    i += 2;
                    continue;
                }

                int continuation = FindStringContinuation(i + 1);
                if (continuation >= 0)
                {
                    i = continuation + 1;
                    continue;
                }

                FlushBytes(value, i);
                Add(TokenKind.String, start, i + 1, _sql.Substring(start, i + 1 - start), value.ToString());
                return;
            }

            if (c == '\\' && backslashEscapes)
            {
                i = ScanBackslashEscape(start, i, value);
                continue;
            }

            if (!backslashEscapes)
            {
                // Fast path: copy everything up to the next quote in one go.
                int nextQuote = _sql.IndexOf('\'', i);
                int runEnd = nextQuote < 0 ? _sql.Length : nextQuote;
                value.Append(_sql, i, runEnd - i);
                i = runEnd;
                continue;
            }

            FlushBytes(value, i);
            value.Append(c);
            i++;
        }
    }

    /// <summary>If whitespace containing a line break and then a quote follow <paramref name="from"/>, the quote's offset.</summary>
    private int FindStringContinuation(int from)
    {
        bool sawLineBreak = false;
        int i = from;
        while (i < _sql.Length && IsWhitespace(_sql[i]))
        {
            sawLineBreak |= _sql[i] is '\n' or '\r';
            i++;
        }

        return sawLineBreak && CharAt(i) == '\'' ? i : -1;
    }

    /// <summary>
    /// Resolves the escape at <paramref name="backslash"/> in an E'' string and returns the offset after it.
    /// Octal and hex escapes produce bytes, which must add up to valid UTF-8 (as in a UTF8 PostgreSQL database).
    /// </summary>
    private int ScanBackslashEscape(int start, int backslash, StringBuilder value)
    {
        if (backslash + 1 >= _sql.Length)
        {
            throw Error("unterminated quoted string", start);
        }

        char e = _sql[backslash + 1];
        int i = backslash + 2;
        switch (e)
        {
            case >= '0' and <= '7':
            {
                int code = e - '0';
                for (int digits = 1; digits < 3 && CharAt(i) is >= '0' and <= '7'; digits++, i++)
                {
                    code = (code * 8) + (_sql[i] - '0');
                }

                (_escapedBytes ??= []).Add((byte)code);
                return i;
            }

            case 'x':
            {
                int code = 0;
                int digits = 0;
                for (; digits < 2 && IsHexDigit(CharAt(i)); digits++, i++)
                {
                    code = (code * 16) + HexValue(_sql[i]);
                }

                if (digits == 0)
                {
                    // PostgreSQL reads "\x" without hex digits as a plain "x".
                    FlushBytes(value, backslash);
                    value.Append('x');
                }
                else
                {
                    (_escapedBytes ??= []).Add((byte)code);
                }

                return i;
            }

            case 'u':
            case 'U':
            {
                FlushBytes(value, backslash);
                int length = e == 'u' ? 4 : 8;
                int codePoint = ReadHex(backslash, length);
                i = backslash + 2 + length;
                if (codePoint is >= 0xD800 and <= 0xDBFF)
                {
                    // A UTF-16 surrogate pair written as two escapes: \uD83D\uDE00.
                    if (CharAt(i) != '\\' || CharAt(i + 1) is not ('u' or 'U'))
                    {
                        throw Error("invalid Unicode surrogate pair", backslash);
                    }

                    int lowLength = CharAt(i + 1) == 'u' ? 4 : 8;
                    int low = ReadHex(i, lowLength);
                    if (low is < 0xDC00 or > 0xDFFF)
                    {
                        throw Error("invalid Unicode surrogate pair", backslash);
                    }

                    i += 2 + lowLength;
                    codePoint = char.ConvertToUtf32((char)codePoint, (char)low);
                }
                else if (codePoint is 0 or > 0x10FFFF or (>= 0xD800 and <= 0xDFFF))
                {
                    throw Error("invalid Unicode escape value", backslash);
                }

                value.Append(char.ConvertFromUtf32(codePoint));
                return i;
            }
        }

        FlushBytes(value, backslash);
        value.Append(e switch
        {
            'b' => '\b',
            'f' => '\f',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            _ => e, // \\ \' \" and any other character stand for themselves
        });
        return i;
    }

    /// <summary>Exactly <paramref name="length"/> hex digits after the two characters of "\u" or "\U".</summary>
    private int ReadHex(int backslash, int length)
    {
        int value = 0;
        for (int k = 0; k < length; k++)
        {
            char digit = CharAt(backslash + 2 + k);
            if (!IsHexDigit(digit))
            {
                throw Error("invalid Unicode escape: must be \\uXXXX or \\UXXXXXXXX", backslash);
            }

            // Eight hex digits can exceed int; anything above 0x10FFFF is rejected by the caller anyway.
            value = value > 0x10FFFF ? value : (value * 16) + HexValue(digit);
        }

        return value;
    }

    private void FlushBytes(StringBuilder value, int offset)
    {
        if (_escapedBytes is not { Count: > 0 })
        {
            return;
        }

        ReadOnlySpan<byte> bytes = CollectionsMarshal.AsSpan(_escapedBytes);
        char[] chars = ArrayPool<char>.Shared.Rent(bytes.Length);
        try
        {
            OperationStatus status = Utf8.ToUtf16(bytes, chars, out _, out int written, replaceInvalidSequences: false);
            if (status != OperationStatus.Done || bytes.Contains((byte)0))
            {
                throw Error("invalid byte sequence for encoding \"UTF8\" in escape string", offset);
            }

            value.Append(chars, 0, written);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }

        _escapedBytes.Clear();
    }

    private FederationException TrailingJunk(string what, int start, int junkStart)
    {
        int end = junkStart;
        while (end < _sql.Length && IsIdentifierPart(_sql[end]))
        {
            end++;
        }

        return Error($"trailing junk after {what} at or near \"{_sql.AsSpan(start, end - start)}\"", start);
    }

    private void AddOperator(TokenKind kind, string text) => Add(kind, _offset, _offset + text.Length, text, text);

    private void AddUnknown(int start)
    {
        string text = _sql.Substring(start, 1);
        Add(TokenKind.Unknown, start, start + 1, text, text);
    }

    private void Add(TokenKind kind, int start, int end, string text, string value, Keyword keyword = Keyword.None)
    {
        _tokens.Add(new Token(kind, text, value, keyword, PositionAt(start), start, end));
        _offset = end;
    }

    private FederationException Error(string message, int offset) =>
        new(ErrorCode.SyntaxError, $"{message} ({PositionAt(offset)})");

    private SourcePosition PositionAt(int offset)
    {
        if (offset < _lineCursor)
        {
            // Only error paths look backwards; recount from the start rather than keep more state.
            _lineCursor = 0;
            _line = 1;
            _lineStart = 0;
        }

        while (_lineCursor < offset)
        {
            int found = _sql.AsSpan(_lineCursor, offset - _lineCursor).IndexOfAny(LineBreaks);
            if (found < 0)
            {
                _lineCursor = offset;
                break;
            }

            int lineBreak = _lineCursor + found;
            _lineCursor = lineBreak + 1;

            // "\r\n" is one line break: the '\r' is skipped and the '\n' counts.
            if (_sql[lineBreak] == '\r' && CharAt(lineBreak + 1) == '\n')
            {
                continue;
            }

            _line++;
            _lineStart = _lineCursor;
        }

        return new SourcePosition(_line, offset - _lineStart + 1);
    }

    private int SkipDigits(int i)
    {
        while (i < _sql.Length && IsAsciiDigit(_sql[i]))
        {
            i++;
        }

        return i;
    }

    private char CharAt(int index) => index < _sql.Length ? _sql[index] : '\0';

    private static bool IsWhitespace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f' or '\v';

    private static bool IsAsciiDigit(char c) => c is >= '0' and <= '9';

    private static bool IsHexDigit(char c) => char.IsAsciiHexDigit(c);

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    /// <summary>As in PostgreSQL, every non-ASCII character may start an identifier.</summary>
    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_' || c >= '\u0080';

    private static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || IsAsciiDigit(c) || c == '$';
}
