using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Federation.Common.Types;

/// <summary>
/// A time zone as PostgreSQL's TimeZone setting and AT TIME ZONE know it: a zone of the tz database (.NET's
/// <see cref="TimeZoneInfo"/>, read from the system's zoneinfo), or a fixed offset. Offsets here are seconds east of
/// UTC (ISO's sign); PostgreSQL's POSIX spellings ('UTC+2', '+02:00') count west and are turned around when read.
/// Local times that a transition skips or repeats resolve as PostgreSQL's DetermineTimeZoneOffset does.
/// </summary>
public sealed class SessionTimeZone
{
    private const int CacheSize = 4096;
    private const int OffsetBias = 1 << 19;
    private const long MixedDay = (1 << 20) - 1;
    private const long MicrosPerSecond = Interval.MicrosPerSecond;

    /// <summary>The default zone: UTC.</summary>
    public static readonly SessionTimeZone Utc = new("UTC", null, 0);

    private static readonly ConcurrentDictionary<string, SessionTimeZone?> Named = new(StringComparer.OrdinalIgnoreCase);
    private static readonly DateTime MinUtc = new(1, 1, 2, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime MaxUtc = new(9999, 12, 30, 0, 0, 0, DateTimeKind.Utc);

    private readonly TimeZoneInfo? _zone;
    private readonly int _fixedOffset;

    // Per UTC day: the day (high bits) and its one offset (low 20 bits, biased), or MixedDay when a transition falls in it.
    // A whole long is written at once, so readers on other threads see an old entry or a new one, never a torn one.
    private readonly long[]? _dayCache;

    private SessionTimeZone(string name, TimeZoneInfo? zone, int fixedOffsetSeconds)
    {
        Name = name;
        _zone = zone;
        _fixedOffset = fixedOffsetSeconds;
        _dayCache = zone is null ? null : new long[CacheSize];
    }

    /// <summary>The zone's name as SHOW timezone prints it and as it travels to workers.</summary>
    public string Name { get; }

    /// <summary>Whether the zone is one offset for all time.</summary>
    public bool IsFixed => _zone is null;

    /// <summary>A zone of one offset, <paramref name="offsetSeconds"/> east of UTC, named as PostgreSQL shows it.</summary>
    public static SessionTimeZone FixedOffset(int offsetSeconds, string? name = null) =>
        offsetSeconds == 0 && name is null ? Utc : new SessionTimeZone(name ?? PosixName(offsetSeconds), null, offsetSeconds);

    /// <summary>
    /// The value of SET timezone, read as PostgreSQL's check_timezone does: INTERVAL '...' (ISO sign), a number of hours
    /// (ISO sign: 2 is two hours east), or a zone name (the tz database, or a POSIX spec such as 'UTC+2' counting west).
    /// </summary>
    public static SessionTimeZone ParseSetting(string value)
    {
        var text = value.Trim();
        if (text.StartsWith("interval", StringComparison.OrdinalIgnoreCase))
        {
            // INTERVAL 'body' [leading [TO trailing]], as Session spells the SET TIME ZONE INTERVAL form.
            var open = text.IndexOf('\'', StringComparison.Ordinal);
            var close = open < 0 ? -1 : text.IndexOf('\'', open + 1);
            if (close < 0)
            {
                throw InvalidSetting(value);
            }

            var fields = text[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return ParseIntervalSetting(text[(open + 1)..close], fields.Length > 0 ? fields[0] : null, fields.Length > 2 ? fields[2] : null);
        }

        if (double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var hours))
        {
            if (Math.Abs(hours) > 168)
            {
                throw InvalidSetting(value);
            }

            return FixedOffset((int)Math.Round(hours * 3600));
        }

        return FindZone(text) ?? throw InvalidSetting(value);
    }

    /// <summary>
    /// The value of SET TIME ZONE INTERVAL '...' [HOUR TO MINUTE]: an offset east of UTC, no months or days.
    /// </summary>
    public static SessionTimeZone ParseIntervalSetting(string text, string? leadingField, string? trailingField)
    {
        if (!IntervalParser.TryParse(text, leadingField, trailingField, out var interval) || interval.Months != 0 || interval.Days != 0)
        {
            throw new FederationException(ErrorCode.InvalidArgument, $"invalid interval value for time zone: \"{text}\"");
        }

        return FixedOffset(checked((int)(interval.Micros / MicrosPerSecond)));
    }

    /// <summary>A zone of the tz database or a POSIX spec (what SET timezone accepts by name); null when neither.</summary>
    public static SessionTimeZone? FindZone(string name)
    {
        var key = name.Trim();
        return key.Length == 0 ? null : Named.GetOrAdd("zone:" + key, k => Load(k[5..], abbreviations: false));
    }

    /// <summary>A zone given as an interval (AT TIME ZONE INTERVAL '-08:00'): ISO sign, no months or days.</summary>
    public static SessionTimeZone FromInterval(Interval interval)
    {
        if (interval.Months != 0 || interval.Days != 0)
        {
            throw new FederationException(ErrorCode.InvalidArgument, $"interval time zone \"{interval}\" must not include months or days");
        }

        return FixedOffset(checked((int)(interval.Micros / MicrosPerSecond)), IsoName(checked((int)(interval.Micros / MicrosPerSecond))));
    }

    /// <summary>
    /// A zone by name as AT TIME ZONE, timezone() and CONVERT_TIMEZONE read it: a common abbreviation (EST, CEST: fixed
    /// offsets), a tz database name in any letter case, or a POSIX spec; null when it is none of them.
    /// </summary>
    public static SessionTimeZone? Find(string name)
    {
        var key = name.Trim();
        if (key.Length == 0)
        {
            return null;
        }

        return Named.GetOrAdd(key, k => Load(k, abbreviations: true));
    }

    /// <summary>A zone name from AT TIME ZONE and the like, failing as PostgreSQL does when it names nothing.</summary>
    public static SessionTimeZone FindOrThrow(string name) =>
        Find(name) ?? throw new FederationException(ErrorCode.InvalidArgument, $"time zone \"{name}\" not recognized");

    /// <summary>Seconds east of UTC at an instant (microseconds since the epoch, UTC).</summary>
    public int OffsetSecondsAt(long utcMicros)
    {
        if (_zone is null)
        {
            return _fixedOffset;
        }

        var day = DateTimeMath.FloorDiv(utcMicros, Interval.MicrosPerDay);
        var slot = (int)(day & (CacheSize - 1));
        var entry = Volatile.Read(ref _dayCache![slot]);
        if (entry != 0 && entry >> 20 == day)
        {
            var packed = entry & MixedDay;
            if (packed != MixedDay)
            {
                return (int)(packed - OffsetBias);
            }

            return Lookup(utcMicros);
        }

        var first = Lookup(day * Interval.MicrosPerDay);
        var last = Lookup(((day + 1) * Interval.MicrosPerDay) - 1);
        Volatile.Write(ref _dayCache[slot], (day << 20) | (first == last ? first + OffsetBias : MixedDay));
        return first == last ? first : Lookup(utcMicros);
    }

    /// <summary>The wall clock of an instant in this zone.</summary>
    public long ToLocal(long utcMicros) => utcMicros + (OffsetSecondsAt(utcMicros) * MicrosPerSecond);

    /// <summary>
    /// The instant a wall-clock time in this zone names. A time a spring-forward transition skips is read with the
    /// offset before it (02:30 becomes 03:30 summer time); a time a fall-back transition repeats gets the later instant
    /// (standard time), as PostgreSQL does.
    /// </summary>
    public long ToUtc(long localMicros) => localMicros - (OffsetSecondsForLocal(localMicros) * MicrosPerSecond);

    /// <summary>The offset (seconds east) that applies to a wall-clock time, by PostgreSQL's rule for gaps and overlaps.</summary>
    public int OffsetSecondsForLocal(long localMicros)
    {
        if (_zone is null)
        {
            return _fixedOffset;
        }

        var before = OffsetSecondsAt(localMicros - Interval.MicrosPerDay);
        var after = OffsetSecondsAt(localMicros + Interval.MicrosPerDay);
        if (before == after)
        {
            return before;
        }

        var atBefore = OffsetSecondsAt(localMicros - (before * MicrosPerSecond));
        var atAfter = OffsetSecondsAt(localMicros - (after * MicrosPerSecond));
        if (atBefore == before && atAfter == before)
        {
            return before;
        }

        if (atBefore == after && atAfter == after)
        {
            return after;
        }

        // Skipped or repeated: the smaller offset east gives the later instant.
        return Math.Min(before, after);
    }

    /// <summary>The zone's abbreviation at an instant as to_char's TZ shows it (CET, CEST; +02 for offsets).</summary>
    public string AbbreviationAt(long utcMicros)
    {
        var offset = OffsetSecondsAt(utcMicros);
        if (_zone is not null && TimeZoneInfo.Utc.Id != _zone.Id)
        {
            var instant = ToDateTime(utcMicros);
            var name = _zone.IsDaylightSavingTime(instant) ? _zone.DaylightName : _zone.StandardName;
            if (name.Length is > 0 and <= 6 && !name.Contains(' ', StringComparison.Ordinal))
            {
                return name;
            }
        }
        else if (_zone is not null || offset == 0)
        {
            return Name.Equals("GMT", StringComparison.OrdinalIgnoreCase) ? "GMT" : "UTC";
        }

        var sb = new StringBuilder(9);
        AppendOffset(sb, offset);
        return sb.ToString();
    }

    /// <summary>An offset as PostgreSQL prints it after a timestamptz: +02, -03:30, +00:09:21.</summary>
    public static void AppendOffset(StringBuilder sb, int offsetSeconds)
    {
        var abs = Math.Abs(offsetSeconds);
        sb.Append(offsetSeconds < 0 ? '-' : '+').Append(CultureInfo.InvariantCulture, $"{abs / 3600:00}");
        var minutes = abs / 60 % 60;
        var seconds = abs % 60;
        if (minutes != 0 || seconds != 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $":{minutes:00}");
        }

        if (seconds != 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $":{seconds:00}");
        }
    }

    /// <summary>
    /// The zone as an Arrow timestamp type names it: the tz database name, or a fixed offset as +HH:MM (ISO sign).
    /// Result schemas sent to clients carry it, so a client shows the instants on the session's wall clock.
    /// </summary>
    public string ArrowName
    {
        get
        {
            if (_zone is not null)
            {
                return _zone.Id;
            }

            var abs = Math.Abs(_fixedOffset);
            return string.Create(CultureInfo.InvariantCulture, $"{(_fixedOffset < 0 ? '-' : '+')}{abs / 3600:00}:{abs / 60 % 60:00}");
        }
    }

    /// <summary>The zone an Arrow timestamp type names (a tz database name or ±HH:MM, ISO sign); UTC when unknown.</summary>
    public static SessionTimeZone FromArrowName(string? name)
    {
        if (string.IsNullOrEmpty(name) || name is "UTC" or "Z" or "+00:00")
        {
            return Utc;
        }

        if (name[0] is '+' or '-' && name.Length == 6 && name[3] == ':'
            && int.TryParse(name.AsSpan(1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            && int.TryParse(name.AsSpan(4, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes))
        {
            var seconds = (hours * 3600) + (minutes * 60);
            return FixedOffset(name[0] == '-' ? -seconds : seconds);
        }

        return FindZone(name) ?? Utc;
    }

    public override string ToString() => Name;

    private int Lookup(long utcMicros) => (int)Math.Round(_zone!.GetUtcOffset(ToDateTime(utcMicros)).TotalSeconds);

    private static DateTime ToDateTime(long utcMicros)
    {
        var ticks = (utcMicros * 10) + DateTime.UnixEpoch.Ticks;
        if (utcMicros < (MinUtc.Ticks - DateTime.UnixEpoch.Ticks) / 10)
        {
            return MinUtc;
        }

        return utcMicros > (MaxUtc.Ticks - DateTime.UnixEpoch.Ticks) / 10 ? MaxUtc : new DateTime(ticks, DateTimeKind.Utc);
    }

    private static SessionTimeZone? Load(string name, bool abbreviations)
    {
        if (abbreviations && Abbreviations.TryGetValue(name, out var abbreviation))
        {
            return new SessionTimeZone(abbreviation.Name, null, abbreviation.Offset);
        }

        var zone = FindSystemZone(name);
        if (zone is not null)
        {
            return new SessionTimeZone(zone.Id, zone, 0);
        }

        return TryParsePosix(name, out var offset) ? new SessionTimeZone(name, null, offset) : null;
    }

    /// <summary>A tz database zone by its name, in any letter case (PostgreSQL matches names case-insensitively).</summary>
    private static TimeZoneInfo? FindSystemZone(string name)
    {
        if (name.Contains("..", StringComparison.Ordinal) || name.StartsWith('/') || name.Any(c => c is < ' ' or '\\'))
        {
            return null;
        }

        foreach (var candidate in new[] { name, CanonicalCase(name) })
        {
            try
            {
                return TimeZoneInfo.FindSystemTimeZoneById(candidate);
            }
            catch (TimeZoneNotFoundException)
            {
            }
            catch (InvalidTimeZoneException)
            {
                return null;
            }
        }

        foreach (var zone in TimeZoneInfo.GetSystemTimeZones())
        {
            if (zone.Id.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return zone;
            }
        }

        return null;
    }

    /// <summary>europe/paris → Europe/Paris, america/new_york → America/New_York, utc → UTC, est5edt → EST5EDT.</summary>
    private static string CanonicalCase(string name)
    {
        if (name.Length <= 7 && !name.Contains('/', StringComparison.Ordinal))
        {
            return name.ToUpperInvariant();
        }

        var chars = name.ToLowerInvariant().ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (i == 0 || chars[i - 1] is '/' or '_' or '-')
            {
                chars[i] = char.ToUpperInvariant(chars[i]);
            }
        }

        return new string(chars);
    }

    /// <summary>
    /// A POSIX zone without daylight rules: a name (letters, or &lt;...&gt;, or nothing) and an offset WEST of UTC
    /// ([+-]hh[:mm[:ss]]), as PostgreSQL reads 'UTC+2' and '+02:00' (both two hours west).
    /// </summary>
    private static bool TryParsePosix(string text, out int offsetEast)
    {
        offsetEast = 0;
        var pos = 0;
        if (text.StartsWith('<'))
        {
            pos = text.IndexOf('>', StringComparison.Ordinal);
            if (pos < 0)
            {
                return false;
            }

            pos++;
        }
        else
        {
            while (pos < text.Length && char.IsAsciiLetter(text[pos]))
            {
                pos++;
            }
        }

        if (pos >= text.Length)
        {
            return false;
        }

        var sign = 1;
        if (text[pos] is '+' or '-')
        {
            sign = text[pos] == '-' ? -1 : 1;
            pos++;
        }

        var parts = text[pos..].Split(':');
        if (parts.Length > 3)
        {
            return false;
        }

        var seconds = 0;
        var scale = 3600;
        foreach (var part in parts)
        {
            if (part.Length is 0 or > 3 || !int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || (scale < 3600 && n > 59))
            {
                return false;
            }

            seconds += n * scale;
            scale /= 60;
        }

        if (seconds > 168 * 3600)
        {
            return false;
        }

        offsetEast = -sign * seconds;
        return true;
    }

    /// <summary>How PostgreSQL shows a zone set as a number of hours: &lt;+02&gt;-02 (ISO name, POSIX offset).</summary>
    private static string PosixName(int offsetEast)
    {
        var iso = IsoName(offsetEast);
        var sb = new StringBuilder("<").Append(iso).Append('>');
        var west = -offsetEast;
        var abs = Math.Abs(west);
        sb.Append(west < 0 ? '-' : '+').Append(CultureInfo.InvariantCulture, $"{abs / 3600:00}");
        if (abs % 3600 != 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $":{abs / 60 % 60:00}");
        }

        if (abs % 60 != 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $":{abs % 60:00}");
        }

        return sb.ToString();
    }

    private static string IsoName(int offsetEast)
    {
        var sb = new StringBuilder(9);
        AppendOffset(sb, offsetEast);
        return sb.ToString();
    }

    private static FederationException InvalidSetting(string value) =>
        new(ErrorCode.InvalidArgument, $"invalid value for parameter \"TimeZone\": \"{value}\"");

    /// <summary>
    /// The fixed-offset abbreviations of PostgreSQL's Default set that AT TIME ZONE looks at before the tz database
    /// (so 'EST' is -05 all year, and 'CEST' is +02); names that are also zones (UTC, GMT) stay zones.
    /// </summary>
    private static readonly Dictionary<string, (string Name, int Offset)> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Z"] = ("Z", 0),
        ["ZULU"] = ("ZULU", 0),
        ["UT"] = ("UT", 0),
        ["EST"] = ("EST", -5 * 3600),
        ["EDT"] = ("EDT", -4 * 3600),
        ["CST"] = ("CST", -6 * 3600),
        ["CDT"] = ("CDT", -5 * 3600),
        ["MST"] = ("MST", -7 * 3600),
        ["MDT"] = ("MDT", -6 * 3600),
        ["PST"] = ("PST", -8 * 3600),
        ["PDT"] = ("PDT", -7 * 3600),
        ["AKST"] = ("AKST", -9 * 3600),
        ["AKDT"] = ("AKDT", -8 * 3600),
        ["HST"] = ("HST", -10 * 3600),
        ["CET"] = ("CET", 3600),
        ["CEST"] = ("CEST", 2 * 3600),
        ["MET"] = ("MET", 3600),
        ["MEST"] = ("MEST", 2 * 3600),
        ["EET"] = ("EET", 2 * 3600),
        ["EEST"] = ("EEST", 3 * 3600),
        ["WET"] = ("WET", 0),
        ["WEST"] = ("WEST", 3600),
        ["BST"] = ("BST", 3600),
        ["JST"] = ("JST", 9 * 3600),
        ["KST"] = ("KST", 9 * 3600),
        ["AEST"] = ("AEST", 10 * 3600),
        ["AEDT"] = ("AEDT", 11 * 3600),
        ["ACST"] = ("ACST", (9 * 3600) + 1800),
        ["AWST"] = ("AWST", 8 * 3600),
        ["NZST"] = ("NZST", 12 * 3600),
        ["NZDT"] = ("NZDT", 13 * 3600),
    };
}
