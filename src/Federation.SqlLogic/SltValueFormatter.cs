using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.SqlLogic;

/// <summary>
/// Renders result values the way .slt files write them: NULL, (empty) for the empty string, true/false,
/// decimals with their scale, dates and timestamps in ISO form, floats in the shortest round-trip form, and timestamptz
/// as PostgreSQL prints it in the session time zone (2024-03-31 03:30:00+02).
/// </summary>
public static class SltValueFormatter
{
    public static string Format(IArrowArray array, int index, SqlType type) => Format(array, index, type, SessionTimeZone.Utc);

    public static string Format(IArrowArray array, int index, SqlType type, SessionTimeZone timeZone)
    {
        var value = ArrayFactory.GetScalar(array, index, type);
        if (value.IsNull)
        {
            return "NULL";
        }

        var text = ValueFormatter.Format(type, value.Value!, timeZone);
        if (text.Length == 0)
        {
            return "(empty)";
        }

        // Tabs and newlines inside values would break the row format.
        return text.Replace("\t", "\\t", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
    }
}
