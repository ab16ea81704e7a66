using Federation.Common.Arrow;
using Federation.Common.Types;
using static Federation.Functions.Tests.ArrowValues;
using static Federation.Functions.Tests.FunctionCall;

namespace Federation.Functions.Tests;

/// <summary>
/// Functions that read the session time zone, called with one (PostgreSQL 15's answers, session TimeZone =
/// Europe/Paris): AT TIME ZONE's timezone(), date_trunc, date_part and to_char of timestamptz, Redshift's
/// CONVERT_TIMEZONE; timestamptz values are shown in the session zone.
/// </summary>
public sealed class TimeZoneFunctionTests
{
    private static readonly SessionTimeZone Paris = SessionTimeZone.ParseSetting("Europe/Paris");

    private static ScalarValue S(string text) => ScalarValue.String(text);

    private static string?[] In(string name, params object[] arguments)
    {
        var (value, type, rows) = RunIn(Paris, name, arguments);
        var result = new string?[rows];
        for (var i = 0; i < rows; i++)
        {
            var scalar = value.IsScalar ? value.Scalar! : ArrayFactory.GetScalar(value.Array!, i, type);
            result[i] = scalar.IsNull ? null : ValueFormatter.Format(type, scalar.Value!, Paris);
        }

        return result;
    }

    [Fact]
    public void Timezone_turns_wall_clocks_into_instants_and_back_per_row()
    {
        AssertRows(In("timezone", Strings("America/New_York", "Asia/Tokyo", null, "UTC"), Timestamps("2024-07-01 12:00:00", "2024-07-01 12:00:00", "2024-07-01 12:00:00", null)),
            "2024-07-01 18:00:00+02", "2024-07-01 05:00:00+02", null, null);
        AssertRows(In("timezone", S("America/New_York"), TimestampTzs("2024-03-10 06:30:00+00", "2024-03-10 07:30:00+00")),
            "2024-03-10 01:30:00", "2024-03-10 03:30:00");
        Assert.Equal(SqlType.Timestamp, ReturnType("timezone", SqlType.Interval, SqlType.TimestampTz));
        Assert.Equal(SqlType.TimestampTz, ReturnType("timezone", SqlType.String, SqlType.Timestamp));
    }

    [Fact]
    public void Date_trunc_of_timestamptz_starts_days_at_local_midnight()
    {
        AssertRows(In("date_trunc", S("day"), TimestampTzs("2024-03-31 12:00:00+02", "2024-03-30 23:30:00+00")), "2024-03-31 00:00:00+01", "2024-03-31 00:00:00+01");
        AssertRows(In("date_trunc", S("hour"), TimestampTzs("2024-10-27 02:30:00+02", "2024-10-27 02:30:00+01")), "2024-10-27 02:00:00+02", "2024-10-27 02:00:00+01");
        AssertRows(In("date_trunc", S("day"), TimestampTzs("2024-07-01 02:00:00+00"), S("America/New_York")), "2024-06-30 06:00:00+02");
    }

    [Fact]
    public void Date_part_and_to_char_read_the_local_wall_clock_and_offset()
    {
        AssertRows(In("date_part", S("hour"), TimestampTzs("2024-07-01 12:00:00+00", "2024-01-01 12:00:00+00")), "14", "13");
        AssertRows(In("date_part", S("timezone"), TimestampTzs("2024-07-01 12:00:00+00", "2024-01-01 12:00:00+00")), "7200", "3600");
        AssertRows(In("date_part", S("epoch"), TimestampTzs("2024-07-01 12:00:00+00")), "1719835200");
        AssertRows(In("to_char", TimestampTzs("2024-07-01 12:00:00+00", "2024-01-01 12:00:00+00"), S("YYYY-MM-DD HH24:MI TZ OF")),
            "2024-07-01 14:00 CEST +02", "2024-01-01 13:00 CET +01");
    }

    [Fact]
    public void Convert_timezone_defaults_its_source_to_UTC_and_keeps_timestamptz_instants()
    {
        AssertRows(In("convert_timezone", S("America/New_York"), Timestamps("2024-07-01 12:00:00", null)), "2024-07-01 08:00:00", null);
        AssertRows(In("convert_timezone", S("America/New_York"), S("UTC"), Timestamps("2024-03-10 01:30:00", "2024-03-10 03:30:00")),
            "2024-03-10 06:30:00", "2024-03-10 07:30:00");
        AssertRows(In("convert_timezone", S("America/New_York"), S("Asia/Tokyo"), TimestampTzs("2024-07-01 12:00:00+00")), "2024-07-01 21:00:00");
        Assert.Equal(SqlType.Timestamp, ReturnType("convert_timezone", SqlType.String, SqlType.String, SqlType.Timestamp));
    }

    [Fact]
    public void An_unknown_zone_is_an_error_naming_it()
    {
        var error = Assert.Throws<Federation.Common.FederationException>(() => In("convert_timezone", S("Mars/Olympus"), Timestamps("2024-07-01 12:00:00")));
        Assert.Equal("time zone \"Mars/Olympus\" not recognized", error.Message);
    }
}
