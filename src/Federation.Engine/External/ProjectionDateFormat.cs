using System.Globalization;
using System.Text;
using Federation.Common;

namespace Federation.Engine.External;

/// <summary>
/// A date projection's 'format' (Java DateTimeFormatter pattern letters as Athena takes them: yyyy, yy, MM, dd, HH,
/// mm, ss, SSS, and literal text, quoted or not) as the .NET custom format that formats and parses the same text, and
/// the finest field it holds (Athena's default interval unit).
/// </summary>
internal sealed class ProjectionDateFormat
{
    private ProjectionDateFormat(string pattern, string dotNet, ProjectionUnit finest)
    {
        Pattern = pattern;
        DotNet = dotNet;
        Finest = finest;
    }

    /// <summary>The pattern as the table property states it.</summary>
    public string Pattern { get; }

    public string DotNet { get; }

    public ProjectionUnit Finest { get; }

    public static ProjectionDateFormat Parse(string pattern, string property, string table)
    {
        var result = new StringBuilder();
        ProjectionUnit? finest = null;
        var i = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            if (c == '\'')
            {
                // Quoted literal text; '' is a quote.
                var end = pattern.IndexOf('\'', i + 1);
                if (end < 0)
                {
                    throw Bad(pattern, property, table, "a quote is not closed");
                }

                var literal = end == i + 1 ? "'" : pattern[(i + 1)..end];
                foreach (var ch in literal)
                {
                    result.Append('\\').Append(ch);
                }

                i = end + 1;
                continue;
            }

            if (!char.IsAsciiLetter(c))
            {
                result.Append('\\').Append(c);
                i++;
                continue;
            }

            var run = 1;
            while (i + run < pattern.Length && pattern[i + run] == c)
            {
                run++;
            }

            var (text, unit) = (c, run) switch
            {
                ('y' or 'u', 4) => ("yyyy", ProjectionUnit.Years),
                ('y' or 'u', 2) => ("yy", ProjectionUnit.Years),
                ('M', 2) => ("MM", ProjectionUnit.Months),
                ('M', 1) => ("%M", ProjectionUnit.Months),
                ('d', 2) => ("dd", ProjectionUnit.Days),
                ('d', 1) => ("%d", ProjectionUnit.Days),
                ('H', 2) => ("HH", ProjectionUnit.Hours),
                ('H', 1) => ("%H", ProjectionUnit.Hours),
                ('m', 2) => ("mm", ProjectionUnit.Minutes),
                ('s', 2) => ("ss", ProjectionUnit.Seconds),
                ('S', 3) => ("fff", ProjectionUnit.Milliseconds),
                _ => throw Bad(pattern, property, table, $"the pattern letters '{new string(c, run)}' are not supported (yyyy, yy, MM, dd, HH, mm, ss, SSS and quoted text are)"),
            };
            result.Append(text);
            finest = finest is null || unit > finest ? unit : finest;
            i += run;
        }

        if (finest is null)
        {
            throw Bad(pattern, property, table, "it has no date or time field");
        }

        return new ProjectionDateFormat(pattern, result.ToString(), finest.Value);
    }

    public string Format(DateTime value) => value.ToString(DotNet, CultureInfo.InvariantCulture);

    public bool TryParse(string text, out DateTime value) =>
        DateTime.TryParseExact(text, DotNet, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out value);

    private static FederationException Bad(string pattern, string property, string table, string why) =>
        new(ErrorCode.InvalidArgument, $"table property '{property}' of {table} is not a usable date format '{pattern}': {why}");
}
