using System.Globalization;
using Federation.Sql.Ast;
using Federation.Sql.Lexing;

namespace Federation.Sql.Parsing;

// Function calls (aggregates, FILTER, WITHIN GROUP, window clauses), the SQL-standard special call syntaxes
// (EXTRACT, SUBSTRING, POSITION, TRIM) and INTERVAL literals.
public sealed partial class SqlParser
{
    /// <summary>
    /// name([DISTINCT|ALL] args | *) [WITHIN GROUP (ORDER BY ...)] [FILTER (WHERE ...)] [OVER (...) | OVER name].
    /// </summary>
    private FunctionCall ParseFunctionCall(ObjectName name)
    {
        Expect(TokenKind.LeftParen);
        bool distinct = false;
        bool star = false;
        List<Expression> arguments = [];
        if (At(TokenKind.Star) && Peek(1).Kind == TokenKind.RightParen)
        {
            Advance();
            star = true;
        }
        else if (!At(TokenKind.RightParen))
        {
            if (TryConsume(Keyword.Distinct))
            {
                distinct = true;
            }
            else
            {
                TryConsume(Keyword.All);
            }

            arguments = ParseExpressionList();
            if (At(Keyword.Order))
            {
                throw Unexpected("ORDER BY inside an argument list is not supported; use WITHIN GROUP (ORDER BY ...)");
            }
        }

        Expect(TokenKind.RightParen);

        List<OrderByItem> withinGroup = [];
        if (At(Keyword.Within) && Peek(1).Is(Keyword.Group))
        {
            Advance();
            Advance();
            Expect(TokenKind.LeftParen);
            withinGroup = ParseOrderByClause();
            Expect(TokenKind.RightParen);
        }

        Expression? filter = null;
        if (At(Keyword.Filter) && Peek(1).Kind == TokenKind.LeftParen)
        {
            Advance();
            Advance();
            Expect(Keyword.Where);
            filter = ParseExpression();
            Expect(TokenKind.RightParen);
        }

        WindowSpecification? over = null;
        if (TryConsume(Keyword.Over))
        {
            if (At(TokenKind.LeftParen))
            {
                over = ParseWindowSpecification();
            }
            else
            {
                Identifier windowName = ParseName("a window name or \"(\"");
                over = new WindowSpecification(windowName, [], [], null) { Position = windowName.Position };
            }
        }

        return new FunctionCall(name, arguments, distinct, star, withinGroup, filter, over) { Position = name.Position };
    }

    /// <summary>([base_window] [PARTITION BY ...] [ORDER BY ...] [ROWS|RANGE frame]).</summary>
    private WindowSpecification ParseWindowSpecification()
    {
        Token open = Expect(TokenKind.LeftParen);
        Identifier? baseName = null;
        if (IsName(Current) && Current.Keyword is not (Keyword.Partition or Keyword.Rows or Keyword.Range or Keyword.Groups))
        {
            baseName = ToIdentifier(Advance());
        }

        List<Expression> partitionBy = [];
        if (TryConsume(Keyword.Partition))
        {
            Expect(Keyword.By);
            partitionBy = ParseExpressionList();
        }

        List<OrderByItem> orderBy = At(Keyword.Order) ? ParseOrderByClause() : [];

        WindowFrame? frame = null;
        if (At(Keyword.Rows) || At(Keyword.Range))
        {
            frame = ParseWindowFrame();
        }
        else if (At(Keyword.Groups))
        {
            throw Unexpected("GROUPS frames are not supported");
        }

        Expect(TokenKind.RightParen);
        return new WindowSpecification(baseName, partitionBy, orderBy, frame) { Position = open.Position };
    }

