using System.Globalization;
using Federation.Common.Types;
using Federation.Functions.Scalar.String;

namespace Federation.Functions.Scalar.DateTime;

/// <summary>TO_CHAR of a timestamp: writes the fields named by a parsed template, PostgreSQL's padding and all.</summary>
internal static class DateFormatter
{
    public static readonly string[] MonthNames =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    public static readonly string[] DayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    private static readonly string[] RomanMonths = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"];

    /// <summary>
    /// Writes one value. With a <paramref name="zone"/> (a timestamptz) <paramref name="micros"/> is an instant, written
    /// on the zone's wall clock with its offset and abbreviation; without one it is a wall-clock timestamp.
    /// </summary>
    public static void Format(ReadOnlySpan<DateToken> tokens, long micros, SessionTimeZone? zone, Utf16Scratch output)
    {
        var withZone = zone is not null;
        var utc = micros;
        var offset = zone?.OffsetSecondsAt(micros) ?? 0;
        micros += offset * Interval.MicrosPerSecond;
        var days = DateTimeMath.DateOfTimestamp(micros);
        var timeOfDay = micros - (days * DateTimeMath.MicrosPerDay);
        var (year, month, day) = DateTimeMath.CivilFromDays(days);
        var hour = (int)(timeOfDay / Interval.MicrosPerHour);
        var minute = (int)(timeOfDay / Interval.MicrosPerMinute % 60);
        var second = (int)(timeOfDay / Interval.MicrosPerSecond % 60);
        var fraction = (int)(timeOfDay % Interval.MicrosPerSecond);
        var displayYear = year <= 0 ? 1 - year : year;
        foreach (var token in tokens)
        {
            switch (token.Pattern)
            {
                case DatePattern.Literal:
                    output.Append(token.Text);
                    break;
                case DatePattern.Year4:
                    Number(output, token, displayYear, 4);
                    break;
                case DatePattern.YearComma:
                    output.Append(string.Create(CultureInfo.InvariantCulture, $"{displayYear / 1000},{displayYear % 1000:000}"));
                    Suffix(output, token, displayYear);
                    break;
                case DatePattern.Year3:
                    Number(output, token, displayYear % 1000, 3);
                    break;
                case DatePattern.Year2:
                    Number(output, token, displayYear % 100, 2);
                    break;
                case DatePattern.Year1:
                    Number(output, token, displayYear % 10, 1);
                    break;
                case DatePattern.IsoYear4 or DatePattern.IsoYear3 or DatePattern.IsoYear2 or DatePattern.IsoYear1:
                {
                    Calendar.IsoWeek(days, out var isoYear);
                    var isoDisplay = isoYear <= 0 ? 1 - isoYear : isoYear;
                    var width = token.Pattern switch { DatePattern.IsoYear4 => 4, DatePattern.IsoYear3 => 3, DatePattern.IsoYear2 => 2, _ => 1 };
                    Number(output, token, width == 4 ? isoDisplay : isoDisplay % (int)System.Math.Pow(10, width), width);
                    break;
                }

                case DatePattern.Month:
                    Number(output, token, month, 2);
                    break;
                case DatePattern.MonthName:
                    Name(output, token, MonthNames[month - 1], 9);
                    break;
                case DatePattern.MonthAbbreviation:
                    Name(output, token, MonthNames[month - 1][..3], 0);
                    break;
                case DatePattern.RomanMonth:
                    Name(output, token with { Case = token.Case == 2 ? 2 : 0 }, RomanMonths[month - 1], 4);
                    break;
                case DatePattern.Day:
                    Number(output, token, day, 2);
                    break;
                case DatePattern.DayOfYear:
                    Number(output, token, DateTimeMath.DayOfYear(days), 3);
                    break;
                case DatePattern.IsoDayOfYear:
                {
                    var week = Calendar.IsoWeek(days, out _);
                    Number(output, token, ((week - 1) * 7) + Calendar.IsoDayOfWeek(days), 3);
                    break;
                }

                case DatePattern.DayOfWeek:
                    Number(output, token, DateTimeMath.DayOfWeek(days) + 1, 1);
                    break;
                case DatePattern.IsoDayOfWeek:
                    Number(output, token, Calendar.IsoDayOfWeek(days), 1);
                    break;
                case DatePattern.DayName:
                    Name(output, token, DayNames[DateTimeMath.DayOfWeek(days)], 9);
                    break;
                case DatePattern.DayAbbreviation:
                    Name(output, token, DayNames[DateTimeMath.DayOfWeek(days)][..3], 0);
                    break;
                case DatePattern.Hour12:
                    Number(output, token, hour % 12 == 0 ? 12 : hour % 12, 2);
                    break;
                case DatePattern.Hour24:
                    Number(output, token, hour, 2);
                    break;
                case DatePattern.Minute:
                    Number(output, token, minute, 2);
                    break;
                case DatePattern.Second:
                    Number(output, token, second, 2);
                    break;
                case DatePattern.Millisecond:
                    Number(output, token, fraction / 1000, 3);
                    break;
                case DatePattern.Microsecond:
                    Number(output, token, fraction, 6);
                    break;
                case DatePattern.Fraction:
                    Number(output, token, fraction / (int)System.Math.Pow(10, 6 - token.Digits), token.Digits);
                    break;
                case DatePattern.SecondsOfDay:
                    Number(output, token with { FillMode = true }, (int)(timeOfDay / Interval.MicrosPerSecond), 0);
                    break;
                case DatePattern.Meridiem:
                    output.Append(Cased(hour >= 12 ? "PM" : "AM", token.Case == 2 ? 2 : 0));
                    break;
                case DatePattern.MeridiemDots:
                    output.Append(Cased(hour >= 12 ? "P.M." : "A.M.", token.Case == 2 ? 2 : 0));
                    break;
                case DatePattern.Era:
                    output.Append(Cased(year <= 0 ? "BC" : "AD", token.Case == 2 ? 2 : 0));
                    break;
                case DatePattern.EraDots:
                    output.Append(Cased(year <= 0 ? "B.C." : "A.D.", token.Case == 2 ? 2 : 0));
                    break;
                case DatePattern.Quarter:
                    Number(output, token, ((month - 1) / 3) + 1, 1);
                    break;
                case DatePattern.WeekOfYear:
                    Number(output, token, ((DateTimeMath.DayOfYear(days) - 1) / 7) + 1, 2);
                    break;
                case DatePattern.WeekOfMonth:
                    Number(output, token, ((day - 1) / 7) + 1, 1);
                    break;
                case DatePattern.IsoWeek:
                    Number(output, token, Calendar.IsoWeek(days, out _), 2);
                    break;
                case DatePattern.Century:
                    Number(output, token, year > 0 ? (year + 99) / 100 : -((99 - (year - 1)) / 100), 2);
                    break;
                case DatePattern.Julian:
                    Number(output, token, days + 2440588, 0);
                    break;
                case DatePattern.TimeZone:
                    if (withZone)
                    {
                        var abbreviation = zone!.AbbreviationAt(utc);
                        output.Append(token.Case == 2 ? abbreviation.ToLowerInvariant() : abbreviation.ToUpperInvariant());
                    }

                    break;
                case DatePattern.TimeZoneHour:
                    output.Append(string.Create(CultureInfo.InvariantCulture, $"{(offset < 0 ? '-' : '+')}{System.Math.Abs(offset) / 3600:00}"));
                    break;
                case DatePattern.TimeZoneMinute:
                    output.Append(string.Create(CultureInfo.InvariantCulture, $"{System.Math.Abs(offset) / 60 % 60:00}"));
                    break;
                case DatePattern.Offset:
                {
                    var sb = new System.Text.StringBuilder(9);
                    SessionTimeZone.AppendOffset(sb, offset - (offset % 60));
                    output.Append(sb.ToString());
                    break;
                }
                default:
                    break;
            }
        }
    }

