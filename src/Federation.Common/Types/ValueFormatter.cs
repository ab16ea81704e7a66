using System.Globalization;

namespace Federation.Common.Types;

/// <summary>Text output of single values in PostgreSQL's formats.</summary>
public static class ValueFormatter
{
    public static string Format(SqlType type, object value) => Format(type, value, SessionTimeZone.Utc);

    /// <summary>A value as text, a timestamptz on <paramref name="zone"/>'s wall clock with its offset.</summary>
    public static string Format(SqlType type, object value, SessionTimeZone zone) => value switch
    {
        bool b => b ? "true" : "false",
        short s => s.ToString(CultureInfo.InvariantCulture),
        int i when type.Kind == TypeKind.Date => DateTimeMath.FormatDate(i),
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l when type.Kind == TypeKind.Timestamp => DateTimeMath.FormatTimestamp(l),
        long l when type.Kind == TypeKind.TimestampTz => DateTimeMath.FormatTimestampTz(l, zone),
        long l => l.ToString(CultureInfo.InvariantCulture),
        float f => DecimalMath.FormatFloat(f),
        double d => DecimalMath.FormatDouble(d),
        Int128 x => DecimalMath.Format(x, type.Scale),
        string s => s,
        byte[] bytes => "\\x" + Convert.ToHexString(bytes).ToLowerInvariant(),
        Interval iv => iv.ToString(),
        _ => value.ToString() ?? string.Empty,
    };
}
