using System.Globalization;
using System.Text;

namespace Federation.Common.Types;

/// <summary>
/// Calendar arithmetic on the Arrow representations: dates are days since 1970-01-01 (Date32),
/// timestamps are microseconds since 1970-01-01 00:00:00 (UTC for TIMESTAMPTZ). Proleptic Gregorian
/// calendar, as PostgreSQL uses; civil conversions follow Howard Hinnant's days_from_civil.
/// </summary>
public static class DateTimeMath
{
    public const long MicrosPerDay = Interval.MicrosPerDay;

    public static int DaysFromCivil(int year, int month, int day)
    {
        year -= month <= 2 ? 1 : 0;
        var era = (year >= 0 ? year : year - 399) / 400;
        var yoe = year - (era * 400);
        var doy = ((153 * (month + (month > 2 ? -3 : 9))) + 2) / 5 + day - 1;
        var doe = (yoe * 365) + (yoe / 4) - (yoe / 100) + doy;
        return (era * 146097) + doe - 719468;
    }

    public static (int Year, int Month, int Day) CivilFromDays(int days)
    {
        var z = (long)days + 719468;
        var era = (z >= 0 ? z : z - 146096) / 146097;
        var doe = z - (era * 146097);
        var yoe = (doe - (doe / 1460) + (doe / 36524) - (doe / 146096)) / 365;
        var y = yoe + (era * 400);
        var doy = doe - ((365 * yoe) + (yoe / 4) - (yoe / 100));
        var mp = ((5 * doy) + 2) / 153;
        var d = doy - (((153 * mp) + 2) / 5) + 1;
        var m = mp < 10 ? mp + 3 : mp - 9;
        return ((int)(y + (m <= 2 ? 1 : 0)), (int)m, (int)d);
    }

