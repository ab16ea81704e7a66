using System.Runtime.CompilerServices;
using Federation.Common;
using Federation.Sql.Ast;
using Federation.Sql.Lexing;

namespace Federation.Sql.Parsing;

/// <summary>
/// Parser for the PostgreSQL / Amazon Redshift SQL dialect: recursive descent for statements and queries,
/// precedence climbing for expressions. The entry points are static; an instance holds the state of one parse.
/// </summary>
/// <remarks>
/// The parser is split by clause family: statements (SqlParser.Statements.cs), queries and FROM
/// (SqlParser.Query.cs, SqlParser.TableReferences.cs), expressions (SqlParser.Expressions.cs), the special
/// function syntaxes and window clauses (SqlParser.Functions.cs), type names (SqlParser.Types.cs) and the external-table
/// DDL of Redshift Spectrum (SqlParser.External.cs).
/// Every error is a <see cref="FederationException"/> with <see cref="ErrorCode.SyntaxError"/>.
/// </remarks>
public sealed partial class SqlParser
{
    /// <summary>
    /// How deeply expressions, subqueries and parenthesised joins may nest. Deeper input is rejected with a
    /// syntax error instead of running the parser (or whatever walks the tree afterwards) out of stack.
    /// </summary>
    public const int MaxNestingDepth = 1000;

    private readonly List<Token> _tokens;

    /// <summary>For each '(' token, the index of its ')' or -1 when it has none.</summary>
    private readonly int[] _closingParen;

    /// <summary>For each '(' token, whether its content shows it is a query (see <see cref="IsQueryGroup"/>).</summary>
    private readonly bool[] _parenHasQueryMarker;

    private int _index;
    private int _depth;

    private SqlParser(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        _tokens = Lexer.TokenizeToList(sql);
        _closingParen = new int[_tokens.Count];
        _parenHasQueryMarker = new bool[_tokens.Count];
        IndexParentheses();
    }

    /// <summary>
    /// Parses zero or more statements separated by semicolons. Empty statements are skipped and the final
    /// semicolon is optional.
    /// </summary>
    /// <exception cref="FederationException">SyntaxError, with the line and column of the offending token.</exception>
    public static IReadOnlyList<Statement> Parse(string sql)
    {
        var parser = new SqlParser(sql);
        var statements = new List<Statement>();
        while (true)
        {
            while (parser.TryConsume(TokenKind.Semicolon))
            {
            }

            if (parser.At(TokenKind.EndOfInput))
            {
                return statements;
            }

            statements.Add(parser.ParseStatement());
            if (!parser.TryConsume(TokenKind.Semicolon) && !parser.At(TokenKind.EndOfInput))
            {
                throw parser.Unexpected();
            }
        }
    }

    /// <summary>Parses exactly one statement, optionally followed by semicolons.</summary>
    /// <exception cref="FederationException">SyntaxError, also when the text holds more than one statement.</exception>
    public static Statement ParseStatement(string sql)
    {
        var parser = new SqlParser(sql);
        Statement statement = parser.ParseStatement();
        if (!parser.At(TokenKind.Semicolon) && !parser.At(TokenKind.EndOfInput))
        {
            throw parser.Unexpected();
        }

        while (parser.TryConsume(TokenKind.Semicolon))
        {
        }

        if (!parser.At(TokenKind.EndOfInput))
        {
            throw parser.Unexpected("expected a single statement");
        }

        return statement;
    }

    /// <summary>Parses one expression that makes up the whole text.</summary>
    /// <exception cref="FederationException">SyntaxError.</exception>
    public static Expression ParseExpression(string sql)
    {
        var parser = new SqlParser(sql);
        Expression expression = parser.ParseExpression();
        if (!parser.At(TokenKind.EndOfInput))
        {
            throw parser.Unexpected();
        }

        return expression;
    }

