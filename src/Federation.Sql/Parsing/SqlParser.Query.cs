using Federation.Sql.Ast;
using Federation.Sql.Lexing;

namespace Federation.Sql.Parsing;

// Query expressions: WITH, set operations, SELECT, VALUES, ORDER BY, LIMIT/OFFSET/FETCH, TOP.
public sealed partial class SqlParser
{
    /// <summary>
    /// [WITH ...] body [ORDER BY ...] [LIMIT n|ALL] [OFFSET n [ROW|ROWS]] [FETCH FIRST n ROWS ONLY], where body is a
    /// chain of set operations. ORDER BY and LIMIT belong to the whole chain unless an arm is parenthesised.
    /// </summary>
    private Query ParseQuery()
    {
        EnterNesting();
        Token start = Current;
        WithClause? with = At(Keyword.With) ? ParseWithClause() : null;
        QueryTerm body = ParseUnionTerms();
        IReadOnlyList<OrderByItem> orderBy = At(Keyword.Order) ? ParseOrderByClause() : [];
        Expression? limit = ParseLimitAndOffset(out Token? limitToken, out Expression? offset);
        if (body.Top is not null)
        {
            // Redshift's SELECT TOP n is a LIMIT applied after ORDER BY.
            if (limitToken is { } conflicting)
            {
                throw SyntaxError(conflicting, "TOP cannot be combined with LIMIT or FETCH");
            }

            limit = body.Top;
        }

        LeaveNesting();
        return new Query(with, body.Body, orderBy, limit, offset) { Position = start.Position };
    }

    /// <summary>WITH [RECURSIVE] name [(column, ...)] AS (query) [, ...].</summary>
    private WithClause ParseWithClause()
    {
        Token with = Advance();
        bool recursive = TryConsume(Keyword.Recursive);
        var tables = new List<CommonTableExpression>();
        do
        {
            Identifier name = ParseName("a query name");
            List<Identifier>? columns = At(TokenKind.LeftParen) ? ParseParenthesizedNames("a column name") : null;
            Expect(Keyword.As);
            if (At(Keyword.Not) || At(Keyword.Materialized))
            {
                throw Unexpected("MATERIALIZED hints are not supported");
            }

            Expect(TokenKind.LeftParen);
            Query query = ParseQuery();
            Expect(TokenKind.RightParen);
            tables.Add(new CommonTableExpression(name, columns, query) { Position = name.Position });
        }
        while (TryConsume(TokenKind.Comma));

        return new WithClause(recursive, tables) { Position = with.Position };
    }

    /// <summary>
    /// A query body, plus the TOP n of its SELECT when the body is that single SELECT. TOP n of an arm inside a set
    /// operation is folded into the arm (see <see cref="ArmBody"/>); TOP n of the whole body becomes the query's LIMIT.
    /// </summary>
    private readonly record struct QueryTerm(QueryBody Body, Expression? Top);

    /// <summary>UNION and EXCEPT, left-associative, over INTERSECT terms (which bind tighter).</summary>
    private QueryTerm ParseUnionTerms()
    {
        Token start = Current;
        QueryTerm left = ParseIntersectTerms();
        while (At(Keyword.Union) || At(Keyword.Except))
        {
            SetOperator op = Advance().Is(Keyword.Union) ? SetOperator.Union : SetOperator.Except;
            bool all = ParseSetQuantifier();
            QueryTerm right = ParseIntersectTerms();
            left = new QueryTerm(new SetOperationBody(op, all, ArmBody(left), ArmBody(right)) { Position = start.Position }, null);
        }

        return left;
    }

    private QueryTerm ParseIntersectTerms()
    {
        Token start = Current;
        QueryTerm left = ParseQueryPrimary();
        while (TryConsume(Keyword.Intersect))
        {
            bool all = ParseSetQuantifier();
            QueryTerm right = ParseQueryPrimary();
            left = new QueryTerm(new SetOperationBody(SetOperator.Intersect, all, ArmBody(left), ArmBody(right)) { Position = start.Position }, null);
        }

        return left;
    }

    /// <summary>ALL keeps duplicates; DISTINCT (the default) removes them.</summary>
    private bool ParseSetQuantifier()
    {
        if (TryConsume(Keyword.All))
        {
            return true;
        }

        TryConsume(Keyword.Distinct);
        return false;
    }

    private static QueryBody ArmBody(QueryTerm term)
    {
        if (term.Top is null)
        {
            return term.Body;
        }

        var limited = new Query(null, term.Body, [], term.Top, null) { Position = term.Body.Position };
        return new NestedQueryBody(limited) { Position = term.Body.Position };
    }