    /// <summary>ROWS|RANGE start, or ROWS|RANGE BETWEEN start AND end.</summary>
    private WindowFrame ParseWindowFrame()
    {
        Token unitsToken = Advance();
        WindowFrameUnits units = unitsToken.Is(Keyword.Rows) ? WindowFrameUnits.Rows : WindowFrameUnits.Range;
        FrameBound start;
        FrameBound end;
        if (TryConsume(Keyword.Between))
        {
            start = ParseFrameBound();
            Expect(Keyword.And);
            end = ParseFrameBound();
        }
        else
        {
            start = ParseFrameBound();
            end = new FrameBound(FrameBoundKind.CurrentRow, null) { Position = start.Position };
        }

        if (At(Keyword.Exclude))
        {
            throw Unexpected("EXCLUDE is not supported");
        }

        // PostgreSQL's checks, made while parsing there too.
        if (start.Kind == FrameBoundKind.UnboundedFollowing)
        {
            throw InvalidSyntax("frame start cannot be UNBOUNDED FOLLOWING", start.Position);
        }

        if (end.Kind == FrameBoundKind.UnboundedPreceding)
        {
            throw InvalidSyntax("frame end cannot be UNBOUNDED PRECEDING", end.Position);
        }

        if (start.Kind == FrameBoundKind.CurrentRow && end.Kind == FrameBoundKind.Preceding)
        {
            throw InvalidSyntax("frame starting from current row cannot have preceding rows", end.Position);
        }

        if (start.Kind == FrameBoundKind.Following && end.Kind is FrameBoundKind.CurrentRow or FrameBoundKind.Preceding)
        {
            throw InvalidSyntax("frame starting from following row cannot have preceding rows", end.Position);
        }

        return new WindowFrame(units, start, end) { Position = unitsToken.Position };
    }

    /// <summary>UNBOUNDED PRECEDING | UNBOUNDED FOLLOWING | CURRENT ROW | offset PRECEDING | offset FOLLOWING.</summary>
    private FrameBound ParseFrameBound()
    {
        Token start = Current;
        if (At(Keyword.Unbounded) && Peek(1).Keyword is Keyword.Preceding or Keyword.Following)
        {
            Advance();
            FrameBoundKind kind = Advance().Is(Keyword.Preceding) ? FrameBoundKind.UnboundedPreceding : FrameBoundKind.UnboundedFollowing;
            return new FrameBound(kind, null) { Position = start.Position };
        }

        if (At(Keyword.Current) && Peek(1).Is(Keyword.Row))
        {
            Advance();
            Advance();
            return new FrameBound(FrameBoundKind.CurrentRow, null) { Position = start.Position };
        }

        Expression offset = ParseExpression();
        if (TryConsume(Keyword.Preceding))
        {
            return new FrameBound(FrameBoundKind.Preceding, offset) { Position = start.Position };
        }

        if (TryConsume(Keyword.Following))
        {
            return new FrameBound(FrameBoundKind.Following, offset) { Position = start.Position };
        }

        throw Unexpected("expected PRECEDING or FOLLOWING");
    }

    /// <summary>EXTRACT(field FROM source) is date_part('field', source), the field in lower case.</summary>
    private FunctionCall ParseExtract()
    {
        Token extract = Advance();
        Expect(TokenKind.LeftParen);
        Token field = Current;
        if (field.Kind is not (TokenKind.Word or TokenKind.QuotedIdentifier or TokenKind.String))
        {
            throw Unexpected("expected a date or time field");
        }

        Advance();
        Expect(Keyword.From);
        Expression source = ParseExpression();
        Expect(TokenKind.RightParen);
        var fieldName = new StringLiteral(field.Value.ToLowerInvariant()) { Position = field.Position };
        return SpecialCall(extract, "date_part", [fieldName, source]);
    }

    /// <summary>
    /// SUBSTRING(s FROM start [FOR length]), SUBSTRING(s FOR length [FROM start]) and SUBSTRING(s, start [, length]),
    /// all as substring(s, start [, length]). FOR without FROM starts at 1, as in PostgreSQL.
    /// </summary>
    private FunctionCall ParseSubstring()
    {
        Token substring = Advance();
        Expect(TokenKind.LeftParen);
        Expression source = ParseExpression();
        List<Expression> arguments = [source];
        if (TryConsume(Keyword.From))
        {
            arguments.Add(ParseExpression());
            if (TryConsume(Keyword.For))
            {
                arguments.Add(ParseExpression());
            }
        }
        else if (At(Keyword.For))
        {
            Token forToken = Advance();
            Expression length = ParseExpression();
            Expression start = TryConsume(Keyword.From)
                ? ParseExpression()
                : new NumberLiteral("1") { Position = forToken.Position };
            arguments.Add(start);
            arguments.Add(length);
        }
        else if (TryConsume(TokenKind.Comma))
        {
            arguments.AddRange(ParseExpressionList());
        }

        Expect(TokenKind.RightParen);
        return SpecialCall(substring, "substring", arguments);
    }

