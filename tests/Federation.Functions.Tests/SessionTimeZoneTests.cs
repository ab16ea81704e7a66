using Federation.Common;
using Federation.Common.Types;

namespace Federation.Functions.Tests;

/// <summary>
/// Session time zones as PostgreSQL 15 reads and resolves them (its answers, from a PostgreSQL 15 server, are the
/// expected values): setting spellings and their signs, wall clocks skipped or repeated by DST, offsets as printed.
/// </summary>
public sealed class SessionTimeZoneTests
{
    private static long Utc(string text) => (long)ValueParser.Parse(text, SqlType.TimestampTz);

    private static long Local(string text) => (long)ValueParser.Parse(text, SqlType.Timestamp);

    private static string Show(long utcMicros, SessionTimeZone zone) => DateTimeMath.FormatTimestampTz(utcMicros, zone);

    [Theory]
    [InlineData("Europe/Paris", "Europe/Paris", 7200)]
    [InlineData("europe/PARIS", "Europe/Paris", 7200)]
    [InlineData("America/New_York", "America/New_York", -4 * 3600)]
    [InlineData("UTC", "UTC", 0)]
    [InlineData("2", "<+02>-02", 7200)]
    [InlineData("-3.5", "<-03:30>+03:30", -12600)]
    [InlineData("+02", "<+02>-02", 7200)]
    [InlineData("+02:00", "+02:00", -7200)]
    [InlineData("UTC+2", "UTC+2", -7200)]
    [InlineData("<+05>-05", "<+05>-05", 5 * 3600)]
    [InlineData("interval '+02:00' hour to minute", "<+02>-02", 7200)]
    [InlineData("interval '-08:00'", "<-08>+08", -8 * 3600)]
    public void Settings_are_read_with_PostgreSQLs_names_and_signs(string setting, string shown, int offsetInJuly)
    {
        var zone = SessionTimeZone.ParseSetting(setting);

        Assert.Equal(shown, zone.Name);
        Assert.Equal(offsetInJuly, zone.OffsetSecondsAt(Utc("2024-07-01 12:00+00")));
        // The name alone gives the same zone back (it is what fragments carry to workers).
        Assert.Equal(offsetInJuly, SessionTimeZone.ParseSetting(zone.Name).OffsetSecondsAt(Utc("2024-07-01 12:00+00")));
    }

    [Theory]
    [InlineData("Mars/Olympus")]
    [InlineData("Z")]
    [InlineData("CEST")]
    [InlineData("../../etc/passwd")]
    [InlineData("")]
    [InlineData("interval '1 day'")]
    public void Unknown_settings_are_refused_as_PostgreSQL_refuses_them(string setting)
    {
        var error = Assert.Throws<FederationException>(() => SessionTimeZone.ParseSetting(setting));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Matches("\"TimeZone\"|time zone", error.Message);
    }

    [Theory]
    // Spring forward: a skipped wall clock is read with the offset before the change.
    [InlineData("Europe/Paris", "2024-03-31 02:30", "2024-03-31 03:30:00+02")]
    [InlineData("America/New_York", "2024-03-10 02:30", "2024-03-10 03:30:00-04")]
    // Fall back: a repeated wall clock is the later instant (standard time).
    [InlineData("Europe/Paris", "2024-10-27 02:30", "2024-10-27 02:30:00+01")]
    [InlineData("America/New_York", "2024-11-03 01:30", "2024-11-03 01:30:00-05")]
    // Just outside the changes.
    [InlineData("Europe/Paris", "2024-03-31 01:59:59", "2024-03-31 01:59:59+01")]
    [InlineData("Europe/Paris", "2024-03-31 03:00", "2024-03-31 03:00:00+02")]
    [InlineData("Europe/Paris", "2024-10-27 01:59:59", "2024-10-27 01:59:59+02")]
    [InlineData("Europe/Paris", "2024-10-27 03:00", "2024-10-27 03:00:00+01")]
    [InlineData("Australia/Lord_Howe", "2024-01-01 12:00", "2024-01-01 12:00:00+11")]
    [InlineData("Asia/Kathmandu", "2024-07-01 12:00", "2024-07-01 12:00:00+05:45")]
    public void Wall_clocks_resolve_to_the_instants_PostgreSQL_picks(string zoneName, string local, string shown)
    {
        var zone = SessionTimeZone.ParseSetting(zoneName);

        Assert.Equal(shown, Show(zone.ToUtc(Local(local)), zone));
    }

