using Federation.Common;
using Federation.Common.Types;
using static Federation.Functions.Tests.ArrowValues;
using static Federation.Functions.Tests.FunctionCall;

namespace Federation.Functions.Tests;

/// <summary>Date/time functions: PostgreSQL 15's results (TimeZone = UTC), Redshift's for DATEADD, DATEDIFF and friends.</summary>
public sealed class DateTimeFunctionTests
{
    private static ScalarValue S(string text) => ScalarValue.String(text);

    private static ScalarValue I32(int value) => ScalarValue.Int32(value);

    private static FederationException Fails(string name, params object[] arguments) =>
        Assert.Throws<FederationException>(() => Texts(name, arguments));

    [Fact]
    public void Date_trunc_fields()
    {
        var ts = Timestamp("2024-03-15 13:45:30.5");
        Assert.Equal("2024-03-01 00:00:00", Text("date_trunc", S("month"), ts));
        Assert.Equal("2024-03-11 00:00:00", Text("date_trunc", S("week"), Timestamp("2024-03-17 10:00:00")));
        Assert.Equal("2024-07-01 00:00:00", Text("date_trunc", S("quarter"), Timestamp("2024-08-15 00:00:00")));
        Assert.Equal("2020-01-01 00:00:00", Text("date_trunc", S("decade"), Timestamp("2024-08-15 00:00:00")));
        Assert.Equal("1901-01-01 00:00:00", Text("date_trunc", S("century"), Timestamp("2000-05-05 00:00:00")));
        Assert.Equal("2001-01-01 00:00:00", Text("date_trunc", S("millennium"), Timestamp("2024-01-01 00:00:00")));
        Assert.Equal("2024-01-01 00:00:00.123", Text("date_trunc", S("milliseconds"), Timestamp("2024-01-01 00:00:00.123456")));
        Assert.Equal("2024-01-01 10:00:00+00", Text("date_trunc", S("HOUR"), TimestampTz("2024-01-01 10:30:00")));
        Assert.Equal(SqlType.TimestampTz, ReturnType("date_trunc", SqlType.String, SqlType.TimestampTz));
    }

    [Fact]
    public void Date_trunc_of_dates_gives_timestamps_and_handles_arrays()
    {
        Assert.Equal(SqlType.Timestamp, ReturnType("date_trunc", SqlType.String, SqlType.Date));
        var dates = Slice(Dates("1999-12-31", "2024-02-29", null, "1969-07-20"), 1, 3);
        AssertRows(Texts("date_trunc", S("month"), dates), "2024-02-01 00:00:00", null, "1969-07-01 00:00:00");
        AssertRows(Texts("date_trunc", Strings("year", "day", "month"), Timestamps("2024-05-05 05:05:05", null, "1960-03-03 03:03:03")),
            "2024-01-01 00:00:00", null, "1960-03-01 00:00:00");
    }

    [Fact]
    public void Date_trunc_before_christ()
    {
        Assert.Equal("0100-01-01 00:00:00 BC", Text("date_trunc", S("century"), ScalarValue.Timestamp(DateTimeMath.TimestampOfDate(DateTimeMath.DaysFromCivil(0, 6, 1)))));
        Assert.Equal("0011-01-01 00:00:00 BC", Text("date_trunc", S("decade"), ScalarValue.Timestamp(DateTimeMath.TimestampOfDate(DateTimeMath.DaysFromCivil(-4, 6, 1)))));
    }

    [Fact]
    public void Date_trunc_errors()
    {
        var unknown = Fails("date_trunc", S("xyz"), Timestamp("2024-01-01 00:00:00"));
        Assert.Equal("unit \"xyz\" not recognized for type timestamp without time zone", unknown.Message);
        Assert.Equal(ErrorCode.InvalidArgument, unknown.Code);
        Assert.Equal("unit \"dow\" not recognized for type timestamp without time zone", Fails("date_trunc", S("dow"), Timestamp("2024-01-01 00:00:00")).Message);
    }

