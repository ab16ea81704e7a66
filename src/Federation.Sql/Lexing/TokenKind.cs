namespace Federation.Sql.Lexing;

/// <summary>The lexical class of a <see cref="Token"/>.</summary>
public enum TokenKind
{
    /// <summary>The end of the input. Every token list ends with exactly one.</summary>
    EndOfInput,

    /// <summary>
    /// An unquoted word: an identifier or a keyword. Value is folded to lower case (ASCII only, as PostgreSQL does)
    /// and <see cref="Token.Keyword"/> says which keyword it is, if any.
    /// </summary>
    Word,

    /// <summary>A "quoted identifier"; Value has the quotes removed and "" unescaped, with case kept.</summary>
    QuotedIdentifier,

    /// <summary>An unsigned numeric literal: 42, 3.14, .5, 1., 1e10. Value equals Text.</summary>
    Number,

    /// <summary>A string literal: '...', E'...', N'...', $$...$$ or $tag$...$tag$. Value is the unescaped content.</summary>
    String,

    /// <summary>A positional parameter $n; Value is the decimal digits of n.</summary>
    Parameter,

    /// <summary><c>+</c></summary>
    Plus,
    /// <summary><c>-</c></summary>
    Minus,
    /// <summary><c>*</c></summary>
    Star,
    /// <summary><c>/</c></summary>
    Slash,
    /// <summary><c>%</c></summary>
    Percent,
    /// <summary><c>^</c> (exponentiation)</summary>
    Caret,
    /// <summary><c>@</c> (prefix: absolute value)</summary>
    AtSign,
    /// <summary><c>||</c></summary>
    Concat,
    /// <summary><c>=</c></summary>
    Equal,
    /// <summary><c>&lt;&gt;</c> or <c>!=</c> (PostgreSQL treats them as the same operator).</summary>
    NotEqual,
    /// <summary><c>&lt;</c></summary>
    Less,
    /// <summary><c>&lt;=</c></summary>
    LessOrEqual,
    /// <summary><c>&gt;</c></summary>
    Greater,
    /// <summary><c>&gt;=</c></summary>
    GreaterOrEqual,
    /// <summary><c>::</c></summary>
    DoubleColon,
    /// <summary><c>~</c> (regular expression match)</summary>
    Tilde,
    /// <summary><c>~*</c> (case-insensitive regular expression match)</summary>
    TildeStar,
    /// <summary><c>!~</c></summary>
    NotTilde,
    /// <summary><c>!~*</c></summary>
    NotTildeStar,
    /// <summary><c>~~</c> (LIKE)</summary>
    DoubleTilde,
    /// <summary><c>~~*</c> (ILIKE)</summary>
    DoubleTildeStar,
    /// <summary><c>!~~</c> (NOT LIKE)</summary>
    NotDoubleTilde,
    /// <summary><c>!~~*</c> (NOT ILIKE)</summary>
    NotDoubleTildeStar,
    /// <summary><c>(</c></summary>
    LeftParen,
    /// <summary><c>)</c></summary>
    RightParen,
    /// <summary><c>,</c></summary>
    Comma,
    /// <summary><c>.</c></summary>
    Dot,
    /// <summary><c>;</c></summary>
    Semicolon,
    /// <summary><c>[</c></summary>
    LeftBracket,
    /// <summary><c>]</c></summary>
    RightBracket,

    /// <summary>
    /// A character that starts no SQL token (for example <c>#</c> or <c>?</c>). It is kept as a token so that
    /// statement splitting never fails on it; the parser reports it as a syntax error at its position.
    /// </summary>
    Unknown,
}