    /// <summary>SELECT ..., VALUES ..., or a parenthesised query.</summary>
    private QueryTerm ParseQueryPrimary()
    {
        if (At(Keyword.Select))
        {
            return ParseSelect();
        }

        if (At(Keyword.Values))
        {
            return new QueryTerm(ParseValues(), null);
        }

        if (!At(TokenKind.LeftParen))
        {
            throw Unexpected("expected SELECT, VALUES or \"(\"");
        }

        Token open = Advance();
        Query inner = ParseQuery();
        Expect(TokenKind.RightParen);

        // Parentheses around a bare body change nothing: (SELECT 1) UNION ... is SELECT 1 UNION ...
        if (inner.With is null && inner.OrderBy.Count == 0 && inner.Limit is null && inner.Offset is null)
        {
            return new QueryTerm(inner.Body, null);
        }

        return new QueryTerm(new NestedQueryBody(inner) { Position = open.Position }, null);
    }

    /// <summary>
    /// SELECT [TOP n] [ALL|DISTINCT] items [FROM ...] [WHERE ...] [GROUP BY ...] [HAVING ...] [WINDOW ...].
    /// </summary>
    private QueryTerm ParseSelect()
    {
        Token select = Advance();
        Expression? top = TryParseTop();
        bool distinct = false;
        if (TryConsume(Keyword.Distinct))
        {
            if (At(Keyword.On))
            {
                throw Unexpected("DISTINCT ON is not supported");
            }

            distinct = true;
        }
        else
        {
            TryConsume(Keyword.All);
        }

        top ??= TryParseTop();

        var items = new List<SelectItem>();
        do
        {
            items.Add(ParseSelectItem());
        }
        while (TryConsume(TokenKind.Comma));

        List<TableReference> from = [];
        if (TryConsume(Keyword.From))
        {
            do
            {
                from.Add(ParseTableReference());
            }
            while (TryConsume(TokenKind.Comma));
        }

        Expression? where = TryConsume(Keyword.Where) ? ParseExpression() : null;

        List<Expression> groupBy = [];
        if (TryConsume(Keyword.Group))
        {
            Expect(Keyword.By);
            do
            {
                groupBy.Add(ParseGroupingExpression());
            }
            while (TryConsume(TokenKind.Comma));
        }

        Expression? having = TryConsume(Keyword.Having) ? ParseExpression() : null;

        List<NamedWindow> windows = [];
        if (TryConsume(Keyword.Window))
        {
            do
            {
                Identifier name = ParseName("a window name");
                Expect(Keyword.As);
                windows.Add(new NamedWindow(name, ParseWindowSpecification()) { Position = name.Position });
            }
            while (TryConsume(TokenKind.Comma));
        }

        var body = new SelectBody(distinct, items, from, where, groupBy, having, windows) { Position = select.Position };
        return new QueryTerm(body, top);
    }

    /// <summary>Redshift's TOP n; TOP is not reserved, so it counts only when an integer follows.</summary>
    private NumberLiteral? TryParseTop()
    {
        if (!At(Keyword.Top) || Peek(1).Kind != TokenKind.Number)
        {
            return null;
        }

        Advance();
        Token count = Advance();
        return new NumberLiteral(count.Text) { Position = count.Position };
    }

    private Expression ParseGroupingExpression()
    {
        Token start = Current;
        bool groupingSets = start.Kind == TokenKind.Word
                            && ((start.Value is "rollup" or "cube" && Peek(1).Kind == TokenKind.LeftParen)
                                || (start.Value == "grouping" && Peek(1).Kind == TokenKind.Word && Peek(1).Value == "sets"));
        if (groupingSets)
        {
            throw Unexpected("ROLLUP, CUBE and GROUPING SETS are not supported");
        }

        if (At(TokenKind.LeftParen) && Peek(1).Kind == TokenKind.RightParen)
        {
            throw Unexpected("empty grouping sets are not supported");
        }

        return ParseExpression();
    }

    /// <summary>*, qualifier.*, or expression [[AS] alias].</summary>
    private SelectItem ParseSelectItem()
    {
        Token start = Current;
        if (At(TokenKind.Star))
        {
            Advance();
            return new WildcardSelectItem(null) { Position = start.Position };
        }

        if (IsQualifiedWildcard())
        {
            var parts = new List<Identifier>();
            while (!At(TokenKind.Star))
            {
                parts.Add(ToIdentifier(Advance()));
                Advance(); // the dot
            }

            Advance(); // the star
            var qualifier = new ObjectName(parts) { Position = start.Position };
            return new WildcardSelectItem(qualifier) { Position = start.Position };
        }

        Expression expression = ParseExpression();
        Identifier? alias = null;
        if (TryConsume(Keyword.As))
        {
            alias = ParseLabel("an alias");
        }
        else if (IsName(Current))
        {
            alias = ToIdentifier(Advance());
        }

        return new ExpressionSelectItem(expression, alias) { Position = start.Position };
    }