    /// <summary>
    /// Cuts a script into the source text of its statements, for shells and test runners that run statements
    /// one at a time. Semicolons inside strings, quoted identifiers, comments and dollar quotes do not split.
    /// Each piece runs from the first to the last token of its statement (comments around it are dropped);
    /// empty statements are skipped. The statements themselves are not parsed.
    /// </summary>
    /// <exception cref="FederationException">SyntaxError when the text cannot be tokenized (an unterminated string or comment).</exception>
    public static IReadOnlyList<string> SplitStatements(string sql)
    {
        List<Token> tokens = Lexer.TokenizeToList(sql);
        var pieces = new List<string>();
        int pieceStart = -1;
        int pieceEnd = -1;
        foreach (Token token in tokens)
        {
            if (token.Kind is TokenKind.Semicolon or TokenKind.EndOfInput)
            {
                if (pieceStart >= 0)
                {
                    pieces.Add(sql[pieceStart..pieceEnd]);
                    pieceStart = -1;
                }
            }
            else
            {
                if (pieceStart < 0)
                {
                    pieceStart = token.Start;
                }

                pieceEnd = token.End;
            }
        }

        return pieces;
    }

    // ---------------------------------------------------------------------------------------------
    // Token cursor

    private Token Current => _tokens[_index];

    private Token Peek(int ahead) => _tokens[Math.Min(_index + ahead, _tokens.Count - 1)];

    private Token Advance()
    {
        Token token = _tokens[_index];
        if (_index < _tokens.Count - 1)
        {
            _index++;
        }

        return token;
    }

    private bool At(TokenKind kind) => Current.Kind == kind;

    private bool At(Keyword keyword) => Current.Is(keyword);

    private bool TryConsume(TokenKind kind)
    {
        if (!At(kind))
        {
            return false;
        }

        Advance();
        return true;
    }

    private bool TryConsume(Keyword keyword)
    {
        if (!At(keyword))
        {
            return false;
        }

        Advance();
        return true;
    }

    private Token Expect(TokenKind kind)
    {
        if (!At(kind))
        {
            throw Unexpected("expected " + Describe(kind));
        }

        return Advance();
    }

    private Token Expect(Keyword keyword)
    {
        if (!At(keyword))
        {
            throw Unexpected("expected " + KeywordTable.TextOf(keyword).ToUpperInvariant());
        }

        return Advance();
    }

    private static string Describe(TokenKind kind) => kind switch
    {
        TokenKind.LeftParen => "\"(\"",
        TokenKind.RightParen => "\")\"",
        TokenKind.Comma => "\",\"",
        TokenKind.Dot => "\".\"",
        TokenKind.Equal => "\"=\"",
        TokenKind.String => "a string literal",
        TokenKind.Number => "a number",
        _ => kind.ToString(),
    };

    // ---------------------------------------------------------------------------------------------
    // Names. PostgreSQL's rules: a column, table or alias name (ColId) is an identifier or an unreserved keyword;
    // a function or type name may also be a type/function keyword (LEFT, RIGHT); after AS in a select list or
    // after a dot, any keyword is a name (ColLabel).

    private static bool IsName(Token token) =>
        token.Kind == TokenKind.QuotedIdentifier
        || (token.Kind == TokenKind.Word && KeywordTable.CategoryOf(token.Keyword) == KeywordCategory.Unreserved);

    private static bool IsFunctionOrTypeName(Token token) =>
        token.Kind == TokenKind.QuotedIdentifier
        || (token.Kind == TokenKind.Word && KeywordTable.CategoryOf(token.Keyword) != KeywordCategory.Reserved);

    private static bool IsLabel(Token token) => token.Kind is TokenKind.QuotedIdentifier or TokenKind.Word;

    private static Identifier ToIdentifier(Token token) =>
        new(token.Value, token.Kind == TokenKind.QuotedIdentifier) { Position = token.Position };

    /// <summary>A column, table or alias name; <paramref name="what"/> names it in the error ("a column name").</summary>
    private Identifier ParseName(string what)
    {
        if (!IsName(Current))
        {
            throw Unexpected("expected " + what);
        }

        return ToIdentifier(Advance());
    }

    private Identifier ParseLabel(string what)
    {
        if (!IsLabel(Current))
        {
            throw Unexpected("expected " + what);
        }

        return ToIdentifier(Advance());
    }

    /// <summary>name, schema.name, catalog.schema.name.</summary>
    private ObjectName ParseObjectName(string what)
    {
        Identifier first = ParseName(what);
        var parts = new List<Identifier> { first };
        while (At(TokenKind.Dot))
        {
            Advance();
            parts.Add(ParseLabel(what));
        }

        return new ObjectName(parts) { Position = first.Position };
    }