    [Fact]
    public void Date_part_fields()
    {
        var ts = Timestamp("2024-03-15 13:45:30.5");
        Assert.Equal("2024", Text("date_part", S("year"), ts));
        Assert.Equal("30.5", Text("date_part", S("second"), ts));
        Assert.Equal("30500", Text("date_part", S("milliseconds"), ts));
        Assert.Equal("30500000", Text("date_part", S("microseconds"), ts));
        Assert.Equal("1710510330.5", Text("date_part", S("epoch"), ts));
        Assert.Equal("13", Text("date_part", S("hr"), ts));
        Assert.Equal("45", Text("date_part", S("m"), ts));
        Assert.Equal("3", Text("date_part", S("mon"), ts));
        Assert.Equal("1", Text("date_part", S("qtr"), ts));
        Assert.Equal("0", Text("date_part", S("dow"), Date("2024-03-17")));
        Assert.Equal("0", Text("date_part", S("dw"), Date("2024-03-17")));
        Assert.Equal("7", Text("date_part", S("isodow"), Date("2024-03-17")));
        Assert.Equal("75", Text("date_part", S("doy"), Date("2024-03-15")));
        Assert.Equal("1", Text("date_part", S("week"), Date("2024-12-30")));
        Assert.Equal("2025", Text("date_part", S("isoyear"), Date("2024-12-30")));
        Assert.Equal("20", Text("date_part", S("century"), Date("2000-01-01")));
        Assert.Equal("3", Text("date_part", S("millennium"), Date("2001-01-01")));
        Assert.Equal("202", Text("date_part", S("decade"), Date("2024-01-01")));
        Assert.Equal("2460385", Text("date_part", S("julian"), Date("2024-03-15")));
        Assert.Equal("0", Text("date_part", S("timezone"), TimestampTz("2024-01-01 00:00:00")));
        Assert.Equal(SqlType.Float64, ReturnType("date_part", SqlType.String, SqlType.Date));
        var bc = ScalarValue.Date(DateTimeMath.DaysFromCivil(0, 6, 1));
        Assert.Equal("-1", Text("date_part", S("year"), bc));
        Assert.Equal("-1", Text("date_part", S("century"), bc));
    }

    [Fact]
    public void Date_part_of_intervals_and_arrays()
    {
        var interval = IntervalOf(14, 3, (4 * 3600_000_000L) + (5 * 60_000_000L) + 6_500_000L);
        Assert.Equal("37015506.5", Text("date_part", S("epoch"), IntervalOf(14, 3, (4 * 3600_000_000L) + (5 * 60_000_000L) + 6_500_000L)));
        Assert.Equal("2", Text("date_part", S("month"), interval));
        Assert.Equal("1", Text("date_part", S("year"), interval));
        Assert.Equal("25", Text("date_part", S("hour"), IntervalOf(0, 1, 25 * 3600_000_000L + 30 * 60_000_000L)));
        Assert.Equal("-30", Text("date_part", S("minute"), IntervalOf(0, 0, -90 * 60_000_000L)));
        AssertRows(Texts("date_part", S("day"), Slice(Timestamps("2024-01-01 00:00:00", "2024-02-29 23:59:59", null), 1, 2)), "29", null);
    }

    [Fact]
    public void Date_part_errors()
    {
        Assert.Equal("unit \"xyz\" not recognized for type timestamp without time zone", Fails("date_part", S("xyz"), Timestamp("2024-01-01 00:00:00")).Message);
        Assert.Equal("unit \"timezone\" not supported for type timestamp without time zone", Fails("date_part", S("timezone"), Timestamp("2024-01-01 00:00:00")).Message);
    }

    [Fact]
    public void Dateadd_redshift()
    {
        Assert.Equal("2008-02-29 00:00:00", Text("dateadd", S("month"), I32(1), Date("2008-01-31")));
        Assert.Equal("2008-03-29 00:00:00", Text("dateadd", S("month"), I32(1), Date("2008-02-29")));
        Assert.Equal("2024-03-15 15:45:30", Text("dateadd", S("h"), I32(2), Timestamp("2024-03-15 13:45:30")));
        Assert.Equal("2023-03-15 13:45:30", Text("dateadd", S("yr"), I32(-1), Timestamp("2024-03-15 13:45:30")));
        Assert.Equal("2024-03-29 00:00:00", Text("dateadd", S("week"), I32(2), Date("2024-03-15")));
        Assert.Equal(SqlType.Timestamp, ReturnType("dateadd", SqlType.String, SqlType.Int32, SqlType.Date));
        AssertRows(Texts("dateadd", S("day"), Int32s(1, null, -1), Dates("2024-02-28", "2024-01-01", "2024-03-01")),
            "2024-02-29 00:00:00", null, "2024-02-29 00:00:00");
        Assert.Equal("timestamp out of range", Fails("dateadd", S("year"), ScalarValue.Int64(long.MaxValue / 2), Date("2024-01-01")).Message);
    }

