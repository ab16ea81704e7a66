using Federation.Sql.Ast;
using Federation.Sql.Lexing;

namespace Federation.Sql.Parsing;

// FROM items: tables, derived tables, table functions and joins.
public sealed partial class SqlParser
{
    /// <summary>One comma-separated FROM entry: a table primary followed by any number of joins.</summary>
    private TableReference ParseTableReference()
    {
        EnterNesting();
        TableReference result = ParseJoins(ParseTablePrimary());
        LeaveNesting();
        return result;
    }

    /// <summary>
    /// Joins are left-associative: a JOIN b JOIN c is (a JOIN b) JOIN c. A join that needs ON/USING but finds
    /// another join first takes that join as its right side (a JOIN b JOIN c ON x ON y), as in PostgreSQL.
    /// </summary>
    private TableReference ParseJoins(TableReference left)
    {
        SourcePosition start = left.Position;
        while (TryParseJoinType(out JoinKind kind, out bool natural))
        {
            TableReference right = ParseTablePrimary();
            bool needsCondition = !natural && kind != JoinKind.Cross;
            if (needsCondition && StartsJoin())
            {
                EnterNesting();
                right = ParseJoins(right);
                LeaveNesting();
            }

            Expression? on = null;
            List<Identifier>? usingColumns = null;
            if (needsCondition)
            {
                if (TryConsume(Keyword.On))
                {
                    on = ParseExpression();
                }
                else if (TryConsume(Keyword.Using))
                {
                    usingColumns = ParseParenthesizedNames("a column name");
                }
                else
                {
                    throw Unexpected("expected ON or USING");
                }
            }

            left = new JoinReference(left, right, kind, on, usingColumns, natural) { Position = start };
        }

        return left;
    }

    private bool StartsJoin() =>
        Current.Keyword is Keyword.Join or Keyword.Inner or Keyword.Left or Keyword.Right or Keyword.Full
            or Keyword.Cross or Keyword.Natural;

    /// <summary>[NATURAL] [INNER | LEFT|RIGHT|FULL [OUTER]] JOIN, or CROSS JOIN.</summary>
    private bool TryParseJoinType(out JoinKind kind, out bool natural)
    {
        kind = JoinKind.Inner;
        natural = false;
        if (!StartsJoin())
        {
            return false;
        }

        natural = TryConsume(Keyword.Natural);
        switch (Current.Keyword)
        {
            case Keyword.Join:
                break;
            case Keyword.Inner:
                Advance();
                break;
            case Keyword.Left or Keyword.Right or Keyword.Full:
                kind = Advance().Keyword switch
                {
                    Keyword.Left => JoinKind.Left,
                    Keyword.Right => JoinKind.Right,
                    _ => JoinKind.Full,
                };
                TryConsume(Keyword.Outer);
                break;
            case Keyword.Cross when !natural:
                Advance();
                kind = JoinKind.Cross;
                break;
            default:
                throw Unexpected("expected JOIN");
        }

        Expect(Keyword.Join);
        return true;
    }

    /// <summary>
    /// name [alias], function(args) [alias], [LATERAL] (query) [alias], or a parenthesised join.
    /// </summary>
    private TableReference ParseTablePrimary()
    {
        Token start = Current;
        if (TryConsume(Keyword.Lateral))
        {
            if (!At(TokenKind.LeftParen))
            {
                throw Unexpected("LATERAL is supported only before a subquery");
            }

            return ParseDerivedTable(start, lateral: true);
        }

        if (At(TokenKind.LeftParen))
        {
            if (IsQueryGroup(_index))
            {
                return ParseDerivedTable(start, lateral: false);
            }

            Advance();
            TableReference nested = ParseTableReference();
            Expect(TokenKind.RightParen);
            if (At(Keyword.As) || IsName(Current))
            {
                throw Unexpected("aliases on parenthesised joins are not supported");
            }

            return nested;
        }

        if (!IsName(Current))
        {
            throw Unexpected("expected a table name");
        }

        ObjectName name = ParseObjectName("a table name");
        if (At(TokenKind.LeftParen))
        {
            Advance();
            var arguments = new List<Expression>();
            var named = new List<TableFunctionArgument>();
            if (!At(TokenKind.RightParen))
            {
                do
                {
                    if (IsLabel(Current) && Peek(1).Kind == TokenKind.Equal)
                    {
                        // name => value (PostgreSQL's named notation, lexed as '=' then '>') or DuckDB's name = value.
                        Token at = Current;
                        Identifier parameter = ToIdentifier(at);
                        Advance();
                        Advance();
                        TryConsume(TokenKind.Greater);
                        named.Add(new TableFunctionArgument(parameter, ParseExpression()) { Position = at.Position });
                    }
                    else if (named.Count > 0)
                    {
                        throw Unexpected("a named argument (positional arguments come first)");
                    }
                    else
                    {
                        arguments.Add(ParseExpression());
                    }
                }
                while (TryConsume(TokenKind.Comma));
            }

            Expect(TokenKind.RightParen);
            return new TableFunctionReference(name, arguments, ParseTableAlias()) { Position = start.Position, Named = named };
        }

        return new NamedTableReference(name, ParseTableAlias()) { Position = start.Position };
    }

    private DerivedTableReference ParseDerivedTable(Token start, bool lateral)
    {
        Expect(TokenKind.LeftParen);
        Query query = ParseQuery();
        Expect(TokenKind.RightParen);
        return new DerivedTableReference(query, ParseTableAlias(), lateral) { Position = start.Position };
    }

    /// <summary>[AS] alias [(column, ...)]; without AS the alias must not be a keyword that could follow a table.</summary>
    private TableAlias? ParseTableAlias()
    {
        Identifier name;
        if (TryConsume(Keyword.As))
        {
            name = ParseName("an alias");
        }
        else if (IsName(Current))
        {
            name = ToIdentifier(Advance());
        }
        else
        {
            return null;
        }

        List<Identifier>? columns = At(TokenKind.LeftParen) ? ParseParenthesizedNames("a column name") : null;
        return new TableAlias(name, columns) { Position = name.Position };
    }
}
