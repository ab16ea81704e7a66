using System.Globalization;
using Federation.Common;
using Federation.Common.Types;
using Federation.Planner;
using Federation.Sql.Ast;

namespace Federation.Engine.External;

/// <summary>Column types of external tables: kept in the metastore as the DDL wrote them ("decimal(8,2)"), resolved here.</summary>
internal static class ExternalTypes
{
    /// <summary>Whether a metastore type is one of Hive's nested types (struct, array, map, uniontype).</summary>
    public static bool IsNested(string text)
    {
        var lower = text.TrimStart().ToLowerInvariant();
        return lower.StartsWith("struct<", StringComparison.Ordinal) || lower.StartsWith("array<", StringComparison.Ordinal)
            || lower.StartsWith("map<", StringComparison.Ordinal) || lower.StartsWith("uniontype<", StringComparison.Ordinal);
    }

    /// <summary>The SQL type a metastore type text names; an unknown one is an error naming the column and the table.</summary>
    public static SqlType Resolve(string text, string column, string table)
    {
        var open = text.IndexOf('(', StringComparison.Ordinal);
        var name = (open < 0 ? text : text[..open]).Trim().ToLowerInvariant();
        var arguments = new List<int>();
        if (open >= 0)
        {
            foreach (var part in text[(open + 1)..].TrimEnd(')', ' ').Split(','))
            {
                if (!int.TryParse(part.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var argument))
                {
                    throw new FederationException(ErrorCode.InvalidArgument, $"column \"{column}\" of table {table} has an unknown type \"{text}\"");
                }

                arguments.Add(argument);
            }
        }

        try
        {
            return TypeNames.Resolve(new TypeName(name, arguments));
        }
        catch (FederationException e)
        {
            throw new FederationException(e.Code, $"column \"{column}\" of table {table} has an unknown type \"{text}\"", e);
        }
    }
}