    private static void Number(Utf16Scratch output, DateToken token, int value, int width)
    {
        Span<char> digits = stackalloc char[16];
        var negative = value < 0;
        var magnitude = negative ? -(long)value : value;
        magnitude.TryFormat(digits, out var written, default, CultureInfo.InvariantCulture);
        if (negative)
        {
            output.Append('-');
        }

        if (!token.FillMode)
        {
            for (var pad = written; pad < width; pad++)
            {
                output.Append('0');
            }
        }

        output.Append(digits[..written]);
        Suffix(output, token, value);
    }

    private static void Suffix(Utf16Scratch output, DateToken token, int value)
    {
        if (token.Ordinal == 0)
        {
            return;
        }

        var suffix = OrdinalSuffix(value);
        output.Append(token.Ordinal == 1 ? suffix.ToUpperInvariant() : suffix);
    }

    public static string OrdinalSuffix(long value)
    {
        var last2 = System.Math.Abs(value) % 100;
        if (last2 is >= 11 and <= 13)
        {
            return "th";
        }

        return (System.Math.Abs(value) % 10) switch
        {
            1 => "st",
            2 => "nd",
            3 => "rd",
            _ => "th",
        };
    }

    private static void Name(Utf16Scratch output, DateToken token, string name, int width)
    {
        var text = Cased(name, token.Case);
        output.Append(text);
        if (!token.FillMode)
        {
            for (var pad = text.Length; pad < width; pad++)
            {
                output.Append(' ');
            }
        }
    }

    private static string Cased(string text, int letterCase) => letterCase switch
    {
        0 => text.ToUpperInvariant(),
        2 => text.ToLowerInvariant(),
        _ => text,
    };
}
