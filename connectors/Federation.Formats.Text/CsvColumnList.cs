using System.Globalization;
using Federation.Common;
using Federation.Common.Types;
using Federation.Logical.Tables;

namespace Federation.Formats.Text;

/// <summary>read_csv's columns parameter: 'name type, ...' with the common SQL type names (int, bigint, decimal(p,s), varchar(n), date, timestamp ...).</summary>
public static class CsvColumnList
{
    public static IReadOnlyList<TableColumn> Parse(string text, string parameter)
    {
        var columns = new List<TableColumn>();
        foreach (var item in SplitOutsideParentheses(text))
        {
            var definition = item.Trim();
            var space = definition.IndexOfAny([' ', '\t']);
            if (space <= 0)
            {
                throw new FederationException(ErrorCode.InvalidArgument, $"parameter {parameter} of read_csv: '{definition}' is not a column name followed by a type");
            }

            var name = definition[..space].Trim('"');
            var type = definition[(space + 1)..].Trim();
            columns.Add(new TableColumn(name, Type(type) ?? throw new FederationException(ErrorCode.InvalidArgument,
                $"parameter {parameter} of read_csv: column {name} has type '{type}', which read_csv does not know")));
        }

        if (columns.Count == 0)
        {
            throw new FederationException(ErrorCode.InvalidArgument, $"parameter {parameter} of read_csv names no columns");
        }

        return columns;
    }

    private static IEnumerable<string> SplitOutsideParentheses(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    yield return text[start..i];
                    start = i + 1;
                    break;
            }
        }

        if (text[start..].Trim().Length > 0)
        {
            yield return text[start..];
        }
    }

    private static SqlType? Type(string text)
    {
        var lower = text.ToLowerInvariant();
        var open = lower.IndexOf('(');
        var name = (open < 0 ? lower : lower[..open]).Trim();
        var arguments = open < 0 || !lower.EndsWith(')') ? [] : lower[(open + 1)..^1].Split(',').Select(a => a.Trim()).ToArray();
        int Argument(int i) => int.Parse(arguments[i], NumberStyles.None, CultureInfo.InvariantCulture);
        try
        {
            return name switch
            {
                "boolean" or "bool" => SqlType.Boolean,
                "smallint" or "int2" => SqlType.Int16,
                "int" or "integer" or "int4" => SqlType.Int32,
                "bigint" or "int8" => SqlType.Int64,
                "real" or "float4" => SqlType.Float32,
                "double" or "double precision" or "float8" or "float" => SqlType.Float64,
                "decimal" or "numeric" => arguments.Length switch
                {
                    0 => SqlType.Decimal(18, 3),
                    1 => SqlType.Decimal(Argument(0), 0),
                    _ => SqlType.Decimal(Argument(0), Argument(1)),
                },
                "varchar" or "character varying" => arguments.Length == 0 ? SqlType.String : SqlType.Varchar(Argument(0)),
                "text" or "string" => SqlType.String,
                "date" => SqlType.Date,
                "timestamp" or "timestamp without time zone" => SqlType.Timestamp,
                "timestamptz" or "timestamp with time zone" => SqlType.TimestampTz,
                _ => null,
            };
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException or FederationException)
        {
            return null;
        }
    }
}
