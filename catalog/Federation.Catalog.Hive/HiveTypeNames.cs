namespace Federation.Catalog.Hive;

/// <summary>
/// Hive's column type names and Federation's, both ways. Hive's int is integer, float is 4 bytes (real), double is double precision,
/// string is text, binary is bytea, tinyint is held as smallint (no 1-byte integer here), decimal alone is Hive's
/// decimal(10,0). struct&lt;...&gt;, array&lt;...&gt;, map&lt;...&gt; and uniontype&lt;...&gt; keep their text: such a column lists,
/// and reading it is refused until nested types exist. Anything else keeps its text and is refused when the table
/// is queried, naming the column and the type.
/// </summary>
public static class HiveTypeNames
{
    /// <summary>Federation's type text for a Hive type.</summary>
    public static string FromHive(string hiveType)
    {
        var text = hiveType.Trim();
        var lower = text.ToLowerInvariant();
        if (IsComplex(lower))
        {
            return text;
        }

        return lower switch
        {
            "tinyint" => "smallint",
            "int" => "integer",
            "float" => "real",
            "double" => "double precision",
            "string" => "text",
            "binary" => "bytea",
            "decimal" => "decimal(10,0)",
            _ => lower.Replace(" ", "", StringComparison.Ordinal),
        };
    }

    /// <summary>Hive's type text for a type as Federation's DDL wrote it.</summary>
    public static string ToHive(string type)
    {
        var lower = type.Trim().ToLowerInvariant();
        var open = lower.IndexOf('(', StringComparison.Ordinal);
        var name = open < 0 ? lower : lower[..open].Trim();
        var arguments = open < 0 ? "" : lower[open..].Replace(" ", "", StringComparison.Ordinal);
        return name switch
        {
            "real" or "float4" => "float",
            "double precision" or "float8" or "double" or "float" => "double",
            "text" => "string",
            "varchar" or "character varying" or "nvarchar" => arguments.Length == 0 ? "string" : "varchar" + arguments,
            "char" or "character" or "bpchar" or "nchar" => "char" + (arguments.Length == 0 ? "(1)" : arguments),
            "bytea" or "varbyte" or "varbinary" => "binary",
            "int" or "int4" or "integer" => "int",
            "int2" => "smallint",
            "int8" => "bigint",
            "bool" => "boolean",
            "numeric" => "decimal" + arguments,
            "timestamp without time zone" => "timestamp",
            _ => name + arguments,
        };
    }

    /// <summary>Whether a type is one of Hive's nested types.</summary>
    public static bool IsComplex(string type)
    {
        var lower = type.TrimStart().ToLowerInvariant();
        return lower.StartsWith("struct<", StringComparison.Ordinal) || lower.StartsWith("array<", StringComparison.Ordinal)
            || lower.StartsWith("map<", StringComparison.Ordinal) || lower.StartsWith("uniontype<", StringComparison.Ordinal);
    }
}
