using System.Globalization;
using Federation.Sql.Ast;
using Federation.Sql.Lexing;

namespace Federation.Sql.Parsing;

// Expressions, by precedence climbing over the levels in Precedence.
public sealed partial class SqlParser
{
    /// <summary>
    /// Parses an expression whose infix operators all bind at least as tightly as <paramref name="minPrecedence"/>.
    /// Every node built here starts where the expression starts, so it takes that token's position.
    /// </summary>
    private Expression ParseExpression(int minPrecedence = Precedence.Lowest)
    {
        EnterNesting();
        SourcePosition start = Current.Position;
        Expression left = ParsePrefix();
        while (true)
        {
            int precedence = InfixPrecedence();
            if (precedence == Precedence.Lowest || precedence < minPrecedence)
            {
                break;
            }

            left = ParseInfix(left, start, precedence);

            // Comparisons and pattern matches do not chain: a = b = c and a LIKE b LIKE c are errors, as in PostgreSQL.
            if (precedence is Precedence.Comparison or Precedence.PatternMatch && InfixPrecedence() == precedence)
            {
                throw Unexpected();
            }
        }

        LeaveNesting();
        return left;
    }

    private List<Expression> ParseExpressionList()
    {
        var expressions = new List<Expression>();
        do
        {
            expressions.Add(ParseExpression());
        }
        while (TryConsume(TokenKind.Comma));

        return expressions;
    }

    /// <summary>The precedence of the infix or postfix operator at the current token, or Lowest if there is none.</summary>
    private int InfixPrecedence()
    {
        Token token = Current;
        switch (token.Kind)
        {
            case TokenKind.Plus or TokenKind.Minus:
                return Precedence.Additive;
            case TokenKind.Star or TokenKind.Slash or TokenKind.Percent:
                return Precedence.Multiplicative;
            case TokenKind.Caret:
                return Precedence.Exponent;
            case TokenKind.Equal or TokenKind.NotEqual or TokenKind.Less or TokenKind.LessOrEqual or TokenKind.Greater
                or TokenKind.GreaterOrEqual:
                return Precedence.Comparison;
            case TokenKind.Concat or TokenKind.Tilde or TokenKind.TildeStar or TokenKind.NotTilde or TokenKind.NotTildeStar
                or TokenKind.DoubleTilde or TokenKind.DoubleTildeStar or TokenKind.NotDoubleTilde or TokenKind.NotDoubleTildeStar:
                return Precedence.Other;
            case TokenKind.DoubleColon:
                return Precedence.Cast;
            case TokenKind.Word:
                return token.Keyword switch
                {
                    Keyword.Or => Precedence.Or,
                    Keyword.And => Precedence.And,
                    Keyword.Is or Keyword.Isnull or Keyword.Notnull => Precedence.Is,
                    Keyword.Like or Keyword.Ilike or Keyword.Similar or Keyword.Between or Keyword.In => Precedence.PatternMatch,
                    Keyword.Not when Peek(1).Keyword is Keyword.Like or Keyword.Ilike or Keyword.Similar or Keyword.Between
                        or Keyword.In => Precedence.PatternMatch,
                    Keyword.At when Peek(1).Is(Keyword.Time) && Peek(2).Is(Keyword.Zone) => Precedence.AtTimeZone,
                    _ => Precedence.Lowest,
                };
            default:
                return Precedence.Lowest;
        }
    }

