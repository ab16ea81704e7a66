using Federation.Common;

namespace Federation.Storage;

/// <summary>
/// A glob over '/'-separated keys, as read_parquet and --parquet take them (s3://bucket/t/*.parquet,
/// /data/lineitem/*/part-*.parquet). Within one folder level <c>*</c> matches any run of characters, <c>?</c> one
/// character, <c>[abc]</c>, <c>[a-z]</c> and <c>[!a-z]</c> (or <c>[^a-z]</c>) one character of (or not of) the set;
/// none of them matches '/'. A whole level of <c>**</c> matches any number of levels, none included. A store is listed
/// once, from <see cref="ListPrefix"/> (everything before the first wildcard), and the keys are matched here.
/// </summary>
public sealed class ObjectGlob
{
    private readonly Segment[] _segments;

    private ObjectGlob(string pattern, Segment[] segments, string listPrefix)
    {
        Pattern = pattern;
        _segments = segments;
        ListPrefix = listPrefix;
        Root = LiteralFolder(listPrefix);
        var below = segments.Length - Root.Count(c => c == '/');
        MaxDepthBelowRoot = segments.Any(s => s.AnyLevels) ? null : below - 1;
    }

    /// <summary>The key pattern, e.g. "tpch/lineitem/*/part-*.parquet".</summary>
    public string Pattern { get; }

    /// <summary>The literal start of the pattern, the prefix to list: "tpch/lineitem/" (or "t/part-" for "t/part-*").</summary>
    public string ListPrefix { get; }

    /// <summary>
    /// The folder of <see cref="ListPrefix"/> (up to its last '/'): matched keys are relative to it, so key=value folders
    /// below it are partition columns as they are below a folder location.
    /// </summary>
    public string Root { get; }

    /// <summary>How many folder levels below <see cref="Root"/> a match can be (0: directly in it); null with <c>**</c>.</summary>
    public int? MaxDepthBelowRoot { get; }

    /// <summary>Whether <paramref name="text"/> has a wildcard (*, ? or [) and so is a glob rather than a file or folder.</summary>
    public static bool IsGlob(string text) => text.AsSpan().IndexOfAny('*', '?', '[') >= 0;

    /// <summary>Everything before the first wildcard ("t/part-" for "t/part-*"): the text itself when it has none.</summary>
    public static string LiteralPrefix(string text)
    {
        var first = text.AsSpan().IndexOfAny('*', '?', '[');
        return first < 0 ? text : text[..first];
    }

    /// <summary>The folder of <see cref="LiteralPrefix"/>, up to its last '/' ("s3://b/t/" for "s3://b/t/*.parquet").</summary>
    public static string LiteralFolder(string text)
    {
        var prefix = LiteralPrefix(text);
        return prefix[..(prefix.LastIndexOf('/') + 1)];
    }

    public static ObjectGlob Parse(string pattern)
    {
        if (pattern.Length == 0)
        {
            throw new FederationException(ErrorCode.InvalidArgument, "an empty glob matches nothing");
        }

        var parts = pattern.Split('/');
        var segments = new Segment[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            segments[i] = Segment.Parse(parts[i]);
        }

        return new ObjectGlob(pattern, segments, LiteralPrefix(pattern));
    }

    /// <summary>Whether a whole key matches the pattern.</summary>
    public bool IsMatch(string key) => Match(key.Split('/'), 0, 0);

    private bool Match(string[] parts, int part, int segment)
    {
        while (segment < _segments.Length)
        {
            if (_segments[segment].AnyLevels)
            {
                // ** takes zero or more levels: try each split, the shortest first.
                for (var skip = part; skip <= parts.Length; skip++)
                {
                    if (Match(parts, skip, segment + 1))
                    {
                        return true;
                    }
                }

                return false;
            }

            if (part >= parts.Length || !_segments[segment].IsMatch(parts[part]))
            {
                return false;
            }

            part++;
            segment++;
        }

        return part == parts.Length;
    }

    public override string ToString() => Pattern;

    /// <summary>One folder level of the pattern: literal characters, *, ?, and character sets.</summary>
    private sealed class Segment
    {
        private readonly Token[] _tokens;

        private Segment(Token[] tokens, bool anyLevels)
        {
            _tokens = tokens;
            AnyLevels = anyLevels;
        }

        /// <summary>The level is "**": any number of levels.</summary>
        public bool AnyLevels { get; }

        public static Segment Parse(string text)
        {
            if (text == "**")
            {
                return new Segment([], anyLevels: true);
            }

            var tokens = new List<Token>();
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '*')
                {
                    // "a**b" within a level is the same as "a*b".
                    if (tokens.Count == 0 || tokens[^1].Kind != TokenKind.Star)
                    {
                        tokens.Add(new Token(TokenKind.Star, default, [], false));
                    }
                }
                else if (c == '?')
                {
                    tokens.Add(new Token(TokenKind.One, default, [], false));
                }
                else if (c == '[' && TryParseSet(text, i, out var set, out var end))
                {
                    tokens.Add(set);
                    i = end;
                }
                else
                {
                    tokens.Add(new Token(TokenKind.Literal, c, [], false));
                }
            }

            return new Segment([.. tokens], anyLevels: false);
        }

        /// <summary>A set from '[' at <paramref name="start"/> to its ']'; an unclosed '[' is a literal.</summary>
        private static bool TryParseSet(string text, int start, out Token set, out int end)
        {
            var i = start + 1;
            var negated = i < text.Length && text[i] is '!' or '^';
            if (negated)
            {
                i++;
            }

            var ranges = new List<(char, char)>();
            var first = true;
            while (i < text.Length && (text[i] != ']' || first))
            {
                var low = text[i];
                if (i + 2 < text.Length && text[i + 1] == '-' && text[i + 2] != ']')
                {
                    ranges.Add((low, text[i + 2]));
                    i += 3;
                }
                else
                {
                    ranges.Add((low, low));
                    i++;
                }

                first = false;
            }

            if (i >= text.Length)
            {
                set = default;
                end = start;
                return false;
            }

            set = new Token(TokenKind.Set, default, [.. ranges], negated);
            end = i;
            return true;
        }

        public bool IsMatch(string part) => Match(part, 0, 0);

        private bool Match(string part, int p, int t)
        {
            // Iterative with one backtrack point per star: the usual wildcard walk, linear for patterns with one star.
            int starToken = -1, starPart = -1;
            while (p < part.Length)
            {
                if (t < _tokens.Length && _tokens[t].Kind == TokenKind.Star)
                {
                    starToken = t++;
                    starPart = p;
                }
                else if (t < _tokens.Length && _tokens[t].Matches(part[p]))
                {
                    t++;
                    p++;
                }
                else if (starToken >= 0)
                {
                    t = starToken + 1;
                    p = ++starPart;
                }
                else
                {
                    return false;
                }
            }

            while (t < _tokens.Length && _tokens[t].Kind == TokenKind.Star)
            {
                t++;
            }

            return t == _tokens.Length;
        }
    }

    private enum TokenKind
    {
        Literal,
        One,
        Star,
        Set,
    }

    private readonly record struct Token(TokenKind Kind, char Literal, (char Low, char High)[] Ranges, bool Negated)
    {
        public bool Matches(char c) => Kind switch
        {
            TokenKind.Literal => c == Literal,
            TokenKind.One => true,
            TokenKind.Set => InSet(c) != Negated,
            _ => false,
        };

        private bool InSet(char c)
        {
            foreach (var (low, high) in Ranges)
            {
                if (c >= low && c <= high)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
