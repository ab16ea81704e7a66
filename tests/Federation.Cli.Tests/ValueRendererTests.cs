using System.Numerics;
using Apache.Arrow;
using Apache.Arrow.Scalars;
using Apache.Arrow.Types;
using Federation.Cli.Shell;

namespace Federation.Cli.Tests;

/// <summary>Arrow values of every type a server may send, rendered by type alone.</summary>
public sealed class ValueRendererTests
{
    [Fact]
    public void Integers_and_booleans()
    {
        Assert.Equal("-128", Render(new Int8Array.Builder().Append(-128).Build()));
        Assert.Equal("-9223372036854775808", Render(new Int64Array.Builder().Append(long.MinValue).Build()));
        Assert.Equal("18446744073709551615", Render(new UInt64Array.Builder().Append(ulong.MaxValue).Build()));
        Assert.Equal("false", Render(new BooleanArray.Builder().Append(false).Build()));
    }

    [Fact]
    public void Floating_point_in_its_shortest_round_trip_form()
    {
        Assert.Equal("0.1", Render(new DoubleArray.Builder().Append(0.1).Build()));
        Assert.Equal("0.1", Render(new FloatArray.Builder().Append(0.1f).Build()));
        Assert.Equal("-Infinity", Render(new DoubleArray.Builder().Append(double.NegativeInfinity).Build()));
        Assert.Equal("NaN", Render(new DoubleArray.Builder().Append(double.NaN).Build()));
    }

    [Fact]
    public void Decimals_keep_their_scale()
    {
        Assert.Equal("16300.50", Render(new Decimal128Array.Builder(new Decimal128Type(10, 2)).Append(16300.5m).Build()));
        Assert.Equal("-0.05", Render(new Decimal128Array.Builder(new Decimal128Type(5, 2)).Append(-0.05m).Build()));
        Assert.Equal("42", Render(new Decimal128Array.Builder(new Decimal128Type(5, 0)).Append(42m).Build()));
        var wide = BigInteger.Parse("-12345678901234567890123456789012345678901234567890", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("-123456789012345678901234567890123456789012345.67890",
            Decimal256(new Decimal256Type(60, 5), wide));
    }

    [Fact]
    public void Dates_times_and_timestamps_in_ISO_form()
    {
        Assert.Equal("2024-01-31", Render(new Date32Array.Builder().Append(new DateTime(2024, 1, 31)).Build()));
        Assert.Equal("1969-12-31", Render(new Date64Array.Builder().Append(new DateTime(1969, 12, 31)).Build()));
        Assert.Equal("2024-01-31 12:00:00", Timestamp(TimeUnit.Second, null, 1_706_702_400));
        Assert.Equal("2024-01-31 12:00:00.5", Timestamp(TimeUnit.Millisecond, null, 1_706_702_400_500));
        Assert.Equal("2024-01-31 12:00:00.000001", Timestamp(TimeUnit.Microsecond, null, 1_706_702_400_000_001));
        Assert.Equal("2024-01-31 12:00:00.123456789+00", Timestamp(TimeUnit.Nanosecond, "UTC", 1_706_702_400_123_456_789));
        Assert.Equal("1969-12-31 23:59:59", Timestamp(TimeUnit.Second, null, -1));
        // An instant labelled with the session's zone is shown on that zone's wall clock, as PostgreSQL prints it.
        Assert.Equal("2024-01-31 13:00:00+01", Timestamp(TimeUnit.Microsecond, "Europe/Paris", 1_706_702_400_000_000));
        Assert.Equal("2024-07-01 14:00:00+02", Timestamp(TimeUnit.Microsecond, "Europe/Paris", 1_719_835_200_000_000));
        Assert.Equal("2024-01-31 08:30:00-03:30", Timestamp(TimeUnit.Microsecond, "-03:30", 1_706_702_400_000_000));
        Assert.Equal("2024-01-31 12:00:00+00", Timestamp(TimeUnit.Microsecond, "UTC", 1_706_702_400_000_000));
        Assert.Equal("13:45:30.25", Render(new Time64Array.Builder(TimeUnit.Microsecond).Append(((13 * 3600) + (45 * 60) + 30) * 1_000_000L + 250_000).Build()));
    }

    [Fact]
    public void Intervals_as_PostgreSQL_prints_them()
    {
        var interval = new MonthDayNanosecondIntervalArray.Builder().Append(new MonthDayNanosecondInterval(14, 3, ((4 * 3600) + (5 * 60) + 6) * 1_000_000_000L)).Build();

        Assert.Equal("1 year 2 mons 3 days 04:05:06", Render(interval));
        Assert.Equal("2 days 00:00:01.5", Render(new DayTimeIntervalArray.Builder().Append(new DayTimeInterval(2, 1500)).Build()));
    }

    [Fact]
    public void Strings_binary_dictionaries_and_nulls()
    {
        Assert.Equal("héllo", Render(new StringArray.Builder().Append("héllo").Build()));
        Assert.Equal("\\x00ff", Render(new BinaryArray.Builder().Append([0x00, 0xff]).Build()));
        Assert.Null(ValueRenderer.Render(new StringArray.Builder().AppendNull().Build(), 0));

        var dictionary = new DictionaryArray(new DictionaryType(Int8Type.Default, StringType.Default, false),
            new Int8Array.Builder().Append(1).Append(0).Build(), new StringArray.Builder().Append("a").Append("b").Build());
        Assert.Equal("b", ValueRenderer.Render(dictionary, 0));
        Assert.Equal("a", ValueRenderer.Render(dictionary, 1));
    }

    private static string? Render(IArrowArray array) => ValueRenderer.Render(array, 0);

    private static string? Timestamp(TimeUnit unit, string? zone, long value)
    {
        var type = new TimestampType(unit, zone);
        var values = new ArrowBuffer.Builder<long>().Append(value).Build();
        return Render(new TimestampArray(new ArrayData(type, 1, 0, 0, [ArrowBuffer.Empty, values])));
    }

    /// <summary>A Decimal256 holding an unscaled value too wide for .NET's decimal, written straight into its buffer.</summary>
    private static string? Decimal256(Decimal256Type type, BigInteger unscaled)
    {
        var bytes = new byte[32];
        var sign = unscaled.Sign < 0 ? (byte)0xff : (byte)0;
        System.Array.Fill(bytes, sign);
        unscaled.TryWriteBytes(bytes, out _, isUnsigned: false, isBigEndian: false);
        var data = new ArrayData(type, 1, 0, 0, [ArrowBuffer.Empty, new ArrowBuffer(bytes)]);
        return Render(new Decimal256Array(data));
    }
}
