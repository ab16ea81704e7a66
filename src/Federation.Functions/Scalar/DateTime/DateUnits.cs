using System.Collections.Frozen;
using Federation.Common;
using Federation.Common.Types;

namespace Federation.Functions.Scalar.DateTime;

/// <summary>
/// Unit names, case-insensitive, with PostgreSQL's plurals and abbreviations and Redshift's date-part
/// abbreviations (yr, qtr, mon, w, dw, dy, h, m, s, ms, us ...).
/// </summary>
internal static class DateUnits
{
    private static readonly FrozenDictionary<string, DateUnit> Names = Build();

    private static FrozenDictionary<string, DateUnit> Build()
    {
        var names = new Dictionary<string, DateUnit>(StringComparer.Ordinal);
        void Add(DateUnit unit, params string[] words)
        {
            foreach (var word in words)
            {
                names[word] = unit;
            }
        }

        Add(DateUnit.Microsecond, "microsecond", "microseconds", "microsec", "microsecs", "microsecon", "usec", "usecs", "usecond", "useconds", "us");
        Add(DateUnit.Millisecond, "millisecond", "milliseconds", "millisec", "millisecs", "millisecon", "msec", "msecs", "msecond", "mseconds", "ms");
        Add(DateUnit.Second, "second", "seconds", "sec", "secs", "s");
        Add(DateUnit.Minute, "minute", "minutes", "min", "mins", "m");
        Add(DateUnit.Hour, "hour", "hours", "hr", "hrs", "h");
        Add(DateUnit.Day, "day", "days", "d");
        Add(DateUnit.Week, "week", "weeks", "w");
        Add(DateUnit.Month, "month", "months", "mon", "mons");
        Add(DateUnit.Quarter, "quarter", "quarters", "qtr", "qtrs");
        Add(DateUnit.Year, "year", "years", "yr", "yrs", "y");
        Add(DateUnit.Decade, "decade", "decades", "dec", "decs");
        Add(DateUnit.Century, "century", "centuries", "c", "cent", "cents");
        Add(DateUnit.Millennium, "millennium", "millennia", "millenniums", "mil", "mils");
        Add(DateUnit.DayOfWeek, "dow", "dayofweek", "dw", "weekday");
        Add(DateUnit.IsoDayOfWeek, "isodow");
        Add(DateUnit.DayOfYear, "doy", "dayofyear", "dy", "yearday");
        Add(DateUnit.Epoch, "epoch");
        Add(DateUnit.IsoYear, "isoyear");
        Add(DateUnit.Julian, "julian", "j");
        Add(DateUnit.Timezone, "timezone");
        Add(DateUnit.TimezoneHour, "timezone_hour", "timezone_h");
        Add(DateUnit.TimezoneMinute, "timezone_minute", "timezone_m");
        return names.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The unit a word names; unknown words are PostgreSQL's "not recognized" error for the value's type.</summary>
    public static DateUnit Parse(string word, SqlType valueType)
    {
        if (Names.TryGetValue(word.Trim().ToLowerInvariant(), out var unit))
        {
            return unit;
        }

        throw NotRecognized(word, valueType);
    }

    public static FederationException NotRecognized(string word, SqlType valueType) =>
        new(ErrorCode.InvalidArgument, $"unit \"{word}\" not recognized for type {valueType}");

    public static FederationException NotSupported(string word, SqlType valueType) =>
        new(ErrorCode.InvalidArgument, $"unit \"{word}\" not supported for type {valueType}");
}