    private Expression ParseInfix(Expression left, SourcePosition start, int precedence)
    {
        Token op = Advance();
        switch (op.Kind)
        {
            case TokenKind.Plus:
                return Binary(BinaryOperator.Add);
            case TokenKind.Minus:
                return Binary(BinaryOperator.Subtract);
            case TokenKind.Star:
                return Binary(BinaryOperator.Multiply);
            case TokenKind.Slash:
                return Binary(BinaryOperator.Divide);
            case TokenKind.Percent:
                return Binary(BinaryOperator.Modulo);
            case TokenKind.Caret:
                return Binary(BinaryOperator.Power);
            case TokenKind.Concat:
                return Binary(BinaryOperator.Concat);
            case TokenKind.Equal:
                return Comparison(BinaryOperator.Equal);
            case TokenKind.NotEqual:
                return Comparison(BinaryOperator.NotEqual);
            case TokenKind.Less:
                return Comparison(BinaryOperator.Less);
            case TokenKind.LessOrEqual:
                return Comparison(BinaryOperator.LessOrEqual);
            case TokenKind.Greater:
                return Comparison(BinaryOperator.Greater);
            case TokenKind.GreaterOrEqual:
                return Comparison(BinaryOperator.GreaterOrEqual);
            case TokenKind.Tilde or TokenKind.TildeStar or TokenKind.NotTilde or TokenKind.NotTildeStar:
            {
                bool caseInsensitive = op.Kind is TokenKind.TildeStar or TokenKind.NotTildeStar;
                bool negated = op.Kind is TokenKind.NotTilde or TokenKind.NotTildeStar;
                Expression pattern = ParseExpression(precedence + 1);
                return new RegexMatchExpression(left, pattern, caseInsensitive, negated, Similar: false) { Position = start };
            }

            case TokenKind.DoubleTilde or TokenKind.DoubleTildeStar or TokenKind.NotDoubleTilde or TokenKind.NotDoubleTildeStar:
            {
                bool caseInsensitive = op.Kind is TokenKind.DoubleTildeStar or TokenKind.NotDoubleTildeStar;
                bool negated = op.Kind is TokenKind.NotDoubleTilde or TokenKind.NotDoubleTildeStar;
                Expression pattern = ParseExpression(precedence + 1);
                return new LikeExpression(left, pattern, null, caseInsensitive, negated) { Position = start };
            }

            case TokenKind.DoubleColon:
                return new CastExpression(left, ParseTypeName(), IsTry: false) { Position = start };
        }

        switch (op.Keyword)
        {
            case Keyword.Or:
                return Binary(BinaryOperator.Or);
            case Keyword.And:
                return Binary(BinaryOperator.And);
            case Keyword.Isnull:
                return new IsNullExpression(left, Negated: false) { Position = start };
            case Keyword.Notnull:
                return new IsNullExpression(left, Negated: true) { Position = start };
            case Keyword.Is:
                return ParseIsPredicate(left, start);
            case Keyword.Not:
                return ParsePatternMatch(left, start, Advance(), negated: true);
            case Keyword.Like or Keyword.Ilike or Keyword.Similar or Keyword.Between or Keyword.In:
                return ParsePatternMatch(left, start, op, negated: false);
            case Keyword.At:
            {
                // AT TIME ZONE is PostgreSQL's timezone(zone, value).
                Expect(Keyword.Time);
                Expect(Keyword.Zone);
                Expression zone = ParseExpression(precedence + 1);
                var name = new ObjectName([new Identifier("timezone", false) { Position = op.Position }]) { Position = op.Position };
                return new FunctionCall(name, [zone, left], false, false, [], null, null) { Position = start };
            }
        }

        throw SyntaxError(op);

        BinaryExpression Binary(BinaryOperator binary) =>
            new(binary, left, ParseExpression(precedence + 1)) { Position = start };

        Expression Comparison(BinaryOperator comparison)
        {
            // x op ANY|SOME|ALL (subquery)
            if (Current.Keyword is Keyword.Any or Keyword.Some or Keyword.All && Peek(1).Kind == TokenKind.LeftParen)
            {
                Quantifier quantifier = Advance().Is(Keyword.All) ? Quantifier.All : Quantifier.Any;
                Query subquery = ParseParenthesizedQuery();
                return new QuantifiedComparisonExpression(comparison, left, quantifier, subquery) { Position = start };
            }

            return Binary(comparison);
        }
    }

    /// <summary>After IS: [NOT] NULL | TRUE | FALSE | UNKNOWN | DISTINCT FROM expression.</summary>
    private Expression ParseIsPredicate(Expression left, SourcePosition start)
    {
        bool negated = TryConsume(Keyword.Not);
        switch (Current.Keyword)
        {
            case Keyword.Null:
                Advance();
                return new IsNullExpression(left, negated) { Position = start };
            case Keyword.True:
                Advance();
                return new IsBooleanExpression(left, true, negated) { Position = start };
            case Keyword.False:
                Advance();
                return new IsBooleanExpression(left, false, negated) { Position = start };
            case Keyword.Unknown:
                Advance();
                return new IsBooleanExpression(left, null, negated) { Position = start };
            case Keyword.Distinct:
            {
                Advance();
                Expect(Keyword.From);
                Expression right = ParseExpression(Precedence.Is + 1);
                var op = negated ? BinaryOperator.IsNotDistinctFrom : BinaryOperator.IsDistinctFrom;
                return new BinaryExpression(op, left, right) { Position = start };
            }

            default:
                throw Unexpected("expected NULL, TRUE, FALSE, UNKNOWN or DISTINCT FROM");
        }
    }

