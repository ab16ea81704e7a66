using System.Text;
using System.Text.RegularExpressions;

namespace Federation.Tpch.Tests;

/// <summary>
/// A TPC-H query with its table names qualified by a schema (there is no search_path to set): a name is a table
/// only where FROM, JOIN or a FROM list's comma puts one, so Q8's and Q9's column alias "nation" stays a column.
/// </summary>
public static partial class TpchQualifiedQuery
{
    private static readonly HashSet<string> Tables = new(TpchDataset.Tables, StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string> EndsFromClause = new(StringComparer.OrdinalIgnoreCase)
    {
        "where", "group", "order", "having", "on", "limit", "select", "union", "as",
    };

    public static string Qualify(string sql, string schema)
    {
        var inFrom = false;
        var expectTable = false;
        var text = new StringBuilder(sql.Length + 64);
        var last = 0;
        foreach (Match token in Tokens().Matches(sql))
        {
            text.Append(sql, last, token.Index - last);
            last = token.Index + token.Length;
            var value = token.Value;
            if (value.StartsWith("--", StringComparison.Ordinal) || value.StartsWith('\''))
            {
                text.Append(value);
                continue;
            }

            if (value == ",")
            {
                expectTable = inFrom;
            }
            else if (value is "(" or ")")
            {
                expectTable = false;
            }
            else if (value.Equals("from", StringComparison.OrdinalIgnoreCase) || value.Equals("join", StringComparison.OrdinalIgnoreCase))
            {
                inFrom = true;
                expectTable = true;
            }
            else if (EndsFromClause.Contains(value))
            {
                inFrom = false;
                expectTable = false;
            }
            else if (expectTable && Tables.Contains(value))
            {
                text.Append(schema).Append('.');
                expectTable = false;
            }
            else
            {
                expectTable = false;
            }

            text.Append(value);
        }

        text.Append(sql, last, sql.Length - last);
        return text.ToString();
    }

    [GeneratedRegex(@"--[^\n]*|'[^']*'|\w+|[(),]")]
    private static partial Regex Tokens();
}
