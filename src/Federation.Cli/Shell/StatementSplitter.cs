namespace Federation.Cli.Shell;

/// <summary>
/// Cuts SQL text into statements at semicolons that are outside string literals ('...', with '' and, after E,
/// backslash escapes), quoted identifiers ("..."), line comments (-- ...) and block comments (/* ... */, nested as
/// PostgreSQL nests them). There is no dollar quoting: Federation's SQL has none. Statements holding only
/// whitespace and comments are dropped.
/// </summary>
public static class StatementSplitter
{
    private enum State
    {
        Code,
        SingleQuote,
        EscapeQuote,
        DoubleQuote,
        LineComment,
        BlockComment,
    }

    /// <summary>Every statement, the last one included even without its semicolon (as at the end of a script).</summary>
    public static IReadOnlyList<SqlStatement> Split(string text)
    {
        var statements = SplitComplete(text, out var rest);
        if (!IsBlank(text[rest..]))
        {
            statements.Add(Statement(text, rest, text.Length)!.Value);
        }

        return statements;
    }

    /// <summary>
    /// The statements ended by a semicolon, and in <paramref name="rest"/> where the unfinished text after them begins
    /// (the interactive shell keeps it and asks for more lines).
    /// </summary>
    public static List<SqlStatement> SplitComplete(string text, out int rest)
    {
        var statements = new List<SqlStatement>();
        var start = 0;
        var state = State.Code;
        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            switch (state)
            {
                case State.Code:
                    if (c == ';')
                    {
                        if (Statement(text, start, i) is { } statement)
                        {
                            statements.Add(statement);
                        }

                        start = i + 1;
                    }
                    else if (c == '\'')
                    {
                        state = IsEscapePrefix(text, i) ? State.EscapeQuote : State.SingleQuote;
                    }
                    else if (c == '"')
                    {
                        state = State.DoubleQuote;
                    }
                    else if (c == '-' && next == '-')
                    {
                        state = State.LineComment;
                        i++;
                    }
                    else if (c == '/' && next == '*')
                    {
                        state = State.BlockComment;
                        depth = 1;
                        i++;
                    }

                    break;
                case State.SingleQuote:
                    if (c == '\'')
                    {
                        // '' is a quote inside the literal; a lone quote ends it.
                        if (next == '\'')
                        {
                            i++;
                        }
                        else
                        {
                            state = State.Code;
                        }
                    }

                    break;
                case State.EscapeQuote:
                    if (c == '\\')
                    {
                        i++;
                    }
                    else if (c == '\'')
                    {
                        if (next == '\'')
                        {
                            i++;
                        }
                        else
                        {
                            state = State.Code;
                        }
                    }

                    break;
                case State.DoubleQuote:
                    if (c == '"')
                    {
                        if (next == '"')
                        {
                            i++;
                        }
                        else
                        {
                            state = State.Code;
                        }
                    }

                    break;
                case State.LineComment:
                    if (c == '\n')
                    {
                        state = State.Code;
                    }

                    break;
                case State.BlockComment:
                    if (c == '*' && next == '/')
                    {
                        i++;
                        if (--depth == 0)
                        {
                            state = State.Code;
                        }
                    }
                    else if (c == '/' && next == '*')
                    {
                        i++;
                        depth++;
                    }

                    break;
            }
        }

        rest = start;
        return statements;
    }

    /// <summary>True when the text holds nothing but whitespace and finished comments.</summary>
    public static bool IsBlank(string text) => FirstCode(text, 0, text.Length) < 0;

    /// <summary>The first keyword of a statement, upper-cased, after any comments and opening parentheses ("" if none).</summary>
    public static string FirstKeyword(string statement)
    {
        var i = FirstCode(statement, 0, statement.Length);
        while (i >= 0 && statement[i] == '(')
        {
            i = FirstCode(statement, i + 1, statement.Length);
        }

        if (i < 0)
        {
            return string.Empty;
        }

        var end = i;
        while (end < statement.Length && (char.IsLetter(statement[end]) || statement[end] == '_'))
        {
            end++;
        }

        return statement[i..end].ToUpperInvariant();
    }

    private static SqlStatement? Statement(string text, int start, int end)
    {
        var first = FirstCode(text, start, end);
        if (first < 0)
        {
            return null;
        }

        // Leading comments stay with the statement (the server reports positions in what it was sent); surrounding
        // whitespace does not.
        var from = start;
        while (from < end && char.IsWhiteSpace(text[from]))
        {
            from++;
        }

        return new SqlStatement(text[from..end].TrimEnd(), from);
    }

    /// <summary>The index of the first character in [start, end) that is neither whitespace nor in a comment; -1 if none.</summary>
    private static int FirstCode(string text, int start, int end)
    {
        var i = start;
        while (i < end)
        {
            var c = text[i];
            var next = i + 1 < end ? text[i + 1] : '\0';
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '-' && next == '-')
            {
                var newline = text.IndexOf('\n', i, end - i);
                if (newline < 0)
                {
                    return -1;
                }

                i = newline + 1;
            }
            else if (c == '/' && next == '*')
            {
                var commentStart = i;
                var depth = 1;
                i += 2;
                while (i < end && depth > 0)
                {
                    if (text[i] == '*' && i + 1 < end && text[i + 1] == '/')
                    {
                        depth--;
                        i += 2;
                    }
                    else if (text[i] == '/' && i + 1 < end && text[i + 1] == '*')
                    {
                        depth++;
                        i += 2;
                    }
                    else
                    {
                        i++;
                    }
                }

                // An unfinished block comment is not blank: more input is awaited.
                if (depth > 0)
                {
                    return commentStart;
                }
            }
            else
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>E'...' (or e'...'): a PostgreSQL escape string, where a backslash escapes the next character.</summary>
    private static bool IsEscapePrefix(string text, int quote) =>
        quote > 0 && text[quote - 1] is 'E' or 'e' && (quote == 1 || !(char.IsLetterOrDigit(text[quote - 2]) || text[quote - 2] == '_'));
}