    /// <summary>
    /// LIKE, ILIKE, SIMILAR TO, BETWEEN and IN after their left operand (and after NOT when negated).
    /// Their right operands bind tighter than the predicate itself, so the AND of BETWEEN is not a boolean AND.
    /// </summary>
    private Expression ParsePatternMatch(Expression left, SourcePosition start, Token op, bool negated)
    {
        const int operand = Precedence.PatternMatch + 1;
        switch (op.Keyword)
        {
            case Keyword.Like or Keyword.Ilike:
            {
                Expression pattern = ParseExpression(operand);
                Expression? escape = TryConsume(Keyword.Escape) ? ParseExpression(operand) : null;
                return new LikeExpression(left, pattern, escape, op.Is(Keyword.Ilike), negated) { Position = start };
            }

            case Keyword.Similar:
            {
                Expect(Keyword.To);
                Expression pattern = ParseExpression(operand);
                if (At(Keyword.Escape))
                {
                    throw Unexpected("SIMILAR TO ... ESCAPE is not supported");
                }

                return new RegexMatchExpression(left, pattern, CaseInsensitive: false, negated, Similar: true) { Position = start };
            }

            case Keyword.Between:
            {
                bool symmetric = TryConsume(Keyword.Symmetric);
                if (!symmetric)
                {
                    TryConsume(Keyword.Asymmetric);
                }

                Expression low = ParseExpression(operand);
                Expect(Keyword.And);
                Expression high = ParseExpression(operand);
                return new BetweenExpression(left, low, high, negated, symmetric) { Position = start };
            }

            case Keyword.In:
            {
                if (!At(TokenKind.LeftParen))
                {
                    throw Unexpected("expected \"(\"");
                }

                if (IsQueryGroup(_index))
                {
                    return new InSubqueryExpression(left, ParseParenthesizedQuery(), negated) { Position = start };
                }

                Advance();
                List<Expression> list = ParseExpressionList();
                Expect(TokenKind.RightParen);
                return new InListExpression(left, list, negated) { Position = start };
            }

            default:
                throw SyntaxError(op);
        }
    }

    /// <summary>( query )</summary>
    private Query ParseParenthesizedQuery()
    {
        Expect(TokenKind.LeftParen);
        Query query = ParseQuery();
        Expect(TokenKind.RightParen);
        return query;
    }

