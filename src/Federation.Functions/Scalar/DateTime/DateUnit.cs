namespace Federation.Functions.Scalar.DateTime;

/// <summary>A date/time field or unit named by DATE_TRUNC, DATE_PART/EXTRACT, DATEADD and DATEDIFF.</summary>
internal enum DateUnit
{
    Microsecond,
    Millisecond,
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
    Millennium,
    DayOfWeek,
    IsoDayOfWeek,
    DayOfYear,
    Epoch,
    IsoYear,
    Julian,
    Timezone,
    TimezoneHour,
    TimezoneMinute,
}
