using System.Globalization;
using System.Text;

namespace Federation.Catalog.Metastore;

/// <summary>
/// Prints a <see cref="PartitionPredicate"/> in a catalog service's filter grammar (<see cref="PartitionFilterDialect"/>):
/// <c>key op literal</c> with numbers bare and text quoted, IN lists or ORs of equalities, AND/OR with compound operands
/// in parentheses. Null when something cannot be written: a key that is not a plain identifier, a numeric key with a
/// value that is not an integer, a text value holding every quote the dialect has. The caller then asks without a filter.
/// </summary>
public static class PartitionFilterPrinter
{
    public static string? Print(PartitionPredicate predicate, PartitionFilterDialect dialect)
    {
        var text = new StringBuilder();
        return Append(text, predicate, dialect) ? text.ToString() : null;
    }

    private static bool Append(StringBuilder text, PartitionPredicate predicate, PartitionFilterDialect dialect)
    {
        switch (predicate)
        {
            case PartitionComparison c:
                return Comparison(text, c.Key, c.Operator, c.Value, c.Numeric, dialect);
            case PartitionInList { Values.Count: 1 } one when !dialect.HasInList:
                return Comparison(text, one.Key, PartitionOperator.Equal, one.Values[0], one.Numeric, dialect);
            case PartitionInList list when !dialect.HasInList:
                var equalities = new PartitionPredicate[list.Values.Count];
                for (var i = 0; i < equalities.Length; i++)
                {
                    equalities[i] = new PartitionComparison(list.Key, PartitionOperator.Equal, list.Values[i], list.Numeric);
                }

                return Join(text, new PartitionOr(equalities), equalities, dialect.Or, dialect);
            case PartitionInList list:
                if (!Key(text, list.Key, dialect))
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

                    if (!Literal(text, list.Values[i], list.Numeric, dialect))
                    {
                        return false;
                    }
                }

                text.Append(')');
                return true;
            case PartitionAnd and:
                return Join(text, and, and.Operands, dialect.And, dialect);
            case PartitionOr or:
                return Join(text, or, or.Operands, dialect.Or, dialect);
            default:
                return false;
        }
    }

    private static bool Join(StringBuilder text, PartitionPredicate parent, IReadOnlyList<PartitionPredicate> operands, string word, PartitionFilterDialect dialect)
    {
        for (var i = 0; i < operands.Count; i++)
        {
            if (i > 0)
            {
                text.Append(' ').Append(word).Append(' ');
            }

            var operand = operands[i];
            var parenthesized = IsCompound(operand, dialect) && !(operand is PartitionAnd && parent is PartitionAnd && !dialect.ParenthesizeAndInAnd);
            if (parenthesized)
            {
                text.Append('(');
            }

            if (!Append(text, operand, dialect))
            {
                return false;
            }

            if (parenthesized)
            {
                text.Append(')');
            }
        }

        return true;
    }

    /// <summary>AND and OR; an IN list too where the dialect writes it as an OR of more than one equality.</summary>
    private static bool IsCompound(PartitionPredicate predicate, PartitionFilterDialect dialect) =>
        predicate is PartitionAnd or PartitionOr || (predicate is PartitionInList { Values.Count: > 1 } && !dialect.HasInList);

    private static bool Comparison(StringBuilder text, string key, PartitionOperator op, string value, bool numeric, PartitionFilterDialect dialect)
    {
        if (!Key(text, key, dialect))
        {
            return false;
        }

        text.Append(op switch
        {
            PartitionOperator.Equal => " = ",
            PartitionOperator.NotEqual => " <> ",
            PartitionOperator.Less => " < ",
            PartitionOperator.LessOrEqual => " <= ",
            PartitionOperator.Greater => " > ",
            _ => " >= ",
        });
        return Literal(text, value, numeric, dialect);
    }

    private static bool Key(StringBuilder text, string key, PartitionFilterDialect dialect)
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

        text.Append(dialect.LowerCaseKeys ? key.ToLowerInvariant() : key);
        return true;
    }

    private static bool Literal(StringBuilder text, string value, bool numeric, PartitionFilterDialect dialect)
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

        foreach (var quote in dialect.Quotes)
        {
            if (!value.Contains(quote, StringComparison.Ordinal))
            {
                text.Append(quote).Append(value).Append(quote);
                return true;
            }
        }

        return false;
    }
}