    /// <summary>POSITION(needle IN haystack) is position(needle, haystack).</summary>
    private FunctionCall ParsePosition()
    {
        Token position = Advance();
        Expect(TokenKind.LeftParen);

        // Both operands bind tighter than IN, or "a IN b" would be read as an IN predicate.
        Expression needle = ParseExpression(Precedence.Other);
        Expect(Keyword.In);
        Expression haystack = ParseExpression(Precedence.Other);
        Expect(TokenKind.RightParen);
        return SpecialCall(position, "position", [needle, haystack]);
    }

    /// <summary>
    /// TRIM([BOTH|LEADING|TRAILING] [characters] FROM source) and TRIM([BOTH|LEADING|TRAILING] source [, characters])
    /// as btrim/ltrim/rtrim(source [, characters]).
    /// </summary>
    private FunctionCall ParseTrim()
    {
        Token trim = Advance();
        Expect(TokenKind.LeftParen);
        string function = "btrim";
        if (TryConsume(Keyword.Leading))
        {
            function = "ltrim";
        }
        else if (TryConsume(Keyword.Trailing))
        {
            function = "rtrim";
        }
        else
        {
            TryConsume(Keyword.Both);
        }

        List<Expression> arguments;
        if (TryConsume(Keyword.From))
        {
            arguments = [ParseExpression()];
        }
        else
        {
            Expression first = ParseExpression();
            if (TryConsume(Keyword.From))
            {
                arguments = [ParseExpression(), first];
            }
            else
            {
                arguments = [first];
                if (TryConsume(TokenKind.Comma))
                {
                    arguments.AddRange(ParseExpressionList());
                }
            }
        }

        Expect(TokenKind.RightParen);
        return SpecialCall(trim, function, arguments);
    }

    private static FunctionCall SpecialCall(Token keyword, string function, List<Expression> arguments)
    {
        var name = new ObjectName([new Identifier(function, false) { Position = keyword.Position }]) { Position = keyword.Position };
        return new FunctionCall(name, arguments, false, false, [], null, null) { Position = keyword.Position };
    }

    /// <summary>
    /// INTERVAL 'value' [field [(p)] [TO field [(p)]]], and Redshift's INTERVAL n field. The precision in parentheses
    /// (INTERVAL '90' DAY (3)) does not change the value and is accepted and dropped.
    /// </summary>
    private IntervalLiteral ParseIntervalLiteral()
    {
        Token interval = Advance();
        Token value = Advance();
        string text = value.Kind == TokenKind.String ? value.Value : value.Text;
        string? leading = null;
        string? trailing = null;
        if (IsIntervalField(Current))
        {
            Token leadingField = Advance();
            leading = leadingField.Value;
            SkipIntervalPrecision();
            if (TryConsume(Keyword.To))
            {
                if (!IsIntervalField(Current) || !IsIntervalRange(leadingField.Keyword, Current.Keyword))
                {
                    throw Unexpected("expected an interval field after " + leading.ToUpperInvariant() + " TO");
                }

                trailing = Advance().Value;
                SkipIntervalPrecision();
            }
        }
        else if (value.Kind == TokenKind.Number)
        {
            throw Unexpected("expected an interval unit such as DAY");
        }

        return new IntervalLiteral(text, leading, trailing) { Position = interval.Position };
    }

    private static bool IsIntervalField(Token token) =>
        token.Keyword is Keyword.Year or Keyword.Month or Keyword.Day or Keyword.Hour or Keyword.Minute or Keyword.Second;

    /// <summary>The SQL-standard ranges: YEAR TO MONTH, and DAY/HOUR/MINUTE TO any smaller unit down to SECOND.</summary>
    private static bool IsIntervalRange(Keyword leading, Keyword trailing)
    {
        static int Rank(Keyword field) => field switch
        {
            Keyword.Year => 0,
            Keyword.Month => 1,
            Keyword.Day => 2,
            Keyword.Hour => 3,
            Keyword.Minute => 4,
            _ => 5,
        };

        return leading == Keyword.Year
            ? trailing == Keyword.Month
            : Rank(leading) >= Rank(Keyword.Day) && Rank(trailing) > Rank(leading);
    }

    private void SkipIntervalPrecision()
    {
        if (At(TokenKind.LeftParen) && Peek(1).Kind == TokenKind.Number && Peek(2).Kind == TokenKind.RightParen
            && int.TryParse(Peek(1).Text, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            Advance();
            Advance();
            Advance();
        }
    }
}