    [Fact]
    public void Datediff_counts_boundaries()
    {
        Assert.Equal("1", Text("datediff", S("year"), Date("2008-12-31"), Date("2009-01-01")));
        Assert.Equal("52", Text("datediff", S("week"), Date("2009-01-01"), Date("2009-12-31")));
        Assert.Equal("53", Text("datediff", S("hour"), Date("2023-01-01"), Timestamp("2023-01-03 05:04:03")));
        Assert.Equal("2", Text("datediff", S("hour"), Timestamp("2009-01-01 08:30:00"), Timestamp("2009-01-01 10:00:00")));
        Assert.Equal("-1", Text("datediff", S("month"), Date("2024-03-01"), Date("2024-02-29")));
        Assert.Equal("1", Text("datediff", S("qtr"), Date("2024-03-31"), Date("2024-04-01")));
        Assert.Equal(SqlType.Int64, ReturnType("datediff", SqlType.String, SqlType.Date, SqlType.Timestamp));
        AssertRows(Texts("datediff", S("day"), Dates("2024-01-01", null), Dates("2024-03-01", "2024-01-01")), "60", null);
    }

    [Fact]
    public void Add_months_last_day_months_between()
    {
        Assert.Equal("2008-03-31 00:00:00", Text("add_months", Date("2008-02-29"), I32(1)));
        Assert.Equal("2024-02-29 00:00:00", Text("add_months", Date("2024-01-30"), I32(1)));
        Assert.Equal("2023-12-15 10:00:00", Text("add_months", Timestamp("2024-03-15 10:00:00"), I32(-3)));
        Assert.Equal("2024-02-29", Text("last_day", Date("2024-02-10")));
        Assert.Equal("2023-02-28", Text("last_day", Timestamp("2023-02-10 23:00:00")));
        Assert.Equal("-2", Text("months_between", Date("1969-01-18"), Date("1969-03-18")));
        Assert.Equal("1", Text("months_between", Date("2024-03-31"), Date("2024-02-29")));
        Assert.Equal(ArrowValues.Format(1 + (1 / 31.0)), Text("months_between", Date("2024-03-16"), Date("2024-02-15")));
    }

    [Fact]
    public void Current_date_and_time_use_the_statement_clock()
    {
        Assert.Equal("2024-03-15", Text("current_date"));
        Assert.Equal("2024-03-15 13:45:30.123456+00", Text("now"));
        Assert.Equal("2024-03-15 13:45:30.123456+00", Text("current_timestamp"));
        Assert.Equal("2024-03-15 13:45:30", Text("getdate"));
        Assert.Equal("2024-03-15 13:45:30.123456", Text("sysdate"));
        Assert.Equal(SqlType.Timestamp, ReturnType("localtimestamp"));
        Assert.Equal(Volatility.Stable, FunctionRegistry.Default.FindScalar("getdate")!.Volatility);
    }