    public static bool IsLeapYear(int year) => (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

    public static int DaysInMonth(int year, int month) => month switch
    {
        2 => IsLeapYear(year) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    public static int DayOfWeek(int days) => (int)((((long)days % 7) + 11) % 7); // 0 = Sunday; 1970-01-01 was a Thursday

    public static int DayOfYear(int days)
    {
        var (y, _, _) = CivilFromDays(days);
        return days - DaysFromCivil(y, 1, 1) + 1;
    }

    public static long FloorDiv(long a, long b)
    {
        var q = a / b;
        if ((a % b != 0) && ((a < 0) != (b < 0)))
        {
            q--;
        }

        return q;
    }

    public static int DateOfTimestamp(long micros) => (int)FloorDiv(micros, MicrosPerDay);

    public static long TimestampOfDate(int days) => days * MicrosPerDay;

    /// <summary>Adds months the way PostgreSQL does: the day is clamped to the last day of the target month.</summary>
    public static int AddMonths(int days, int months)
    {
        if (months == 0)
        {
            return days;
        }

        var (y, m, d) = CivilFromDays(days);
        var total = (y * 12L) + (m - 1) + months;
        var ny = (int)FloorDiv(total, 12);
        var nm = (int)(total - (ny * 12L)) + 1;
        var nd = Math.Min(d, DaysInMonth(ny, nm));
        return DaysFromCivil(ny, nm, nd);
    }

    public static long AddInterval(long micros, Interval interval)
    {
        var day = DateOfTimestamp(micros);
        var timeOfDay = micros - (day * MicrosPerDay);
        day = AddMonths(day, interval.Months) + interval.Days;
        return checked((day * MicrosPerDay) + timeOfDay + interval.Micros);
    }

    /// <summary>
    /// timestamptz + interval as PostgreSQL adds it: months, then days, on <paramref name="zone"/>'s wall clock (so
    /// '1 day' across a DST change keeps the clock time), then the time part as elapsed time.
    /// </summary>
    public static long AddInterval(long utcMicros, Interval interval, SessionTimeZone zone)
    {
        if (interval.Months != 0)
        {
            var local = zone.ToLocal(utcMicros);
            var day = DateOfTimestamp(local);
            utcMicros = zone.ToUtc(checked((AddMonths(day, interval.Months) * MicrosPerDay) + (local - (day * MicrosPerDay))));
        }

        if (interval.Days != 0)
        {
            utcMicros = zone.ToUtc(checked(zone.ToLocal(utcMicros) + (interval.Days * MicrosPerDay)));
        }

        return checked(utcMicros + interval.Micros);
    }

    public static string FormatDate(int days)
    {
        var (y, m, d) = CivilFromDays(days);
        return y > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{y:0000}-{m:00}-{d:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{1 - y:0000}-{m:00}-{d:00} BC");
    }

    public static string FormatTimestamp(long micros, bool withZone = false)
    {
        var days = DateOfTimestamp(micros);
        var timeOfDay = micros - (days * MicrosPerDay);
        var sb = new StringBuilder(32);
        var (y, m, d) = CivilFromDays(days);
        sb.Append(CultureInfo.InvariantCulture, $"{(y > 0 ? y : 1 - y):0000}-{m:00}-{d:00} ");
        AppendTime(sb, timeOfDay);
        if (withZone)
        {
            sb.Append("+00");
        }

        if (y <= 0)
        {
            sb.Append(" BC");
        }

        return sb.ToString();
    }

    /// <summary>A timestamptz as PostgreSQL prints it: the wall clock in <paramref name="zone"/>, then its offset (+02, -03:30).</summary>
    public static string FormatTimestampTz(long utcMicros, SessionTimeZone zone)
    {
        var offset = zone.OffsetSecondsAt(utcMicros);
        var local = utcMicros + (offset * Interval.MicrosPerSecond);
        var days = DateOfTimestamp(local);
        var timeOfDay = local - (days * MicrosPerDay);
        var sb = new StringBuilder(32);
        var (y, m, d) = CivilFromDays(days);
        sb.Append(CultureInfo.InvariantCulture, $"{(y > 0 ? y : 1 - y):0000}-{m:00}-{d:00} ");
        AppendTime(sb, timeOfDay);
        SessionTimeZone.AppendOffset(sb, offset);
        if (y <= 0)
        {
            sb.Append(" BC");
        }

        return sb.ToString();
    }

    public static void AppendTime(StringBuilder sb, long microsOfDay)
    {
        var hours = microsOfDay / Interval.MicrosPerHour;
        var minutes = microsOfDay / Interval.MicrosPerMinute % 60;
        var seconds = microsOfDay / Interval.MicrosPerSecond % 60;
        var fraction = microsOfDay % Interval.MicrosPerSecond;
        sb.Append(CultureInfo.InvariantCulture, $"{hours:00}:{minutes:00}:{seconds:00}");
        if (fraction != 0)
        {
            sb.Append('.').Append(fraction.ToString("000000", CultureInfo.InvariantCulture).TrimEnd('0'));
        }
    }

    /// <summary>Parses 'YYYY-MM-DD' (also 'YYYYMMDD', 'YYYY/MM/DD', and ISO timestamps whose time part is dropped).</summary>
    public static bool TryParseDate(ReadOnlySpan<char> text, out int days)
    {
        days = 0;
        text = text.Trim();
        if (text.Length == 8 && IsAllDigits(text))
        {
            return TryMakeDate(Digits(text[..4]), Digits(text[4..6]), Digits(text[6..8]), out days);
        }

        var pos = 0;
        if (!TryReadNumber(text, ref pos, out var year) || pos >= text.Length || text[pos] is not ('-' or '/'))
        {
            return false;
        }

        pos++;
        if (!TryReadNumber(text, ref pos, out var month) || pos >= text.Length || text[pos] is not ('-' or '/'))
        {
            return false;
        }

        pos++;
        if (!TryReadNumber(text, ref pos, out var day))
        {
            return false;
        }

        if (pos < text.Length)
        {
            // Accept a trailing time part only when it is midnight-free garbage-free: "2024-01-31 00:00:00" or 'T...'.
            if (text[pos] is not (' ' or 'T'))
            {
                return false;
            }

            if (!TryParseTimeOfDay(text[(pos + 1)..], out _, out _))
            {
                return false;
            }
        }

        return TryMakeDate(year, month, day, out days);
    }

    private static bool TryMakeDate(int year, int month, int day, out int days)
    {
        days = 0;
        if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month) || year < -4713 || year > 294276)
        {
            return false;
        }

        days = DaysFromCivil(year, month, day);
        return true;
    }

    /// <summary>
    /// Parses 'YYYY-MM-DD[ |T]HH:MM[:SS[.ffffff]][Z|+HH[:MM]|-HH[:MM]]'. A zone, when present, is applied so the
    /// result is UTC; <paramref name="hadZone"/> reports whether one was given.
    /// </summary>
    public static bool TryParseTimestamp(ReadOnlySpan<char> text, out long micros, out bool hadZone)
    {
        micros = 0;
        hadZone = false;
        text = text.Trim();
        var split = text.IndexOfAny(' ', 'T');
        var datePart = split < 0 ? text : text[..split];
        if (!TryParseDate(datePart, out var days))
        {
            return false;
        }

        long timeOfDay = 0;
        long offset = 0;
        if (split >= 0)
        {
            if (!TryParseTimeOfDay(text[(split + 1)..].Trim(), out timeOfDay, out var zone))
            {
                return false;
            }

            if (zone is { } z)
            {
                hadZone = true;
                offset = z;
            }
        }

        micros = (days * MicrosPerDay) + timeOfDay - offset;
        return true;
    }

    /// <summary>Parses HH:MM[:SS[.f]] with an optional zone suffix; zoneMicros is the offset east of UTC.</summary>
    public static bool TryParseTimeOfDay(ReadOnlySpan<char> text, out long micros, out long? zoneMicros)
    {
        micros = 0;
        zoneMicros = null;
        var pos = 0;
        if (!TryReadNumber(text, ref pos, out var hour) || pos >= text.Length || text[pos] != ':')
        {
            return false;
        }

        pos++;
        if (!TryReadNumber(text, ref pos, out var minute))
        {
            return false;
        }

        var second = 0;
        long fraction = 0;
        if (pos < text.Length && text[pos] == ':')
        {
            pos++;
            if (!TryReadNumber(text, ref pos, out second))
            {
                return false;
            }

            if (pos < text.Length && text[pos] == '.')
            {
                pos++;
                var digits = 0;
                while (pos < text.Length && char.IsAsciiDigit(text[pos]))
                {
                    if (digits < 6)
                    {
                        fraction = (fraction * 10) + (text[pos] - '0');
                    }
                    else if (digits == 6 && text[pos] >= '5')
                    {
                        fraction++; // round to microseconds
                    }

                    digits++;
                    pos++;
                }

                for (var d = digits; d < 6; d++)
                {
                    fraction *= 10;
                }
            }
        }

        if (hour > 24 || minute > 59 || second > 60 || (hour == 24 && (minute != 0 || second != 0 || fraction != 0)))
        {
            return false;
        }

        micros = (hour * Interval.MicrosPerHour) + (minute * Interval.MicrosPerMinute) + (second * Interval.MicrosPerSecond) + fraction;
        var rest = text[pos..].Trim();
        if (rest.IsEmpty)
        {
            return true;
        }

        if (rest is "Z" or "z" or "UTC" or "utc" or "GMT")
        {
            zoneMicros = 0;
            return true;
        }

        if (rest[0] is '+' or '-')
        {
            var sign = rest[0] == '-' ? -1 : 1;
            var zpos = 1;
            if (!TryReadNumber(rest, ref zpos, out var zh))
            {
                return false;
            }

            var zm = 0;
            if (zh >= 100)
            {
                zm = zh % 100;
                zh /= 100;
            }
            else if (zpos < rest.Length && rest[zpos] == ':')
            {
                zpos++;
                if (!TryReadNumber(rest, ref zpos, out zm))
                {
                    return false;
                }
            }

            if (zpos != rest.Length || zh > 15 || zm > 59)
            {
                return false;
            }

            zoneMicros = sign * ((zh * Interval.MicrosPerHour) + (zm * Interval.MicrosPerMinute));
            return true;
        }

        return false;
    }

    private static bool TryReadNumber(ReadOnlySpan<char> text, ref int pos, out int value)
    {
        value = 0;
        var start = pos;
        while (pos < text.Length && char.IsAsciiDigit(text[pos]) && pos - start < 9)
        {
            value = (value * 10) + (text[pos] - '0');
            pos++;
        }

        return pos > start;
    }

    private static bool IsAllDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static int Digits(ReadOnlySpan<char> text)
    {
        var v = 0;
        foreach (var c in text)
        {
            v = (v * 10) + (c - '0');
        }

        return v;
    }
}
