using System.Globalization;
using Federation.Common.Types;

namespace Federation.Formats.Text;

/// <summary>
/// The type read_csv gives a column from its sampled values, as DuckDB's sniffer does: the first of boolean
/// (true/false), bigint, double (any other number), date (yyyy-mm-dd), timestamp (a date and a time, fractional
/// seconds too) and varchar that every non-NULL value reads as; a column of only NULLs is varchar. Decimals in the
/// text are doubles, as in DuckDB; declare decimal(p,s) through columns to keep them exact.
/// </summary>
public static class CsvTypeInference
{
    private static readonly string[] TimestampFormats =
        ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm", "yyyy-MM-dd"];

    [Flags]
    private enum Candidates
    {
        None = 0,
        Boolean = 1,
        Int64 = 2,
        Float64 = 4,
        Date = 8,
        Timestamp = 16,
        All = Boolean | Int64 | Float64 | Date | Timestamp,
    }

    /// <summary>Each column's type over <paramref name="records"/> from <paramref name="first"/> on.</summary>
    public static SqlType[] Infer(IReadOnlyList<string?[]> records, int first, int columns)
    {
        var candidates = new Candidates[columns];
        System.Array.Fill(candidates, Candidates.All);
        for (var r = first; r < records.Count; r++)
        {
            var record = records[r];
            for (var c = 0; c < columns && c < record.Length; c++)
            {
                if (record[c] is { } value)
                {
                    candidates[c] &= Of(value);
                }
            }
        }

        var types = new SqlType[columns];
        for (var c = 0; c < columns; c++)
        {
            var seen = false;
            for (var r = first; r < records.Count && !seen; r++)
            {
                seen = c < records[r].Length && records[r][c] is not null;
            }

            types[c] = !seen ? SqlType.String : First(candidates[c]);
        }

        return types;
    }

    /// <summary>Whether <paramref name="value"/> reads as <paramref name="type"/> (for telling a header line from data).</summary>
    public static bool Reads(string value, SqlType type) => type.Kind == TypeKind.String || (Of(value) & Flag(type)) != 0;

    private static Candidates Flag(SqlType type) => type.Kind switch
    {
        TypeKind.Boolean => Candidates.Boolean,
        TypeKind.Int64 => Candidates.Int64,
        TypeKind.Float64 => Candidates.Float64,
        TypeKind.Date => Candidates.Date,
        TypeKind.Timestamp => Candidates.Timestamp,
        _ => Candidates.None,
    };

    private static SqlType First(Candidates candidates) =>
        (candidates & Candidates.Boolean) != 0 ? SqlType.Boolean
        : (candidates & Candidates.Int64) != 0 ? SqlType.Int64
        : (candidates & Candidates.Float64) != 0 ? SqlType.Float64
        : (candidates & Candidates.Date) != 0 ? SqlType.Date
        : (candidates & Candidates.Timestamp) != 0 ? SqlType.Timestamp
        : SqlType.String;

    private static Candidates Of(string value)
    {
        var text = value.Trim();
        var result = Candidates.None;
        if (text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            result |= Candidates.Boolean;
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            result |= Candidates.Int64 | Candidates.Float64;
        }
        else if (text.Length > 0 && (char.IsAsciiDigit(text[^1]) || text[^1] == '.')
                 && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            result |= Candidates.Float64;
        }

        if (text.Length == 10 && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            result |= Candidates.Date | Candidates.Timestamp;
        }
        else if (text.Length > 10 && DateTime.TryParseExact(text, TimestampFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            result |= Candidates.Timestamp;
        }

        return result;
    }
}
