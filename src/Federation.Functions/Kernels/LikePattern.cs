using System.Text;
using Federation.Common;

namespace Federation.Functions.Kernels;

/// <summary>
/// A compiled LIKE pattern over UTF-8 bytes. Common shapes get direct byte searches (exact, prefix%,
/// %suffix, %infix%, %a%b% in order); others use a backtracking matcher where '_' is one character.
/// </summary>
public sealed class LikePattern
{
    private enum Shape
    {
        Exact,
        Prefix,
        Suffix,
        Contains,
        Parts,
        General,
    }

    private readonly Shape _shape;
    private readonly byte[] _literal = [];
    private readonly byte[][] _parts = [];
    private readonly bool _anchoredStart;
    private readonly bool _anchoredEnd;
    private readonly Token[] _tokens = [];

    private readonly record struct Token(byte Kind, byte[] Literal); // Kind: 0 literal, 1 '_', 2 '%'

    private LikePattern(Shape shape, byte[] literal, byte[][] parts, bool anchoredStart, bool anchoredEnd, Token[] tokens)
    {
        _shape = shape;
        _literal = literal;
        _parts = parts;
        _anchoredStart = anchoredStart;
        _anchoredEnd = anchoredEnd;
        _tokens = tokens;
    }

    /// <summary>Compiles a pattern; escape null means backslash, empty means no escape character.</summary>
    public static LikePattern Compile(string pattern, string? escape)
    {
        var escapeChar = escape is null ? '\\' : escape.Length == 0 ? (char?)null : escape[0];
        var tokens = new List<Token>();
        var literal = new StringBuilder();
        void Flush()
        {
            if (literal.Length > 0)
            {
                tokens.Add(new Token(0, Encoding.UTF8.GetBytes(literal.ToString())));
                literal.Clear();
            }
        }

        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (escapeChar is { } e && c == e)
            {
                if (i + 1 >= pattern.Length)
                {
                    throw new FederationException(ErrorCode.InvalidArgument, "LIKE pattern must not end with escape character");
                }

                literal.Append(pattern[++i]);
                continue;
            }

            if (c == '%')
            {
                Flush();
                if (tokens.Count == 0 || tokens[^1].Kind != 2)
                {
                    tokens.Add(new Token(2, []));
                }
            }
            else if (c == '_')
            {
                Flush();
                tokens.Add(new Token(1, []));
            }
            else
            {
                literal.Append(c);
            }
        }

        Flush();
        var arr = tokens.ToArray();
        var hasUnderscore = arr.Any(t => t.Kind == 1);
        if (!hasUnderscore)
        {
            var literals = arr.Where(t => t.Kind == 0).Select(t => t.Literal).ToArray();
            var startsWithPercent = arr.Length > 0 && arr[0].Kind == 2;
            var endsWithPercent = arr.Length > 0 && arr[^1].Kind == 2;
            if (arr.Length == 0)
            {
                return new LikePattern(Shape.Exact, [], [], true, true, arr);
            }

            if (literals.Length == 0)
            {
                return new LikePattern(Shape.Parts, [], [], false, false, arr); // '%': matches everything
            }

            if (literals.Length == 1)
            {
                var shape = (startsWithPercent, endsWithPercent) switch
                {
                    (false, false) => Shape.Exact,
                    (false, true) => Shape.Prefix,
                    (true, false) => Shape.Suffix,
                    _ => Shape.Contains,
                };
                return new LikePattern(shape, literals[0], [], !startsWithPercent, !endsWithPercent, arr);
            }

            return new LikePattern(Shape.Parts, [], literals, !startsWithPercent, !endsWithPercent, arr);
        }

        return new LikePattern(Shape.General, [], [], false, false, arr);
    }

    public bool Matches(ReadOnlySpan<byte> text) => _shape switch
    {
        Shape.Exact => text.SequenceEqual(_literal),
        Shape.Prefix => text.StartsWith(_literal),
        Shape.Suffix => text.EndsWith(_literal),
        Shape.Contains => text.IndexOf(_literal) >= 0,
        Shape.Parts => MatchParts(text),
        _ => MatchGeneral(text, 0),
    };

    private bool MatchParts(ReadOnlySpan<byte> text)
    {
        var parts = _parts;
        if (parts.Length == 0)
        {
            return true;
        }

        var start = 0;
        var first = 0;
        var last = parts.Length;
        if (_anchoredStart)
        {
            if (!text.StartsWith(parts[0]))
            {
                return false;
            }

            start = parts[0].Length;
            first = 1;
        }

        var end = text.Length;
        if (_anchoredEnd)
        {
            var tail = parts[^1];
            if (end - start < tail.Length || !text.EndsWith(tail))
            {
                return false;
            }

            end -= tail.Length;
            last--;
        }

        for (var p = first; p < last; p++)
        {
            var index = text[start..end].IndexOf(parts[p]);
            if (index < 0)
            {
                return false;
            }

            start += index + parts[p].Length;
        }

        return true;
    }

    private bool MatchGeneral(ReadOnlySpan<byte> text, int tokenIndex)
    {
        var pos = 0;
        for (var t = tokenIndex; t < _tokens.Length; t++)
        {
            var token = _tokens[t];
            switch (token.Kind)
            {
                case 0:
                    if (!text[pos..].StartsWith(token.Literal))
                    {
                        return false;
                    }

                    pos += token.Literal.Length;
                    break;
                case 1:
                    if (pos >= text.Length)
                    {
                        return false;
                    }

                    pos += CharLength(text[pos]);
                    break;
                default:
                    if (t == _tokens.Length - 1)
                    {
                        return true;
                    }

                    for (var start = pos; start <= text.Length; start++)
                    {
                        if (start < text.Length && (text[start] & 0xC0) == 0x80)
                        {
                            continue; // only at character boundaries
                        }

                        if (MatchGeneral(text[start..], t + 1))
                        {
                            return true;
                        }
                    }

                    return false;
            }
        }

        return pos == text.Length;
    }

    private static int CharLength(byte lead) => lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}