    [Fact]
    public void Offsets_agree_with_the_tz_database_hour_by_hour_through_a_year_and_from_many_threads()
    {
        var zone = SessionTimeZone.ParseSetting("Europe/London");
        var info = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var start = Utc("2024-01-01 00:00+00");
        var hours = 366 * 24 * 4;
        var mismatches = 0;
        Parallel.For(0, hours, i =>
        {
            // Quarter hours, in an order that makes threads fill and read the same cache slots.
            var micros = start + ((i * 7919L % hours) * 15 * Interval.MicrosPerMinute);
            var expected = (int)info.GetUtcOffset(DateTime.UnixEpoch.AddTicks(micros * 10)).TotalSeconds;
            if (zone.OffsetSecondsAt(micros) != expected)
            {
                Interlocked.Increment(ref mismatches);
            }
        });

        Assert.Equal(0, mismatches);
        Assert.Equal(0, zone.OffsetSecondsAt(Utc("2024-03-31 00:59:59+00")));
        Assert.Equal(3600, zone.OffsetSecondsAt(Utc("2024-03-31 01:00:00+00")));
    }

    [Theory]
    [InlineData("Asia/Kolkata", "2024-01-01 17:30:00+05:30")]
    [InlineData("-3.5", "2024-01-01 08:30:00-03:30")]
    [InlineData("UTC", "2024-01-01 12:00:00+00")]
    [InlineData("America/Sao_Paulo", "2024-01-01 09:00:00-03")]
    public void Timestamptz_text_shows_the_wall_clock_and_its_offset(string zoneName, string shown)
    {
        Assert.Equal(shown, Show(Utc("2024-01-01 12:00+00"), SessionTimeZone.ParseSetting(zoneName)));
    }

    [Fact]
    public void Text_without_an_offset_is_read_in_the_session_zone_and_an_offset_or_zone_name_wins()
    {
        var paris = SessionTimeZone.ParseSetting("Europe/Paris");

        Assert.Equal(Utc("2024-07-01 10:00+00"), (long)ValueParser.Parse("2024-07-01 12:00", SqlType.TimestampTz, paris));
        Assert.Equal(Utc("2024-07-01 12:00+00"), (long)ValueParser.Parse("2024-07-01 12:00+00", SqlType.TimestampTz, paris));
        Assert.Equal(Utc("2024-07-01 16:00+00"), (long)ValueParser.Parse("2024-07-01 12:00 America/New_York", SqlType.TimestampTz, paris));
        Assert.Equal(Local("2024-07-01 12:00"), (long)ValueParser.Parse("2024-07-01 12:00 America/New_York", SqlType.Timestamp, paris));
        var error = Assert.Throws<FederationException>(() => ValueParser.Parse("2024-07-01 12:00 Mars/Olympus", SqlType.TimestampTz, paris));
        Assert.Equal("time zone \"mars/olympus\" not recognized", error.Message);
    }

    [Fact]
    public void Zone_names_for_AT_TIME_ZONE_include_fixed_abbreviations_and_POSIX_specs()
    {
        var july = Utc("2024-07-01 12:00+00");

        Assert.Equal(-5 * 3600, SessionTimeZone.FindOrThrow("EST").OffsetSecondsAt(july));
        Assert.Equal(2 * 3600, SessionTimeZone.FindOrThrow("cest").OffsetSecondsAt(july));
        Assert.Equal(-2 * 3600, SessionTimeZone.FindOrThrow("+02").OffsetSecondsAt(july));
        Assert.Equal(3 * 3600, SessionTimeZone.FindOrThrow("UTC-3").OffsetSecondsAt(july));
        Assert.Equal(-4 * 3600, SessionTimeZone.FindOrThrow("america/new_york").OffsetSecondsAt(july));
        Assert.Equal("time zone \"Nowhere\" not recognized", Assert.Throws<FederationException>(() => SessionTimeZone.FindOrThrow("Nowhere")).Message);
    }
}
