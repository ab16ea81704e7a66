using Federation.Sql.Ast;

namespace Federation.Sql.Lexing;

/// <summary>
/// One lexical token. <see cref="Text"/> is the token exactly as written (used in error messages);
/// <see cref="Value"/> is what it means (a folded identifier, an unescaped string).
/// </summary>
/// <remarks>
/// A class rather than a struct: the recursive-descent parser copies tokens into locals at every level, and
/// 40-byte struct copies tripled its stack frames (and so cut how deeply nested a statement may be).
/// </remarks>
public sealed class Token
{
    public Token(TokenKind kind, string text, string value, Keyword keyword, SourcePosition position, int start, int end)
    {
        Kind = kind;
        Text = text;
        Value = value;
        Keyword = keyword;
        Position = position;
        Start = start;
        End = end;
    }

    public TokenKind Kind { get; }

    /// <summary>The source text of the token; empty for <see cref="TokenKind.EndOfInput"/>.</summary>
    public string Text { get; }

    /// <summary>
    /// Identifiers: the name (unquoted ones folded to lower case). Strings: the unescaped content.
    /// Numbers and parameters: the digits. Operators and punctuation: the same as <see cref="Text"/>.
    /// </summary>
    public string Value { get; }

    /// <summary>The keyword an unquoted word spells, or <see cref="Keyword.None"/>. Quoted identifiers are never keywords.</summary>
    public Keyword Keyword { get; }

    /// <summary>1-based line and column of the first character (for end of input: just past the last token).</summary>
    public SourcePosition Position { get; }

    /// <summary>Offset of the first character in the SQL text.</summary>
    public int Start { get; }

    /// <summary>Offset just past the last character in the SQL text.</summary>
    public int End { get; }

    /// <summary>True for an unquoted word spelling <paramref name="keyword"/>.</summary>
    public bool Is(Keyword keyword) => Keyword == keyword && keyword != Keyword.None;

    public override string ToString() => Kind == TokenKind.EndOfInput ? "<end of input>" : $"{Kind} {Text} ({Position})";
}