    [Fact]
    public void To_char_timestamps()
    {
        var ts = Timestamp("2024-03-05 14:07:09.123456");
        Assert.Equal("2024-03-05 14:07:09.123 123456 | 02 02 pm PM p.m. | March    |Mar|MARCH    |march    |TUESDAY  |Tuesday  |Tue|tue|3|065|1|10|10|1|2460375|21",
            Text("to_char", ts, S("YYYY-MM-DD HH24:MI:SS.MS US | HH HH12 am AM p.m. | Month|Mon|MONTH|month|DAY|Day|Dy|dy|D|DDD|Q|WW|IW|W|J|CC")));
        Assert.Equal("March 5 12 | Quoted YYYY | 2,024 024 24 4 | 2024 24 | 05th 05TH 5th | III  iii  |  | +00 | 429",
            Text("to_char", Timestamp("2024-03-05 00:07:09"), S("FMMonth FMDD FMHH12 | \"Quoted YYYY\" | Y,YYY YYY YY Y | IYYY IY | DDth DDTH FMDDth | RM rm | TZ | OF | SSSS")));
        Assert.Equal("UTC utc +00 +00:00", Text("to_char", TimestampTz("2024-03-05 00:07:09"), S("TZ tz OF TZH:TZM")));
        Assert.Equal("2024 2025 01 53", Text("to_char", Date("2024-12-30"), S("YYYY IYYY IW WW")));
        AssertRows(Texts("to_char", Slice(Dates("2000-01-01", "2024-01-31", null), 1, 2), S("DD/MM/YYYY")), "31/01/2024", null);
    }

    [Fact]
    public void To_char_numbers()
    {
        Assert.Equal(" 123", Text("to_char", I32(123), S("999")));
        Assert.Equal("-123", Text("to_char", I32(-123), S("999")));
        Assert.Equal(" ###", Text("to_char", I32(1234), S("999")));
        Assert.Equal(" 12.5", Text("to_char", Decimal("12.5", 3, 1), S("99.9")));
        Assert.Equal("  .50", Text("to_char", Decimal("0.5", 2, 1), S("9.99")));
        Assert.Equal(" 0.50", Text("to_char", Decimal("0.5", 2, 1), S("0.99")));
        Assert.Equal("12.5", Text("to_char", Decimal("12.5", 3, 1), S("FM999.99")));
        Assert.Equal("12.50", Text("to_char", Decimal("12.5", 3, 1), S("FM999.90")));
        Assert.Equal("-.5", Text("to_char", Decimal("-0.5", 2, 1), S("FM9.99")));
        Assert.Equal(" 1,234.50", Text("to_char", Decimal("1234.5", 5, 1), S("9,999.99")));
        Assert.Equal("-1,234.50", Text("to_char", Decimal("-1234.5", 5, 1), S("9,999.99")));
        Assert.Equal("  +5", Text("to_char", I32(5), S("S999")));
        Assert.Equal("  5-", Text("to_char", I32(-5), S("999MI")));
        Assert.Equal("-  5", Text("to_char", I32(-5), S("MI999")));
        Assert.Equal("  <5>", Text("to_char", I32(-5), S("999PR")));
        Assert.Equal(" 123.46", Text("to_char", Decimal("123.456", 6, 3), S("999D99")));
        Assert.Equal(" 1,234", Text("to_char", I32(1234), S("9G999")));
        Assert.Equal("   0", Text("to_char", I32(0), S("999")));
        Assert.Equal("0", Text("to_char", I32(0), S("FM999")));
        Assert.Equal("  .1", Text("to_char", Decimal("0.1", 2, 1), S("9.9")));
        Assert.Equal(" 0012", Text("to_char", I32(12), S("0999")));
        Assert.Equal("   12", Text("to_char", I32(12), S("9909")));
        Assert.Equal(" 2", Text("to_char", ScalarValue.Float64(1.5), S("9")));
        Assert.Equal(" 2", Text("to_char", ScalarValue.Float64(2.5), S("9")));
        Assert.Equal(" 485th", Text("to_char", I32(485), S("999th")));
        Assert.Equal("0012", Text("to_char", I32(12), S("FM0000")));
        Assert.Equal("-012.30", Text("to_char", Decimal("-12.3", 3, 1), S("000.00")));
        Assert.Equal("12.3", Text("to_char", Decimal("12.3", 3, 1), S("FM990.999")));
        Assert.Equal("    .00", Text("to_char", I32(0), S("999.99")));
        Assert.Equal("0.", Text("to_char", I32(0), S("FM999.99")));
        Assert.Equal("5", Text("to_char", I32(5), S("FM999MI")));
        Assert.Equal("5-", Text("to_char", I32(-5), S("FM999MI")));
        Assert.Equal(" #,###", Text("to_char", I32(1234567), S("9,999")));
        Assert.Equal("-###", Text("to_char", I32(-1234), S("999")));
        Assert.Equal(" 2.00", Text("to_char", Decimal("1.999", 4, 3), S("9.99")));
        Assert.Equal("  .00", Text("to_char", Decimal("-0.001", 4, 3), S("9.99")));
        Assert.Equal(" ##", Text("to_char", Decimal("99.5", 3, 1), S("99")));
        Assert.Equal(" ##.#", Text("to_char", I32(123), S("99.9")));
        Assert.Equal("   5 ", Text("to_char", I32(5), S("999PR")));
        Assert.Equal("  -5", Text("to_char", I32(-5), S("999")));
        Assert.Equal("  .12", Text("to_char", ScalarValue.Float64(0.125), S("9.99")));
        Assert.Equal("  5+", Text("to_char", I32(5), S("999S")));
        Assert.Equal("-5", Text("to_char", I32(-5), S("FMS999")));
        Assert.Equal(" 123456789012345678901234567890.12", Text("to_char", Decimal("123456789012345678901234567890.12", 32, 2), S("999999999999999999999999999999.99")));
        Assert.Equal("Total:    5", Text("to_char", I32(5), S("\"Total: \"999")));
        Assert.Equal("-7", Text("to_char", I32(-7), S("SG9")));
        Assert.Equal("+7", Text("to_char", I32(7), S("SG9")));
    }

