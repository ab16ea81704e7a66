using System.Globalization;
using System.Text;
using Federation.Catalog.Metastore;

namespace Federation.Catalog.Glue;

/// <summary>
/// Renders a partition predicate as GetPartitions' Expression (Glue's SQL-like filter): <c>key = 'value'</c> for keys
/// compared as text, bare numbers for numeric keys, IN lists, AND/OR with OR groups in parentheses. Null when
/// something cannot be written (a quote inside a value, a numeric key with a non-numeric value, a key that is not
/// a plain identifier): then every partition is listed and the engine prunes.
/// </summary>
public static class GlueExpression
{
    public static string? Render(PartitionPredicate predicate)
    {
        var text = new StringBuilder();
        return Append(text, predicate) ? text.ToString() : null;
    }

    private static bool Append(StringBuilder text, PartitionPredicate predicate)
    {
        switch (predicate)
        {
            case PartitionComparison c:
                return Key(text, c.Key) && Operator(text, c.Operator) && Literal(text, c.Value, c.Numeric);
            case PartitionInList list:
                if (!Key(text, list.Key))
                {
                    return false;
                }

                text.Append(" IN (");
                for (var i = 0; i < list.Values.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(", ");
                    }

                    if (!Literal(text, list.Values[i], list.Numeric))
                    {
                        return false;
                    }
                }

                text.Append(')');
                return true;
            case PartitionAnd and:
                return Join(text, and.Operands, " AND ");
            case PartitionOr or:
                return Join(text, or.Operands, " OR ");
            default:
                return false;
        }
    }

    /// <summary>Operands joined; a compound operand in parentheses, so precedence never decides.</summary>
    private static bool Join(StringBuilder text, IReadOnlyList<PartitionPredicate> operands, string separator)
    {
        for (var i = 0; i < operands.Count; i++)
        {
            if (i > 0)
            {
                text.Append(separator);
            }

            var compound = operands[i] is PartitionAnd or PartitionOr;
            if (compound)
            {
                text.Append('(');
            }

            if (!Append(text, operands[i]))
            {
                return false;
            }

            if (compound)
            {
                text.Append(')');
            }
        }

        return true;
    }

    private static bool Key(StringBuilder text, string key)
    {
        if (key.Length == 0 || !(char.IsAsciiLetter(key[0]) || key[0] == '_'))
        {
            return false;
        }

        foreach (var c in key)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        text.Append(key.ToLowerInvariant());
        return true;
    }

    private static bool Operator(StringBuilder text, PartitionOperator op)
    {
        text.Append(op switch
        {
            PartitionOperator.Equal => " = ",
            PartitionOperator.NotEqual => " <> ",
            PartitionOperator.Less => " < ",
            PartitionOperator.LessOrEqual => " <= ",
            PartitionOperator.Greater => " > ",
            _ => " >= ",
        });
        return true;
    }

    private static bool Literal(StringBuilder text, string value, bool numeric)
    {
        if (numeric)
        {
            if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
            {
                return false;
            }

            text.Append(value);
            return true;
        }

        if (value.Contains('\'', StringComparison.Ordinal))
        {
            return false;
        }

        text.Append('\'').Append(value).Append('\'');
        return true;
    }
}
