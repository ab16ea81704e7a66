namespace Federation.Coordinator.MetadataResults;

/// <summary>
/// A db_schema or table name filter: SQL LIKE, where % matches any run of characters and _ any one character, and
/// a backslash makes the next character literal (SQL_SEARCH_STRING_ESCAPE). Names compare case-insensitively, as
/// the catalog compares them. An unset or empty pattern matches every name.
/// </summary>
internal sealed class NamePattern
{
    public const string Escape = "\\";

    private static readonly NamePattern All = new([], []);

    private readonly char[] _chars;
    private readonly Token[] _tokens;

    private NamePattern(char[] chars, Token[] tokens)
    {
        _chars = chars;
        _tokens = tokens;
    }

    public static NamePattern Parse(bool hasPattern, string pattern)
    {
        if (!hasPattern || pattern.Length == 0)
        {
            return All;
        }

        var chars = new List<char>(pattern.Length);
        var tokens = new List<Token>(pattern.Length);
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                chars.Add(pattern[++i]);
                tokens.Add(Token.Literal);
            }
            else
            {
                chars.Add(c);
                tokens.Add(c switch { '%' => Token.AnyRun, '_' => Token.AnyOne, _ => Token.Literal });
            }
        }

        return new NamePattern(chars.ToArray(), tokens.ToArray());
    }

    public bool Matches(string name)
    {
        if (ReferenceEquals(this, All))
        {
            return true;
        }

        // Wildcard matching with one backtrack point: on a mismatch, let the last % swallow one more character.
        int n = 0, p = 0, runAt = -1, runFrom = 0;
        while (n < name.Length)
        {
            if (p < _tokens.Length && (_tokens[p] == Token.AnyOne || (_tokens[p] == Token.Literal && SameChar(_chars[p], name[n]))))
            {
                p++;
                n++;
            }
            else if (p < _tokens.Length && _tokens[p] == Token.AnyRun)
            {
                runAt = p++;
                runFrom = n;
            }
            else if (runAt >= 0)
            {
                p = runAt + 1;
                n = ++runFrom;
            }
            else
            {
                return false;
            }
        }

        while (p < _tokens.Length && _tokens[p] == Token.AnyRun)
        {
            p++;
        }

        return p == _tokens.Length;
    }

    private static bool SameChar(char a, char b) => a == b || char.ToLowerInvariant(a) == char.ToLowerInvariant(b);

    private enum Token : byte
    {
        Literal,
        AnyOne,
        AnyRun,
    }
}
