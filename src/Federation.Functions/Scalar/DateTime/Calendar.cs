using Federation.Common.Types;

namespace Federation.Functions.Scalar.DateTime;

/// <summary>
/// Field arithmetic on microsecond timestamps (wall clocks; timestamptz instants go through the session zone), following PostgreSQL's
/// timestamp_trunc, timestamp_part and interval_part, and Redshift's DATEADD/DATEDIFF. Years are astronomical
/// internally (0 = 1 BC), as PostgreSQL's pg_tm holds them.
/// </summary>
internal static class Calendar
{
    private const long MicrosPerDay = DateTimeMath.MicrosPerDay;

    /// <summary>PostgreSQL's timestamp range in astronomical years: 4714 BC to 294276 AD.</summary>
    public const int MinYear = -4713;

    public const int MaxYear = 294276;

    public static bool CanTruncate(DateUnit unit) => unit <= DateUnit.Millennium;

    public static bool CanAdd(DateUnit unit) => unit <= DateUnit.Millennium;

    public static long Truncate(long micros, DateUnit unit)
    {
        switch (unit)
        {
            case DateUnit.Microsecond:
                return micros;
            case DateUnit.Millisecond:
                return DateTimeMath.FloorDiv(micros, 1000) * 1000;
            case DateUnit.Second:
                return DateTimeMath.FloorDiv(micros, Interval.MicrosPerSecond) * Interval.MicrosPerSecond;
            case DateUnit.Minute:
                return DateTimeMath.FloorDiv(micros, Interval.MicrosPerMinute) * Interval.MicrosPerMinute;
            case DateUnit.Hour:
                return DateTimeMath.FloorDiv(micros, Interval.MicrosPerHour) * Interval.MicrosPerHour;
            case DateUnit.Day:
                return DateTimeMath.FloorDiv(micros, MicrosPerDay) * MicrosPerDay;
            case DateUnit.Week:
            {
                var days = DateTimeMath.DateOfTimestamp(micros);
                var sinceMonday = (DateTimeMath.DayOfWeek(days) + 6) % 7;
                return (days - sinceMonday) * MicrosPerDay;
            }
        }

        var (year, month, _) = DateTimeMath.CivilFromDays(DateTimeMath.DateOfTimestamp(micros));
        switch (unit)
        {
            case DateUnit.Month:
                break;
            case DateUnit.Quarter:
                month = (3 * ((month - 1) / 3)) + 1;
                break;
            case DateUnit.Year:
                month = 1;
                break;
            case DateUnit.Decade:
                year = year > 0 ? year / 10 * 10 : -((8 - year) / 10) * 10;
                month = 1;
                break;
            case DateUnit.Century:
                year = year > 0 ? ((year + 99) / 100 * 100) - 99 : (-((99 - (year - 1)) / 100) * 100) + 1;
                month = 1;
                break;
            default:
                year = year > 0 ? ((year + 999) / 1000 * 1000) - 999 : (-((999 - (year - 1)) / 1000) * 1000) + 1;
                month = 1;
                break;
        }

        return DateTimeMath.DaysFromCivil(year, month, 1) * MicrosPerDay;
    }

    /// <summary>
    /// DATE_PART of a timestamptz: the fields of its wall clock in <paramref name="zone"/>, epoch from the instant, and
    /// timezone / timezone_hour / timezone_minute from the zone's offset then (seconds east; hour and minute truncated).
    /// </summary>
    public static double PartWithZone(long utcMicros, DateUnit unit, SessionTimeZone zone)
    {
        var offset = zone.OffsetSecondsAt(utcMicros);
        return unit switch
        {
            DateUnit.Epoch => utcMicros / 1_000_000.0,
            DateUnit.Timezone => offset,
            DateUnit.TimezoneHour => offset / 3600,
            DateUnit.TimezoneMinute => offset / 60 % 60,
            _ => Part(utcMicros + (offset * Interval.MicrosPerSecond), unit),
        };
    }

    /// <summary>
    /// DATE_TRUNC of a timestamptz on <paramref name="zone"/>'s wall clock. Units of a day and more start at local
    /// midnight and take the offset in force there; smaller units keep the value's own offset (PostgreSQL's redotz).
    /// </summary>
    public static long TruncateWithZone(long utcMicros, DateUnit unit, SessionTimeZone zone)
    {
        var offset = zone.OffsetSecondsAt(utcMicros) * Interval.MicrosPerSecond;
        var local = Truncate(utcMicros + offset, unit);
        return unit >= DateUnit.Day ? zone.ToUtc(local) : local - offset;
    }

