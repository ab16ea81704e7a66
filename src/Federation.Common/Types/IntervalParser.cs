using System.Globalization;

namespace Federation.Common.Types;

/// <summary>
/// Parses interval text the way PostgreSQL reads it: '3 days', '1 year 2 months', '1 day 02:03:04',
/// '02:03:04', '-1 week', and the field-qualified forms INTERVAL '3' DAY and INTERVAL '1-2' YEAR TO MONTH.
/// </summary>
public static class IntervalParser
{
    public static bool TryParse(string text, string? leadingField, string? trailingField, out Interval interval)
    {
        interval = default;
        var trimmed = text.Trim();
        if (leadingField is not null)
        {
            return TryParseQualified(trimmed, leadingField, trailingField, out interval);
        }

        return TryParseVerbose(trimmed, out interval);
    }

    private static bool TryParseQualified(string text, string leading, string? trailing, out Interval interval)
    {
        interval = default;
        if (leading == "year" && trailing == "month")
        {
            var negative = text.StartsWith('-');
            var body = negative ? text[1..] : text;
            var parts = body.Split('-');
            if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var y)
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m))
            {
                return false;
            }

            var months = (y * 12) + m;
            interval = new Interval(negative ? -months : months, 0, 0);
            return true;
        }

        if (trailing is not null && text.Contains(':', StringComparison.Ordinal))
        {
            // '1 02:03:04' DAY TO SECOND, '02:03' HOUR TO MINUTE ...
            return TryParseVerbose(text, out interval, trailing == "minute" && !text.Contains(' ', StringComparison.Ordinal) && leading == "hour");
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
        {
            // PostgreSQL also accepts a verbose string with a field qualifier; the qualifier then only truncates.
            return TryParseVerbose(text, out interval);
        }

        return TryUnit(n, leading, ref interval);
    }

    private static bool TryParseVerbose(string text, out Interval interval, bool hoursMinutesOnly = false)
    {
        interval = default;
        if (text.Length == 0)
        {
            return false;
        }

        var ago = false;
        if (text.EndsWith(" ago", StringComparison.OrdinalIgnoreCase))
        {
            ago = true;
            text = text[..^4];
        }

        var tokens = text.Replace(",", " ", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var i = 0;
        var any = false;
        while (i < tokens.Length)
        {
            var token = tokens[i].TrimStart('@');
            if (token.Length == 0)
            {
                i++;
                continue;
            }

            if (token.Contains(':', StringComparison.Ordinal))
            {
                if (!TryTime(token, hoursMinutesOnly, out var micros))
                {
                    return false;
                }

                interval += new Interval(0, 0, micros);
                any = true;
                i++;
                continue;
            }

            // "3days" written without a space
            var split = 0;
            while (split < token.Length && (char.IsAsciiDigit(token[split]) || token[split] is '.' or '-' or '+'))
            {
                split++;
            }

            string numberText;
            string? unit;
            if (split > 0 && split < token.Length)
            {
                numberText = token[..split];
                unit = token[split..];
                i++;
            }
            else
            {
                numberText = token;
                unit = i + 1 < tokens.Length ? tokens[i + 1] : null;
                i += 2;
            }

            if (!double.TryParse(numberText, NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
            {
                return false;
            }

            if (unit is null)
            {
                // A bare number is seconds.
                interval += new Interval(0, 0, (long)Math.Round(n * Interval.MicrosPerSecond));
                any = true;
                continue;
            }

            if (!TryUnit(n, unit.ToLowerInvariant(), ref interval))
            {
                return false;
            }

            any = true;
        }

        if (ago)
        {
            interval = -interval;
        }

        return any;
    }

    private static bool TryTime(string token, bool hoursMinutesOnly, out long micros)
    {
        micros = 0;
        var negative = token.StartsWith('-');
        var parts = token.TrimStart('-', '+').Split(':');
        if (parts.Length is < 2 or > 3)
        {
            return false;
        }

        if (!long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m))
        {
            return false;
        }

        double s = 0;
        if (parts.Length == 3 && !double.TryParse(parts[2], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out s))
        {
            return false;
        }

        _ = hoursMinutesOnly;
        micros = (h * Interval.MicrosPerHour) + (m * Interval.MicrosPerMinute) + (long)Math.Round(s * Interval.MicrosPerSecond);
        if (negative)
        {
            micros = -micros;
        }

        return true;
    }

    /// <summary>Adds n of a unit; fractional months and days spill into smaller units as PostgreSQL does.</summary>
    public static bool TryUnit(double n, string unit, ref Interval interval)
    {
        switch (unit)
        {
            case "millennium" or "millennia" or "millenniums":
                return AddMonths(n * 12000, ref interval);
            case "century" or "centuries":
                return AddMonths(n * 1200, ref interval);
            case "decade" or "decades":
                return AddMonths(n * 120, ref interval);
            case "y" or "yr" or "yrs" or "year" or "years":
                return AddMonths(n * 12, ref interval);
            case "qtr" or "quarter" or "quarters":
                return AddMonths(n * 3, ref interval);
            case "mon" or "mons" or "month" or "months":
                return AddMonths(n, ref interval);
            case "w" or "week" or "weeks":
                return AddDays(n * 7, ref interval);
            case "d" or "day" or "days":
                return AddDays(n, ref interval);
            case "h" or "hr" or "hrs" or "hour" or "hours":
                interval += new Interval(0, 0, (long)Math.Round(n * Interval.MicrosPerHour));
                return true;
            case "m" or "min" or "mins" or "minute" or "minutes":
                interval += new Interval(0, 0, (long)Math.Round(n * Interval.MicrosPerMinute));
                return true;
            case "s" or "sec" or "secs" or "second" or "seconds":
                interval += new Interval(0, 0, (long)Math.Round(n * Interval.MicrosPerSecond));
                return true;
            case "ms" or "msec" or "msecs" or "millisecond" or "milliseconds":
                interval += new Interval(0, 0, (long)Math.Round(n * 1000));
                return true;
            case "us" or "usec" or "usecs" or "microsecond" or "microseconds":
                interval += new Interval(0, 0, (long)Math.Round(n));
                return true;
            default:
                return false;
        }
    }

    private static bool AddMonths(double months, ref Interval interval)
    {
        var whole = Math.Truncate(months);
        interval += new Interval((int)whole, 0, 0);
        return AddDays((months - whole) * 30, ref interval);
    }

    private static bool AddDays(double days, ref Interval interval)
    {
        var whole = Math.Truncate(days);
        interval += new Interval(0, (int)whole, (long)Math.Round((days - whole) * Interval.MicrosPerDay));
        return true;
    }
}
