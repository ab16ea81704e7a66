using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.SqlLogic;

/// <summary>
/// Renders result values the way .slt files write them: NULL, (empty) for the empty string, true/false,
/// decimals with their scale, dates and timestamps in ISO form, floats in the shortest round-trip form.
/// </summary>
public static class SltValueFormatter
{
    public static string Format(IArrowArray array, int index, SqlType type)
    {
        var value = ArrayFactory.GetScalar(array, index, type);
        if (value.IsNull)
        {
            return "NULL";
        }

        var text = value.ToString();
        if (text.Length == 0)
        {
            return "(empty)";
        }

        // Tabs and newlines inside values would break the row format.
        return text.Replace("\t", "\\t", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
    }
}