    /// <summary>DATE_PART of a timestamp. <paramref name="withZone"/> allows the timezone fields (always 0: UTC).</summary>
    public static double Part(long micros, DateUnit unit)
    {
        var days = DateTimeMath.DateOfTimestamp(micros);
        var timeOfDay = micros - (days * MicrosPerDay);
        switch (unit)
        {
            case DateUnit.Microsecond:
                return timeOfDay % Interval.MicrosPerMinute;
            case DateUnit.Millisecond:
                return timeOfDay % Interval.MicrosPerMinute / 1000.0;
            case DateUnit.Second:
                return timeOfDay % Interval.MicrosPerMinute / 1_000_000.0;
            case DateUnit.Minute:
                return timeOfDay / Interval.MicrosPerMinute % 60;
            case DateUnit.Hour:
                return timeOfDay / Interval.MicrosPerHour;
            case DateUnit.DayOfWeek:
                return DateTimeMath.DayOfWeek(days);
            case DateUnit.IsoDayOfWeek:
                return IsoDayOfWeek(days);
            case DateUnit.DayOfYear:
                return DateTimeMath.DayOfYear(days);
            case DateUnit.Epoch:
                return micros / 1_000_000.0;
            case DateUnit.Julian:
                return days + 2440588 + (timeOfDay / (double)MicrosPerDay);
            case DateUnit.Week:
                return IsoWeek(days, out _);
            case DateUnit.IsoYear:
            {
                IsoWeek(days, out var isoYear);
                return isoYear > 0 ? isoYear : isoYear - 1;
            }

            case DateUnit.Timezone or DateUnit.TimezoneHour or DateUnit.TimezoneMinute:
                return 0;
        }

        var (year, month, day) = DateTimeMath.CivilFromDays(days);
        return unit switch
        {
            DateUnit.Day => day,
            DateUnit.Month => month,
            DateUnit.Quarter => ((month - 1) / 3) + 1,
            DateUnit.Year => year > 0 ? year : year - 1,
            DateUnit.Decade => year >= 0 ? year / 10 : -((8 - (year - 1)) / 10),
            DateUnit.Century => year > 0 ? (year + 99) / 100 : -((99 - (year - 1)) / 100),
            _ => year > 0 ? (year + 999) / 1000 : -((999 - (year - 1)) / 1000),
        };
    }

    /// <summary>DATE_PART of an interval (PostgreSQL's interval_part; the time part splits with truncating division).</summary>
    public static double Part(Interval interval, DateUnit unit)
    {
        var time = interval.Micros;
        var hours = time / Interval.MicrosPerHour;
        time -= hours * Interval.MicrosPerHour;
        var minutes = time / Interval.MicrosPerMinute;
        time -= minutes * Interval.MicrosPerMinute;
        var years = interval.Months / 12;
        var months = interval.Months % 12;
        return unit switch
        {
            DateUnit.Microsecond => time,
            DateUnit.Millisecond => time / 1000.0,
            DateUnit.Second => time / 1_000_000.0,
            DateUnit.Minute => minutes,
            DateUnit.Hour => hours,
            DateUnit.Day => interval.Days,
            DateUnit.Month => months,
            DateUnit.Quarter => (months / 3) + 1,
            DateUnit.Year => years,
            DateUnit.Decade => years / 10,
            DateUnit.Century => years / 100,
            DateUnit.Millennium => years / 1000,
            _ => (365.25 * 86400 * years) + (30.0 * 86400 * months) + (86400.0 * interval.Days) + (interval.Micros / 1_000_000.0),
        };
    }

    public static bool IsIntervalPart(DateUnit unit) => (unit <= DateUnit.Millennium && unit != DateUnit.Week) || unit == DateUnit.Epoch;

    public static int IsoDayOfWeek(int days)
    {
        var dow = DateTimeMath.DayOfWeek(days);
        return dow == 0 ? 7 : dow;
    }

    /// <summary>The ISO 8601 week number; weeks start on Monday and week 1 holds the year's first Thursday.</summary>
    public static int IsoWeek(int days, out int isoYear)
    {
        var thursday = days - IsoDayOfWeek(days) + 4;
        isoYear = DateTimeMath.CivilFromDays(thursday).Year;
        return ((thursday - DateTimeMath.DaysFromCivil(isoYear, 1, 1)) / 7) + 1;
    }