    /// <summary>Literals, parameters, prefix operators, parenthesised expressions and subqueries, names and calls.</summary>
    private Expression ParsePrefix()
    {
        Token token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                Advance();
                return new NumberLiteral(token.Text) { Position = token.Position };
            case TokenKind.String:
                Advance();
                return new StringLiteral(token.Value) { Position = token.Position };
            case TokenKind.Parameter:
                Advance();
                return new ParameterReference(int.Parse(token.Value, NumberStyles.None, CultureInfo.InvariantCulture)) { Position = token.Position };
            case TokenKind.Plus or TokenKind.Minus:
            {
                Advance();
                Expression operand = ParseExpression(Precedence.Unary);
                var op = token.Kind == TokenKind.Minus ? UnaryOperator.Minus : UnaryOperator.Plus;
                return new UnaryExpression(op, operand) { Position = token.Position };
            }

            case TokenKind.AtSign:
            {
                // A prefix operator other than + and - binds at the level of "any other operator" in PostgreSQL:
                // @ -5 + 2 is @ (-5 + 2), and @ a || b is (@ a) || b.
                Advance();
                Expression operand = ParseExpression(Precedence.Other + 1);
                return new UnaryExpression(UnaryOperator.AbsoluteValue, operand) { Position = token.Position };
            }

            case TokenKind.LeftParen:
                return ParseParenthesized();
            case TokenKind.QuotedIdentifier:
                return ParseNameOrCall();
            case TokenKind.Word:
                return ParseWord();
            default:
                throw Unexpected();
        }
    }

    /// <summary>A scalar subquery "(SELECT ...)" or a parenthesised expression (the parentheses leave no node).</summary>
    private Expression ParseParenthesized()
    {
        Token open = Current;
        if (IsQueryGroup(_index))
        {
            return new ScalarSubqueryExpression(ParseParenthesizedQuery()) { Position = open.Position };
        }

        Advance();
        Expression inner = ParseExpression();
        if (At(TokenKind.Comma))
        {
            throw Unexpected("row constructors are not supported");
        }

        Expect(TokenKind.RightParen);
        return inner;
    }

    /// <summary>An expression starting with an unquoted word: a keyword construct, a typed literal, a name or a call.</summary>
    private Expression ParseWord()
    {
        Token token = Current;
        Token next = Peek(1);
        bool call = next.Kind == TokenKind.LeftParen;
        switch (token.Keyword)
        {
            case Keyword.True or Keyword.False:
                Advance();
                return new BooleanLiteral(token.Is(Keyword.True)) { Position = token.Position };
            case Keyword.Null:
                Advance();
                return new NullLiteral { Position = token.Position };
            case Keyword.Not:
            {
                Advance();
                Expression operand = ParseExpression(Precedence.Not);
                return new UnaryExpression(UnaryOperator.Not, operand) { Position = token.Position };
            }

            case Keyword.Case:
                return ParseCase();
            case Keyword.Cast:
                return ParseCast(isTry: false);
            case Keyword.TryCast when call:
                return ParseCast(isTry: true);
            case Keyword.Exists when call:
                Advance();
                return new ExistsExpression(ParseParenthesizedQuery()) { Position = token.Position };
            case Keyword.Interval when next.Kind is TokenKind.String or TokenKind.Number:
                return ParseIntervalLiteral();
            case Keyword.Extract when call:
                return ParseExtract();
            case Keyword.Substring when call:
                return ParseSubstring();
            case Keyword.Position when call:
                return ParsePosition();
            case Keyword.Trim when call:
                return ParseTrim();
            case Keyword.CurrentDate or Keyword.CurrentTime or Keyword.CurrentTimestamp or Keyword.Localtime
                or Keyword.Localtimestamp or Keyword.Sysdate or Keyword.CurrentUser or Keyword.SessionUser or Keyword.User
                or Keyword.CurrentRole or Keyword.CurrentCatalog or Keyword.SystemUser:
                Advance();
                return ZeroArgumentCall(token);
            case Keyword.CurrentSchema:
                // current_schema and current_schema() are the same function.
                Advance();
                if (At(TokenKind.LeftParen) && Peek(1).Kind == TokenKind.RightParen)
                {
                    Advance();
                    Advance();
                }

                return ZeroArgumentCall(token);
            case Keyword.Timestamp or Keyword.Time when next.Keyword is Keyword.With or Keyword.Without:
            case Keyword.Double when next.Is(Keyword.Precision):
            case Keyword.Character or Keyword.Char when next.Is(Keyword.Varying):
                return ParseTypedLiteral();
        }

        if (KeywordTable.CategoryOf(token.Keyword) == KeywordCategory.Reserved)
        {
            throw Unexpected();
        }

        // type 'string' is a typed literal: DATE '2024-01-31', TIMESTAMPTZ '...', INT8 '42'.
        if (next.Kind == TokenKind.String)
        {
            return ParseTypedLiteral();
        }

        return ParseNameOrCall();
    }

    private static FunctionCall ZeroArgumentCall(Token keyword)
    {
        var name = new ObjectName([new Identifier(keyword.Value, false) { Position = keyword.Position }]) { Position = keyword.Position };
        return new FunctionCall(name, [], false, false, [], null, null) { Position = keyword.Position };
    }

    /// <summary>type 'string', where the type may have several words (TIMESTAMP WITH TIME ZONE '...').</summary>
    private TypedLiteral ParseTypedLiteral()
    {
        TypeName type = ParseTypeName();
        if (!At(TokenKind.String))
        {
            throw Unexpected("expected a string literal");
        }

        return new TypedLiteral(type, Advance().Value) { Position = type.Position };
    }

    /// <summary>A column reference a, t.a, s.t.a, or a call name(...) / schema.name(...).</summary>
    private Expression ParseNameOrCall()
    {
        Token first = Current;
        var parts = new List<Identifier> { ToIdentifier(Advance()) };
        while (At(TokenKind.Dot) && IsLabel(Peek(1)))
        {
            Advance();
            parts.Add(ToIdentifier(Advance()));
        }

        if (At(TokenKind.LeftParen))
        {
            if (!IsFunctionOrTypeName(first))
            {
                throw SyntaxError(first);
            }

            return ParseFunctionCall(new ObjectName(parts) { Position = first.Position });
        }

        // LEFT, RIGHT, JOIN, LIKE ... can name functions but not columns.
        if (!IsName(first))
        {
            throw SyntaxError(first);
        }

        return new ColumnReference(parts) { Position = first.Position };
    }

    /// <summary>CASE [operand] WHEN ... THEN ... [...] [ELSE ...] END.</summary>
    private CaseExpression ParseCase()
    {
        Token caseToken = Advance();
        Expression? operand = At(Keyword.When) ? null : ParseExpression();
        var whens = new List<WhenClause>();
        while (At(Keyword.When))
        {
            Token when = Advance();
            Expression condition = ParseExpression();
            Expect(Keyword.Then);
            Expression result = ParseExpression();
            whens.Add(new WhenClause(condition, result) { Position = when.Position });
        }

        if (whens.Count == 0)
        {
            throw Unexpected("expected WHEN");
        }

        Expression? elseResult = TryConsume(Keyword.Else) ? ParseExpression() : null;
        Expect(Keyword.End);
        return new CaseExpression(operand, whens, elseResult) { Position = caseToken.Position };
    }

    /// <summary>CAST(x AS type) and TRY_CAST(x AS type).</summary>
    private CastExpression ParseCast(bool isTry)
    {
        Token cast = Advance();
        Expect(TokenKind.LeftParen);
        Expression operand = ParseExpression();
        Expect(Keyword.As);
        TypeName type = ParseTypeName();
        Expect(TokenKind.RightParen);
        return new CastExpression(operand, type, isTry) { Position = cast.Position };
    }
}
