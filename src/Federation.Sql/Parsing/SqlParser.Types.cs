using System.Globalization;
using Federation.Sql.Ast;
using Federation.Sql.Lexing;

namespace Federation.Sql.Parsing;

// Type names in casts, typed literals and column definitions.
public sealed partial class SqlParser
{
    /// <summary>
    /// A type name in canonical lower case, with multi-word names joined by one space: double precision,
    /// character varying(n) (also written char varying), timestamp[(p)] with|without time zone,
    /// time[(p)] with|without time zone, and any
    /// single word with optional (n) or (p, s). Names are not checked here: the binder maps them to types.
    /// </summary>
    private TypeName ParseTypeName()
    {
        Token first = Current;
        if (!IsFunctionOrTypeName(first))
        {
            throw Unexpected("expected a type name");
        }

        Advance();
        string name = first.Value;
        if (first.Is(Keyword.Double) && TryConsume(Keyword.Precision))
        {
            name = "double precision";
        }
        else if ((first.Is(Keyword.Character) || first.Is(Keyword.Char)) && TryConsume(Keyword.Varying))
        {
            name = "character varying"; // CHAR VARYING is the same type
        }

        List<int> arguments = ParseTypeArguments();

        if ((first.Is(Keyword.Timestamp) || first.Is(Keyword.Time))
            && Current.Keyword is Keyword.With or Keyword.Without && Peek(1).Is(Keyword.Time) && Peek(2).Is(Keyword.Zone))
        {
            name += Advance().Is(Keyword.With) ? " with time zone" : " without time zone";
            Advance();
            Advance();
        }

        return new TypeName(name, arguments) { Position = first.Position };
    }

    /// <summary>Optional (n [, n ...]) of non-negative integers.</summary>
    private List<int> ParseTypeArguments()
    {
        if (!TryConsume(TokenKind.LeftParen))
        {
            return [];
        }

        var arguments = new List<int>();
        do
        {
            Token number = Current;
            if (number.Kind != TokenKind.Number
                || !int.TryParse(number.Text, NumberStyles.None, CultureInfo.InvariantCulture, out int value))
            {
                throw Unexpected("expected an integer type modifier");
            }

            Advance();
            arguments.Add(value);
        }
        while (TryConsume(TokenKind.Comma));

        Expect(TokenKind.RightParen);
        return arguments;
    }
}