    /// <summary>( name, ... )</summary>
    private List<Identifier> ParseParenthesizedNames(string what)
    {
        Expect(TokenKind.LeftParen);
        var names = new List<Identifier>();
        do
        {
            names.Add(ParseName(what));
        }
        while (TryConsume(TokenKind.Comma));

        Expect(TokenKind.RightParen);
        return names;
    }

    // ---------------------------------------------------------------------------------------------
    // Parentheses. A '(' can open a subquery or an expression (or a join in FROM), and which one is not known
    // from the next token alone: "((SELECT 1) UNION (SELECT 2))" is a query, "((SELECT 1) + 1)" an expression.
    // One pass over the tokens records, for each '(', whether a token at its own nesting level marks a query.

    private void IndexParentheses()
    {
        var open = new Stack<int>();
        for (int i = 0; i < _tokens.Count; i++)
        {
            Token token = _tokens[i];
            switch (token.Kind)
            {
                case TokenKind.LeftParen:
                    _closingParen[i] = -1;
                    open.Push(i);

                    // A query starts with SELECT, VALUES or WITH right after its parenthesis.
                    Keyword next = _tokens[i + 1].Keyword;
                    _parenHasQueryMarker[i] = next is Keyword.Select or Keyword.Values or Keyword.With;
                    break;
                case TokenKind.RightParen:
                    if (open.Count > 0)
                    {
                        _closingParen[open.Pop()] = i;
                    }

                    break;
                case TokenKind.Word when open.Count > 0:
                    // These reserved words occur at a parenthesis' own level only in queries.
                    if (token.Keyword is Keyword.Union or Keyword.Intersect or Keyword.Except or Keyword.Order
                        or Keyword.Limit or Keyword.Offset or Keyword.Fetch)
                    {
                        _parenHasQueryMarker[open.Peek()] = true;
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// Whether the '(' at <paramref name="index"/> encloses a query: a query marker at its own level, or nothing
    /// but another parenthesised group that encloses a query ("((SELECT 1))").
    /// </summary>
    private bool IsQueryGroup(int index)
    {
        while (true)
        {
            if (_tokens[index].Kind != TokenKind.LeftParen)
            {
                return false;
            }

            if (_parenHasQueryMarker[index])
            {
                return true;
            }

            int inner = index + 1;
            if (_tokens[inner].Kind != TokenKind.LeftParen || _closingParen[inner] < 0
                || _closingParen[inner] + 1 != _closingParen[index])
            {
                return false;
            }

            index = inner;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Nesting and errors

    /// <summary>Called on entry to every production that can recurse; paired with <see cref="LeaveNesting"/>.</summary>
    private void EnterNesting()
    {
        if (++_depth > MaxNestingDepth)
        {
            throw TooDeeplyNested($"statement is nested too deeply (more than {MaxNestingDepth} levels)");
        }

        // Threads with small stacks can run out before MaxNestingDepth levels; stop while there is room to throw.
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw TooDeeplyNested("statement is nested too deeply for the parser's stack");
        }
    }

    private void LeaveNesting() => _depth--;

    private FederationException TooDeeplyNested(string message) =>
        new(ErrorCode.SyntaxError, $"{message} at or near \"{Current.Text}\" ({Current.Position})");

    /// <summary>A syntax error at the current token.</summary>
    private FederationException Unexpected(string? hint = null) => SyntaxError(Current, hint);

    private static FederationException SyntaxError(Token token, string? hint = null)
    {
        string where = token.Kind == TokenKind.EndOfInput
            ? $"syntax error at end of input ({token.Position})"
            : $"syntax error at or near \"{token.Text}\" ({token.Position})";
        return new FederationException(ErrorCode.SyntaxError, hint is null ? where : where + ": " + hint);
    }

    /// <summary>An error that is not about one unexpected token, such as an invalid window frame.</summary>
    private static FederationException InvalidSyntax(string message, SourcePosition position) =>
        new(ErrorCode.SyntaxError, $"{message} ({position})");
}
