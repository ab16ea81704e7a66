using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Formats.Orc;

/// <summary>
/// A timestamp column: DATA holds seconds since ORC's epoch (2015-01-01 00:00:00) as signed integer RLE, SECONDARY
/// the nanoseconds (unsigned; the low 3 bits say how many decimal zeros were dropped, minus one). A TIMESTAMP's
/// epoch is in the writer's time zone (the stripe footer's), and its value is read as the wall-clock time it showed
/// there, as Hive and Trino read it; a TIMESTAMP WITH LOCAL TIME ZONE's epoch is UTC and its value an instant.
/// Arrow keeps microseconds: nanoseconds beyond them are dropped.
/// </summary>
internal sealed class TimestampColumnReader : OrcColumnReader
{
    private const long OrcEpochUnixSeconds = 1_420_070_400;

    private readonly IIntegerDecoder _seconds;
    private readonly IIntegerDecoder _nanos;
    private readonly SqlType _target;
    private readonly TimeZoneInfo? _writerZone;
    private readonly long _epochSeconds;
    private long[] _secondsScratch = [];
    private long[] _nanosScratch = [];

    /// <param name="writerZone">The writer's zone for TIMESTAMP columns (null when it is UTC or the column is an instant).</param>
    public TimestampColumnReader(BooleanRleDecoder? present, IIntegerDecoder seconds, IIntegerDecoder nanos, TimeZoneInfo? writerZone, SqlType target, string column)
        : base(present, column)
    {
        _seconds = seconds;
        _nanos = nanos;
        _target = target;
        _writerZone = writerZone;
        _epochSeconds = OrcEpochUnixSeconds;
        if (writerZone is not null)
        {
            var epoch = new DateTime(2015, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
            _epochSeconds -= (long)writerZone.GetUtcOffset(epoch).TotalSeconds;
        }
    }

    protected override IArrowArray ReadValues(int rows, byte[]? validity, int nonNull)
    {
        if (_secondsScratch.Length < nonNull)
        {
            _secondsScratch = new long[nonNull];
            _nanosScratch = new long[nonNull];
        }

        var seconds = _secondsScratch.AsSpan(0, nonNull);
        var nanos = _nanosScratch.AsSpan(0, nonNull);
        _seconds.Read(seconds);
        _nanos.Read(nanos);
        var buffer = ArrayFactory.AllocateValues<long>(rows);
        var output = ArrayFactory.ValuesOf<long>(buffer);
        var wallClock = _writerZone is not null && _target.Kind == TypeKind.Timestamp;
        for (var i = 0; i < nonNull; i++)
        {
            var encoded = nanos[i];
            var zeros = (int)(encoded & 7);
            long nano = encoded >>> 3;
            for (var z = 0; z < zeros + (zeros == 0 ? 0 : 1); z++)
            {
                nano *= 10;
            }

            var instant = seconds[i] + _epochSeconds;

            // Writers take whole seconds toward zero, so a time before 1970 with a fraction is one second early (ORC C++ reads it so).
            if (instant < 0 && nano > 999_999)
            {
                instant -= 1;
            }

            var local = instant;
            if (wallClock)
            {
                local += (long)_writerZone!.GetUtcOffset(DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(instant, -62_135_596_800L, 253_402_300_799L))).TotalSeconds;
            }

            output[i] = (local * 1_000_000) + (nano / 1000);
        }

        Spread(output, validity, rows, nonNull);
        return ArrayFactory.Fixed(_target, buffer, rows, validity);
    }
}
