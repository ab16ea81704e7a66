using Apache.Arrow.Scalars;
using Federation.Common.Types;

namespace Federation.Common.Arrow;

/// <summary>Converts between Federation's microsecond intervals and Arrow's month-day-nanosecond layout.</summary>
public static class IntervalCodec
{
    public static MonthDayNanosecondInterval ToArrow(Interval value) => new(value.Months, value.Days, value.Micros * 1000);

    public static Interval FromArrow(MonthDayNanosecondInterval value) => new(value.Months, value.Days, value.Nanoseconds / 1000);
}
