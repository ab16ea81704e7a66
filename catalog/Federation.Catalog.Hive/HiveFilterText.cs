using System.Text;
using Federation.Catalog.Metastore;

namespace Federation.Catalog.Hive;

/// <summary>
/// Renders a partition predicate as the filter string get_partitions_by_filter takes (Hive's Filter.g grammar):
/// <c>key = "value"</c> for keys compared as text, <c>key = 5</c> for numeric keys, AND/OR in lower case with OR
/// groups in parentheses, IN as an OR of equalities (older metastores have no IN). Null when something cannot be
/// written in that grammar (a value holding both kinds of quote, a numeric key with a non-numeric value).
/// </summary>
public static class HiveFilterText
{
    public static string? Render(PartitionPredicate predicate)
    {
        var text = new StringBuilder();
        return Append(text, predicate, false) ? text.ToString() : null;
    }

    private static bool Append(StringBuilder text, PartitionPredicate predicate, bool nested)
    {
        switch (predicate)
        {
            case PartitionComparison c:
                return Comparison(text, c.Key, c.Operator, c.Value, c.Numeric);
            case PartitionInList { Values.Count: 1 } one:
                return Comparison(text, one.Key, PartitionOperator.Equal, one.Values[0], one.Numeric);
            case PartitionInList list:
                return Append(text, new PartitionOr(list.Values.Select(v => (PartitionPredicate)new PartitionComparison(list.Key, PartitionOperator.Equal, v, list.Numeric)).ToArray()), nested);
            case PartitionAnd and:
                return Join(text, and.Operands, " and ", false);
            case PartitionOr or:
                if (nested)
                {
                    text.Append('(');
                }

                if (!Join(text, or.Operands, " or ", true))
                {
                    return false;
                }

                if (nested)
                {
                    text.Append(')');
                }

                return true;
            default:
                return false;
        }
    }

    private static bool Join(StringBuilder text, IReadOnlyList<PartitionPredicate> operands, string separator, bool inOr)
    {
        for (var i = 0; i < operands.Count; i++)
        {
            if (i > 0)
            {
                text.Append(separator);
            }

            // Inside an OR an AND binds tighter and needs no parentheses; an OR inside an AND does.
            var operand = operands[i];
            if (operand is PartitionAnd && inOr)
            {
                text.Append('(');
                if (!Append(text, operand, true))
                {
                    return false;
                }

                text.Append(')');
            }
            else if (!Append(text, operand, true))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Comparison(StringBuilder text, string key, PartitionOperator op, string value, bool numeric)
    {
        if (!IsIdentifier(key))
        {
            return false;
        }

        text.Append(key).Append(' ').Append(op switch
        {
            PartitionOperator.Equal => "=",
            PartitionOperator.NotEqual => "<>",
            PartitionOperator.Less => "<",
            PartitionOperator.LessOrEqual => "<=",
            PartitionOperator.Greater => ">",
            _ => ">=",
        }).Append(' ');
        if (numeric)
        {
            if (!long.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _))
            {
                return false;
            }

            text.Append(value);
            return true;
        }

        var quote = !value.Contains('"', StringComparison.Ordinal) ? '"' : !value.Contains('\'', StringComparison.Ordinal) ? '\'' : '\0';
        if (quote == '\0')
        {
            return false;
        }

        text.Append(quote).Append(value).Append(quote);
        return true;
    }

    private static bool IsIdentifier(string key) => key.Length > 0 && (char.IsAsciiLetter(key[0]) || key[0] == '_') && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
