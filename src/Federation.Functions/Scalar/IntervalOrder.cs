using Apache.Arrow.Scalars;
using Federation.Common.Types;

namespace Federation.Functions.Scalar;

/// <summary>PostgreSQL's interval order: a month counts as 30 days, a day as 24 hours.</summary>
internal readonly struct IntervalOrder : IValueOrder<MonthDayNanosecondInterval>
{
    public static int Compare(MonthDayNanosecondInterval left, MonthDayNanosecondInterval right) =>
        Key(left).CompareTo(Key(right));

    private static Int128 Key(MonthDayNanosecondInterval value) =>
        ((((Int128)value.Months * 30) + value.Days) * Interval.MicrosPerDay * 1000) + value.Nanoseconds;
}
