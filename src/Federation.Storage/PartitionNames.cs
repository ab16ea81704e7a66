using System.Text;

namespace Federation.Storage;

/// <summary>
/// Hive's partition folder names: key=value, with characters that cannot appear in a path escaped as %XX. Object keys
/// below a partitioned table's location use them, whoever reads them (external tables, folders of Parquet files).
/// </summary>
public static class PartitionNames
{
    /// <summary>The folder value Hive writes for a NULL partition key.</summary>
    public const string DefaultPartition = "__HIVE_DEFAULT_PARTITION__";

    /// <summary>The value a folder name carries: %XX escapes decoded, the default partition as null.</summary>
    public static string? Unescape(string text)
    {
        if (text == DefaultPartition)
        {
            return null;
        }

        if (!text.Contains('%', StringComparison.Ordinal))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '%' && i + 2 < text.Length && IsHex(text[i + 1]) && IsHex(text[i + 2]))
            {
                builder.Append((char)Convert.ToInt32(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                builder.Append(text[i]);
            }
        }

        return builder.ToString();
    }

    /// <summary>The folder name of a value, as Hive escapes it.</summary>
    public static string Escape(string? value)
    {
        if (value is null)
        {
            return DefaultPartition;
        }

        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c < ' ' || c is '"' or '#' or '%' or '\'' or '*' or '/' or ':' or '=' or '?' or '\\' or '\u007F' or '{' or '[' or ']' or '^')
            {
                builder.Append('%').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);
}