    /// <summary>Whether the tokens ahead are name . [name . ...] *.</summary>
    private bool IsQualifiedWildcard()
    {
        if (!IsName(Current))
        {
            return false;
        }

        for (int ahead = 1; ; ahead += 2)
        {
            if (Peek(ahead).Kind != TokenKind.Dot)
            {
                return false;
            }

            Token next = Peek(ahead + 1);
            if (next.Kind == TokenKind.Star)
            {
                return true;
            }

            if (!IsLabel(next))
            {
                return false;
            }
        }
    }

    /// <summary>VALUES (e, ...) [, (e, ...)]; every row must have the same number of values.</summary>
    private ValuesBody ParseValues()
    {
        Token values = Advance();
        var rows = new List<IReadOnlyList<Expression>>();
        do
        {
            Token open = Expect(TokenKind.LeftParen);
            List<Expression> row = ParseExpressionList();
            Expect(TokenKind.RightParen);
            if (rows.Count > 0 && row.Count != rows[0].Count)
            {
                throw InvalidSyntax("VALUES lists must all be the same length", open.Position);
            }

            rows.Add(row);
        }
        while (TryConsume(TokenKind.Comma));

        return new ValuesBody(rows) { Position = values.Position };
    }

    /// <summary>ORDER BY expression [ASC|DESC] [NULLS FIRST|LAST] [, ...].</summary>
    private List<OrderByItem> ParseOrderByClause()
    {
        Expect(Keyword.Order);
        Expect(Keyword.By);
        var items = new List<OrderByItem>();
        do
        {
            Token start = Current;
            Expression expression = ParseExpression();
            bool descending = false;
            if (TryConsume(Keyword.Desc))
            {
                descending = true;
            }
            else if (!TryConsume(Keyword.Asc) && At(Keyword.Using))
            {
                throw Unexpected("ORDER BY ... USING is not supported");
            }

            bool? nullsFirst = null;
            if (TryConsume(Keyword.Nulls))
            {
                if (TryConsume(Keyword.First))
                {
                    nullsFirst = true;
                }
                else if (TryConsume(Keyword.Last))
                {
                    nullsFirst = false;
                }
                else
                {
                    throw Unexpected("expected FIRST or LAST");
                }
            }

            items.Add(new OrderByItem(expression, descending, nullsFirst) { Position = start.Position });
        }
        while (TryConsume(TokenKind.Comma));

        return items;
    }

    /// <summary>
    /// LIMIT n|ALL, OFFSET n [ROW|ROWS] and FETCH {FIRST|NEXT} [n] {ROW|ROWS} ONLY, in any order, each at most once
    /// (FETCH counts as a LIMIT). Returns the limit; <paramref name="limitToken"/> is the LIMIT or FETCH keyword.
    /// </summary>
    private Expression? ParseLimitAndOffset(out Token? limitToken, out Expression? offset)
    {
        Expression? limit = null;
        limitToken = null;
        offset = null;
        bool sawOffset = false;
        while (true)
        {
            if (At(Keyword.Limit) || At(Keyword.Fetch))
            {
                if (limitToken is not null)
                {
                    throw Unexpected("multiple LIMIT clauses are not allowed");
                }

                limitToken = Current;
                limit = At(Keyword.Limit) ? ParseLimit() : ParseFetchFirst();
            }
            else if (At(Keyword.Offset))
            {
                if (sawOffset)
                {
                    throw Unexpected("multiple OFFSET clauses are not allowed");
                }

                Advance();
                sawOffset = true;
                offset = ParseExpression();
                if (!TryConsume(Keyword.Row))
                {
                    TryConsume(Keyword.Rows);
                }
            }
            else
            {
                return limit;
            }
        }
    }

    private Expression? ParseLimit()
    {
        Advance();
        if (TryConsume(Keyword.All))
        {
            return null;
        }

        Expression limit = ParseExpression();
        if (At(TokenKind.Comma))
        {
            throw Unexpected("LIMIT #,# syntax is not supported; use separate LIMIT and OFFSET clauses");
        }

        return limit;
    }

    /// <summary>FETCH {FIRST|NEXT} [n] {ROW|ROWS} ONLY; n defaults to 1 as in the SQL standard.</summary>
    private Expression ParseFetchFirst()
    {
        Advance();
        if (!TryConsume(Keyword.First) && !TryConsume(Keyword.Next))
        {
            throw Unexpected("expected FIRST or NEXT");
        }

        Expression count;
        if (At(Keyword.Row) || At(Keyword.Rows))
        {
            count = new NumberLiteral("1") { Position = Current.Position };
        }
        else
        {
            count = ParseExpression(Precedence.Unary);
        }

        if (!TryConsume(Keyword.Row) && !TryConsume(Keyword.Rows))
        {
            throw Unexpected("expected ROW or ROWS");
        }

        if (At(Keyword.With) && Peek(1).Is(Keyword.Ties))
        {
            throw Unexpected("FETCH ... WITH TIES is not supported");
        }

        Expect(Keyword.Only);
        return count;
    }
}
