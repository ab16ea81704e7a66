using System.Text;
using System.Text.RegularExpressions;
using Federation.Common;

namespace Federation.Functions.Scalar.String;

/// <summary>
/// Turns PostgreSQL advanced regular expressions (ARE) and flag strings into .NET regular expressions.
/// Handled: the flags c, i, g, n/m (newline-sensitive), s, w, x, t, q (literal), and Redshift's e (extract the
/// first subexpression) and p (PCRE dialect, which .NET already is); POSIX bracket classes such as [[:digit:]];
/// the ARE escapes \y \Y \m \M \Z; and '$' matching only at the very end unless newline-sensitive.
/// By default '.' matches a newline, as in PostgreSQL.
/// </summary>
internal static class PgRegex
{
    /// <summary>A bound on one match, so a pathological backtracking pattern ends the statement instead of a worker.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(30);

    public static RegexFlags ParseFlags(string flags, string function, bool allowGlobal)
    {
        var options = RegexOptions.CultureInvariant | RegexOptions.Singleline;
        var global = false;
        var literal = false;
        var newlineSensitive = false;
        var extract = false;
        foreach (var flag in flags)
        {
            switch (flag)
            {
                case 'c':
                    options &= ~RegexOptions.IgnoreCase;
                    break;
                case 'i':
                    options |= RegexOptions.IgnoreCase;
                    break;
                case 'g' when allowGlobal:
                    global = true;
                    break;
                case 'g':
                    throw new FederationException(ErrorCode.InvalidArgument, $"{function}() does not support the \"global\" option");
                case 'n' or 'm':
                    options = (options | RegexOptions.Multiline) & ~RegexOptions.Singleline;
                    newlineSensitive = true;
                    break;
                case 's':
                    options = (options & ~RegexOptions.Multiline) | RegexOptions.Singleline;
                    newlineSensitive = false;
                    break;
                case 'w':
                    options |= RegexOptions.Multiline | RegexOptions.Singleline;
                    newlineSensitive = true;
                    break;
                case 'x':
                    options |= RegexOptions.IgnorePatternWhitespace;
                    break;
                case 't':
                    options &= ~RegexOptions.IgnorePatternWhitespace;
                    break;
                case 'q':
                    literal = true;
                    break;
                case 'e':
                    extract = true;
                    break;
                case 'p':
                    break;
                default:
                    throw new FederationException(ErrorCode.InvalidArgument, $"invalid regular expression option: \"{flag}\"");
            }
        }

        return new RegexFlags(options, global, literal, newlineSensitive, extract);
    }

    public static Regex Compile(string pattern, RegexFlags flags, bool compiled)
    {
        var translated = flags.Literal ? Regex.Escape(pattern) : Translate(pattern, flags.NewlineSensitive);
        var options = flags.Options;
        if (compiled)
        {
            options |= RegexOptions.Compiled;
        }

        try
        {
            return new Regex(translated, options, MatchTimeout);
        }
        catch (ArgumentException e)
        {
            throw new FederationException(ErrorCode.InvalidRegularExpression, "invalid regular expression: " + e.Message, e);
        }
    }

    public static FederationException TimedOut(RegexMatchTimeoutException e) =>
        new(ErrorCode.QueryCancelled, "regular expression match timed out", e);

    /// <summary>Rewrites the ARE constructs .NET spells differently.</summary>
    public static string Translate(string pattern, bool newlineSensitive)
    {
        var sb = new StringBuilder(pattern.Length + 8);
        var i = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                var next = pattern[i + 1];
                sb.Append(next switch
                {
                    'y' => @"\b",
                    'Y' => @"\B",
                    'm' => @"\b(?=\w)",
                    'M' => @"\b(?<=\w)",
                    'Z' => @"\z",
                    _ => pattern.Substring(i, 2),
                });
                i += 2;
            }
            else if (c == '[')
            {
                i = TranslateBracket(pattern, i, sb);
            }
            else if (c == '$' && !newlineSensitive)
            {
                sb.Append(@"\z");
                i++;
            }
            else
            {
                sb.Append(c);
                i++;
            }
        }

        return sb.ToString();
    }

    private static int TranslateBracket(string pattern, int start, StringBuilder sb)
    {
        var i = start + 1;
        sb.Append('[');
        if (i < pattern.Length && pattern[i] == '^')
        {
            sb.Append('^');
            i++;
        }

        if (i < pattern.Length && pattern[i] == ']')
        {
            sb.Append(@"\]");
            i++;
        }

        while (i < pattern.Length && pattern[i] != ']')
        {
            var c = pattern[i];
            if (c == '[' && i + 1 < pattern.Length && pattern[i + 1] is ':' or '.' or '=')
            {
                var kind = pattern[i + 1];
                var close = pattern.IndexOf(kind + "]", i + 2, StringComparison.Ordinal);
                if (close < 0)
                {
                    throw new FederationException(ErrorCode.InvalidRegularExpression, "invalid regular expression: brackets [] not balanced");
                }

                var name = pattern[(i + 2)..close];
                sb.Append(kind == ':' ? PosixClass(name) : Regex.Escape(name));
                i = close + 2;
            }
            else if (c == '\\' && i + 1 < pattern.Length)
            {
                sb.Append(c).Append(pattern[i + 1]);
                i += 2;
            }
            else if (c == '[')
            {
                sb.Append(@"\[");
                i++;
            }
            else
            {
                sb.Append(c);
                i++;
            }
        }

        if (i < pattern.Length)
        {
            sb.Append(']');
            i++;
        }

        return i;
    }

    private static string PosixClass(string name) => name switch
    {
        "alpha" => @"\p{L}",
        "alnum" => @"\p{L}\p{Nd}",
        "digit" => "0-9",
        "upper" => @"\p{Lu}",
        "lower" => @"\p{Ll}",
        "space" => @"\s",
        "blank" => @" \t",
        "punct" => @"!-/:-@\[-`{-~",
        "xdigit" => "0-9A-Fa-f",
        "cntrl" => @"\x00-\x1f\x7f",
        "print" => @"\x20-\x7e\P{Cc}",
        "graph" => @"\x21-\x7e",
        "word" => @"\w",
        _ => throw new FederationException(ErrorCode.InvalidRegularExpression, "invalid regular expression: invalid character class"),
    };
}
