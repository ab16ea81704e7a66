using System.Globalization;
using Federation.Common.Types;

namespace Federation.Testing.Postgres;

/// <summary>
/// Turns a value as PostgreSQL prints it into the text Federation's slt runner writes for the same value (see
/// Federation.SqlLogic.SltValueFormatter), so PostgreSQL's answers compare with a .slt file's expected rows: NULL,
/// (empty), true/false for t/f, floating point in the shortest round-trip form this engine prints (PostgreSQL spells
/// 1e+20 and 1.5e-05 its own way), tabs and newlines escaped. Numerics, integers, text, dates and timestamps print
/// alike in both and pass through.
/// </summary>
public static class PostgresSltFormatter
{
    public static string Format(string? text, string postgresType)
    {
        if (text is null)
        {
            return "NULL";
        }

        if (text.Length == 0)
        {
            return "(empty)";
        }

        switch (postgresType)
        {
            case "boolean":
                return text == "t" ? "true" : text == "f" ? "false" : text;
            case "double precision":
                return DecimalMath.FormatDouble(ParseFloat(text));
            case "real":
                return DecimalMath.FormatFloat((float)ParseFloat(text));
            default:
                return text.Replace("\t", "\\t", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
        }
    }

    private static double ParseFloat(string text) => text switch
    {
        "NaN" => double.NaN,
        "Infinity" => double.PositiveInfinity,
        "-Infinity" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };
}
