using System.Globalization;
using System.Text;
using Federation.Common;

namespace Federation.Formats.Text;

/// <summary>
/// How a table's text files are laid out, read from its SerDe and table properties as Hive names them:
/// LazySimpleSerDe (field.delim, line.delim, escape.delim, serialization.null.format; Ctrl-A fields and \N for NULL by
/// default) or OpenCSVSerde (separatorChar, quoteChar, escapeChar; comma, double quote and backslash by default, no
/// NULL spelling), and skip.header.line.count for both. Delimiters are single bytes of UTF-8 text.
/// </summary>
public sealed record TextLayout(bool Csv, byte FieldDelimiter, byte LineDelimiter, byte? Escape, byte? Quote, byte[]? NullText, int SkipHeaderLines)
{
    /// <summary>The layout <paramref name="properties"/> describe for a "text" (LazySimpleSerDe) or "csv" (OpenCSVSerde) table.</summary>
    public static TextLayout From(bool csv, IReadOnlyDictionary<string, string> properties, string table)
    {
        var skip = 0;
        if (Find(properties, "skip.header.line.count") is { } count
            && (!int.TryParse(count, NumberStyles.Integer, CultureInfo.InvariantCulture, out skip) || skip < 0))
        {
            throw new FederationException(ErrorCode.InvalidArgument,
                $"table property skip.header.line.count of {table} is '{count}', which is not a count of lines");
        }

        var line = Find(properties, "line.delim");
        var lines = line is null ? (byte)'\n' : Delimiter(line, "line.delim", table);
        if (lines != (byte)'\n')
        {
            // As in Hive, whose text input splits records at line feeds whatever the DDL says (CRLF ends a record too).
            throw new FederationException(ErrorCode.NotSupported,
                $"LINES TERMINATED BY of {table} is '{line}': text records end at a line feed ('\\n'), as in Hive, and no other terminator is supported");
        }

        if (csv)
        {
            return new TextLayout(true,
                Find(properties, "separatorChar") is { } sep ? Delimiter(sep, "separatorChar", table) : (byte)',',
                lines,
                Find(properties, "escapeChar") is { } esc ? Delimiter(esc, "escapeChar", table) : (byte)'\\',
                Find(properties, "quoteChar") is { } quote ? Delimiter(quote, "quoteChar", table) : (byte)'"',
                Find(properties, "serialization.null.format") is { } csvNull ? Encoding.UTF8.GetBytes(csvNull) : null,
                skip);
        }

        var fields = Find(properties, "field.delim") ?? Find(properties, "serialization.format");
        return new TextLayout(false,
            fields is null ? (byte)1 : Delimiter(fields, "field.delim", table),
            lines,
            Find(properties, "escape.delim") is { } escape ? Delimiter(escape, "escape.delim", table) : null,
            null,
            Encoding.UTF8.GetBytes(Find(properties, "serialization.null.format") ?? "\\N"),
            skip);
    }

    private static string? Find(IReadOnlyDictionary<string, string> properties, string name)
    {
        if (properties.TryGetValue(name, out var value))
        {
            return value;
        }

        foreach (var (key, v) in properties)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return v;
            }
        }

        return null;
    }

    /// <summary>
    /// One delimiter byte from the text DDL gives: a character ('|'), an escape as Hive writes them ('\t', '\n', '\001',
    /// octal '\0NNN', '\uXXXX'), or, as Hive's serialization.format allows, the character's decimal code ('1').
    /// </summary>
    public static byte Delimiter(string text, string property, string table)
    {
        int code;
        if (text.Length == 1)
        {
            code = text[0];
        }
        else if (text.Length >= 2 && text[0] == '\\')
        {
            var rest = text[1..];
            code = rest switch
            {
                "t" => '\t',
                "n" => '\n',
                "r" => '\r',
                "b" => '\b',
                "f" => '\f',
                "\\" => '\\',
                _ when rest[0] is 'u' or 'U' && int.TryParse(rest[1..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex) => hex,
                _ when rest.All(c => c is >= '0' and <= '7') => Octal(rest),
                _ => -1,
            };
        }
        else if (text.All(char.IsAsciiDigit) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var decimalCode))
        {
            code = decimalCode;
        }
        else
        {
            code = -1;
        }

        if (code is < 0 or > 127)
        {
            throw new FederationException(ErrorCode.InvalidArgument,
                $"{property} of {table} is '{text}': a delimiter is one ASCII character, written as itself or as an escape such as '\\t', '\\001' or '\\u0001'");
        }

        return (byte)code;
    }

    private static int Octal(string digits)
    {
        var value = 0;
        foreach (var c in digits)
        {
            value = (value * 8) + (c - '0');
            if (value > 255)
            {
                return -1;
            }
        }

        return value;
    }
}
