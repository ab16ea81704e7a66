using System.Globalization;
using System.Text;

namespace Federation.Common.Types;

/// <summary>
/// A PostgreSQL interval: months, days and microseconds kept apart, because a month has no fixed
/// number of days and a day has no fixed number of seconds across time-zone changes.
/// </summary>
public readonly record struct Interval(int Months, int Days, long Micros) : IComparable<Interval>
{
    public const long MicrosPerSecond = 1_000_000;
    public const long MicrosPerMinute = 60 * MicrosPerSecond;
    public const long MicrosPerHour = 60 * MicrosPerMinute;
    public const long MicrosPerDay = 24 * MicrosPerHour;

    public static Interval operator -(Interval value) => new(-value.Months, -value.Days, -value.Micros);

    public static Interval operator +(Interval a, Interval b) => new(a.Months + b.Months, a.Days + b.Days, a.Micros + b.Micros);

    /// <summary>PostgreSQL compares intervals as if a month were 30 days and a day 24 hours.</summary>
    public Int128 ComparableMicros => ((Int128)Months * 30 + Days) * MicrosPerDay + Micros;

    public int CompareTo(Interval other) => ComparableMicros.CompareTo(other.ComparableMicros);

    public static bool operator <(Interval a, Interval b) => a.CompareTo(b) < 0;

    public static bool operator >(Interval a, Interval b) => a.CompareTo(b) > 0;

    public static bool operator <=(Interval a, Interval b) => a.CompareTo(b) <= 0;

    public static bool operator >=(Interval a, Interval b) => a.CompareTo(b) >= 0;

    /// <summary>PostgreSQL's default output style: "1 year 2 mons 3 days 04:05:06".</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        var years = Months / 12;
        var months = Months % 12;
        void Part(long n, string unit)
        {
            if (n == 0)
            {
                return;
            }

            if (sb.Length > 0)
            {
                sb.Append(' ');
            }

            sb.Append(n.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(unit);
            if (n != 1 && n != -1)
            {
                sb.Append('s');
            }
        }

        Part(years, "year");
        Part(months, "mon");
        Part(Days, "day");
        if (Micros != 0 || sb.Length == 0)
        {
            if (sb.Length > 0)
            {
                sb.Append(' ');
            }

            var micros = Micros;
            if (micros < 0)
            {
                sb.Append('-');
                micros = -micros;
            }

            var hours = micros / MicrosPerHour;
            micros %= MicrosPerHour;
            var minutes = micros / MicrosPerMinute;
            micros %= MicrosPerMinute;
            var seconds = micros / MicrosPerSecond;
            micros %= MicrosPerSecond;
            sb.Append(CultureInfo.InvariantCulture, $"{hours:00}:{minutes:00}:{seconds:00}");
            if (micros != 0)
            {
                sb.Append('.').Append(micros.ToString("000000", CultureInfo.InvariantCulture).TrimEnd('0'));
            }
        }

        return sb.ToString();
    }
}
