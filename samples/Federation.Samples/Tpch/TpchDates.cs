namespace Federation.Samples.Tpch;

/// <summary>
/// The specification's date constants (4.2.2.12) as Arrow Date32 values (days since 1970-01-01),
/// and the month index used for the Hive partition folders.
/// </summary>
internal static class TpchDates
{
    public const int FirstYear = 1992;

    /// <summary>Months from 1992-01 to 1998-12: every ship, commit and receipt date falls in one.</summary>
    public const int MonthCount = 7 * 12;

    public static readonly int StartDate = ToDate32(new DateOnly(1992, 1, 1));
    public static readonly int EndDate = ToDate32(new DateOnly(1998, 12, 31));
    public static readonly int CurrentDate = ToDate32(new DateOnly(1995, 6, 17));

    /// <summary>ENDDATE - 151 days, so that an order's last receipt date (121 + 30 days later) still falls before ENDDATE.</summary>
    public static readonly int LastOrderDate = EndDate - 151;

    private static readonly byte[] MonthOfDay = BuildMonthOfDay();

    public static int ToDate32(DateOnly date) => date.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    public static DateOnly FromDate32(int days) => DateOnly.FromDateTime(DateTime.UnixEpoch).AddDays(days);

    /// <summary>Month index (0 = 1992-01) of a date between STARTDATE and ENDDATE.</summary>
    public static int MonthIndex(int date32) => MonthOfDay[date32 - StartDate];

    /// <summary>The Hive partition value of a month, "YYYY-MM".</summary>
    public static string MonthLabel(int monthIndex)
    {
        int year = FirstYear + monthIndex / 12;
        int month = monthIndex % 12 + 1;
        return string.Create(7, (year, month), static (span, ym) =>
        {
            ym.year.TryFormat(span, out _, "D4", System.Globalization.CultureInfo.InvariantCulture);
            span[4] = '-';
            ym.month.TryFormat(span[5..], out _, "D2", System.Globalization.CultureInfo.InvariantCulture);
        });
    }

    private static byte[] BuildMonthOfDay()
    {
        var table = new byte[EndDate - StartDate + 1];
        for (int day = 0; day < table.Length; day++)
        {
            var date = FromDate32(StartDate + day);
            table[day] = (byte)((date.Year - FirstYear) * 12 + date.Month - 1);
        }
        return table;
    }
}