    [Fact]
    public void To_date_and_to_timestamp()
    {
        Assert.Equal("2024-01-15", Text("to_date", S("2024-01-15 extra"), S("YYYY-MM-DD")));
        Assert.Equal("2024-01-15", Text("to_date", S("20240115"), S("YYYYMMDD")));
        Assert.Equal("2024-01-05", Text("to_date", S("24-1-5"), S("YY-MM-DD")));
        Assert.Equal("2024-01-05", Text("to_date", S("5 Jan 2024"), S("DD Mon YYYY")));
        Assert.Equal("2024-01-05", Text("to_date", S("January 5, 2024"), S("Month DD, YYYY")));
        Assert.Equal("2024-01-15", Text("to_date", S("2024/01/15"), S("YYYY-MM-DD")));
        Assert.Equal("2024-01-15", Text("to_date", S("2024  01 15"), S("YYYY MM DD")));
        Assert.Equal("2024-02-29", Text("to_date", S("2024-060"), S("YYYY-DDD")));
        Assert.Equal("0001-01-01 BC", Text("to_date", S(string.Empty), S("YYYY")));
        Assert.Equal("2024-01-15 13:02:03.5+00", Text("to_timestamp", S("2024-01-15 01:02:03.5 PM"), S("YYYY-MM-DD HH:MI:SS.MS AM")));
        Assert.Equal("0001-01-01 10:30:00+00 BC", Text("to_timestamp", S("10:30"), S("HH24:MI")));
        Assert.Equal("2024-01-15 07:00:00+00", Text("to_timestamp", S("2024-01-15 12:00 +05"), S("YYYY-MM-DD HH24:MI TZH")));
        Assert.Equal("2023-11-14 22:13:20.5+00", Text("to_timestamp", ScalarValue.Float64(1700000000.5)));
        AssertRows(Texts("to_date", Strings("2024-01-15", null, "1999-12-31"), S("YYYY-MM-DD")), "2024-01-15", null, "1999-12-31");
    }

    [Fact]
    public void To_date_errors_match_postgresql()
    {
        var range = Fails("to_date", S("2024-02-30"), S("YYYY-MM-DD"));
        Assert.Equal("date/time field value out of range: \"2024-02-30\"", range.Message);
        Assert.Equal(ErrorCode.InvalidDatetime, range.Code);
        Assert.Equal("date/time field value out of range: \"2024-13-01\"", Fails("to_date", S("2024-13-01"), S("YYYY-MM-DD")).Message);
        Assert.Equal("invalid value \"abc\" for \"YYYY\"", Fails("to_date", S("abc"), S("YYYY-MM-DD")).Message);
        Assert.Equal("invalid value \"Ja\" for \"MM\"", Fails("to_date", S("2024-Jan-15"), S("YYYY-MM-DD")).Message);
        Assert.Equal("date/time field value out of range: \"24:00\"", Fails("to_timestamp", S("24:00"), S("HH24:MI")).Message);
    }
}