    /// <summary>DATEADD: adds n units; month-based units clamp the day to the end of the target month.</summary>
    public static long Add(long micros, DateUnit unit, long n)
    {
        try
        {
            checked
            {
                switch (unit)
                {
                    case DateUnit.Microsecond:
                        return micros + n;
                    case DateUnit.Millisecond:
                        return micros + (n * 1000);
                    case DateUnit.Second:
                        return micros + (n * Interval.MicrosPerSecond);
                    case DateUnit.Minute:
                        return micros + (n * Interval.MicrosPerMinute);
                    case DateUnit.Hour:
                        return micros + (n * Interval.MicrosPerHour);
                    case DateUnit.Day:
                        return micros + (n * MicrosPerDay);
                    case DateUnit.Week:
                        return micros + (n * 7 * MicrosPerDay);
                }

                var months = unit switch
                {
                    DateUnit.Month => n,
                    DateUnit.Quarter => n * 3,
                    DateUnit.Year => n * 12,
                    DateUnit.Decade => n * 120,
                    DateUnit.Century => n * 1200,
                    _ => n * 12000,
                };
                return AddMonths(micros, months, endOfMonth: false);
            }
        }
        catch (OverflowException)
        {
            ScalarErrors.TimestampOutOfRange();
            return 0;
        }
    }

    /// <summary>
    /// Adds months keeping the time of day. The day is clamped to the target month's last day; with
    /// <paramref name="endOfMonth"/> (Redshift's ADD_MONTHS) a last day of a month stays the last day.
    /// </summary>
    public static long AddMonths(long micros, long months, bool endOfMonth)
    {
        if (months is > 12L * 300_000 or < -12L * 300_000)
        {
            ScalarErrors.TimestampOutOfRange();
        }

        var days = DateTimeMath.DateOfTimestamp(micros);
        var timeOfDay = micros - (days * MicrosPerDay);
        var (year, month, day) = DateTimeMath.CivilFromDays(days);
        var total = (year * 12L) + (month - 1) + months;
        var newYear = (int)DateTimeMath.FloorDiv(total, 12);
        var newMonth = (int)(total - (newYear * 12L)) + 1;
        if (newYear is < MinYear or > MaxYear)
        {
            ScalarErrors.TimestampOutOfRange();
        }

        var last = DateTimeMath.DaysInMonth(newYear, newMonth);
        var newDay = endOfMonth && day == DateTimeMath.DaysInMonth(year, month) ? last : System.Math.Min(day, last);
        return (DateTimeMath.DaysFromCivil(newYear, newMonth, newDay) * MicrosPerDay) + timeOfDay;
    }

    /// <summary>DATEDIFF: the number of unit boundaries crossed going from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static long Diff(long from, long to, DateUnit unit)
    {
        switch (unit)
        {
            case DateUnit.Microsecond:
                try
                {
                    return checked(to - from);
                }
                catch (OverflowException)
                {
                    ScalarErrors.OutOfRange(SqlType.Int64);
                    return 0;
                }

            case DateUnit.Millisecond:
                return DateTimeMath.FloorDiv(to, 1000) - DateTimeMath.FloorDiv(from, 1000);
            case DateUnit.Second:
                return DateTimeMath.FloorDiv(to, Interval.MicrosPerSecond) - DateTimeMath.FloorDiv(from, Interval.MicrosPerSecond);
            case DateUnit.Minute:
                return DateTimeMath.FloorDiv(to, Interval.MicrosPerMinute) - DateTimeMath.FloorDiv(from, Interval.MicrosPerMinute);
            case DateUnit.Hour:
                return DateTimeMath.FloorDiv(to, Interval.MicrosPerHour) - DateTimeMath.FloorDiv(from, Interval.MicrosPerHour);
            case DateUnit.Day:
                return (long)DateTimeMath.DateOfTimestamp(to) - DateTimeMath.DateOfTimestamp(from);
            case DateUnit.Week:
                // Weeks start on Monday, as DATE_TRUNC('week') has them; 1970-01-05 was a Monday.
                return DateTimeMath.FloorDiv(DateTimeMath.DateOfTimestamp(to) - 4L, 7) - DateTimeMath.FloorDiv(DateTimeMath.DateOfTimestamp(from) - 4L, 7);
        }

        var (fromYear, fromMonth, _) = DateTimeMath.CivilFromDays(DateTimeMath.DateOfTimestamp(from));
        var (toYear, toMonth, _) = DateTimeMath.CivilFromDays(DateTimeMath.DateOfTimestamp(to));
        return unit switch
        {
            DateUnit.Month => ((toYear * 12L) + toMonth) - ((fromYear * 12L) + fromMonth),
            DateUnit.Quarter => ((toYear * 4L) + ((toMonth - 1) / 3)) - ((fromYear * 4L) + ((fromMonth - 1) / 3)),
            DateUnit.Year => (long)toYear - fromYear,
            DateUnit.Decade => DateTimeMath.FloorDiv(toYear, 10) - DateTimeMath.FloorDiv(fromYear, 10),
            DateUnit.Century => DateTimeMath.FloorDiv(toYear - 1, 100) - DateTimeMath.FloorDiv(fromYear - 1, 100),
            _ => DateTimeMath.FloorDiv(toYear - 1, 1000) - DateTimeMath.FloorDiv(fromYear - 1, 1000),
        };
    }
}
