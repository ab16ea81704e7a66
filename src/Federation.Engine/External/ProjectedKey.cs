using System.Globalization;
using Federation.Common;

namespace Federation.Engine.External;

/// <summary>
/// One partition key of a table with partition projection: how its values are computed (Athena's
/// projection.&lt;key&gt;.* properties) and the text of the candidate values a query may need, narrowed by the
/// query's equalities and (for integers) its bounds before anything is enumerated.
/// </summary>
internal sealed class ProjectedKey
{
    private ProjectedKey(string name, ProjectionKind kind)
    {
        Name = name;
        Kind = kind;
    }

    public string Name { get; }

    public ProjectionKind Kind { get; }

    private long _min;
    private long _max;
    private long _interval = 1;
    private int _digits;
    private string _rangeStart = "";
    private string _rangeEnd = "";
    private ProjectionDateFormat? _format;
    private ProjectionUnit _unit;
    private IReadOnlyList<string> _values = [];

    /// <summary>The key's projection from the table properties (looked up case-insensitively); a bad one is an error naming the property.</summary>
    public static ProjectedKey Parse(string key, Func<string, string?> property, string table)
    {
        string Name(string suffix) => $"projection.{key}.{suffix}";
        string Required(string suffix) => property(Name(suffix)) ?? throw new FederationException(ErrorCode.InvalidArgument,
            $"table property '{Name(suffix)}' of {table} is missing: partition projection needs it for partition key \"{key}\"");
        FederationException Bad(string suffix, string value, string why) =>
            new(ErrorCode.InvalidArgument, $"table property '{Name(suffix)}' of {table} cannot be '{value}': {why}");

        var typeText = Required("type");
        var kind = typeText.Trim().ToLowerInvariant() switch
        {
            "integer" => ProjectionKind.Integer,
            "date" => ProjectionKind.Date,
            "enum" => ProjectionKind.Enum,
            "injected" => ProjectionKind.Injected,
            _ => throw Bad("type", typeText, "the projection types are integer, date, enum and injected"),
        };
        var projected = new ProjectedKey(key, kind);
        switch (kind)
        {
            case ProjectionKind.Integer:
            {
                var range = Required("range");
                var bounds = range.Split(',');
                if (bounds.Length != 2 || !long.TryParse(bounds[0].Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out projected._min)
                    || !long.TryParse(bounds[1].Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out projected._max))
                {
                    throw Bad("range", range, "an integer range is two integers separated by a comma, such as '0,10'");
                }

                if (projected._min > projected._max)
                {
                    throw Bad("range", range, "its first value is larger than its second");
                }

                projected._interval = PositiveInteger(property(Name("interval")), "interval", Bad) ?? 1;
                projected._digits = (int)(PositiveInteger(property(Name("digits")), "digits", Bad) ?? 0);
                break;
            }

            case ProjectionKind.Date:
            {
                var format = Required("format");
                projected._format = ProjectionDateFormat.Parse(format, Name("format"), table);
                var range = Required("range");
                var bounds = range.Split(',');
                if (bounds.Length != 2)
                {
                    throw Bad("range", range, "a date range is two dates in the format (or NOW, NOW-3YEARS, ...) separated by a comma");
                }

                projected._rangeStart = bounds[0].Trim();
                projected._rangeEnd = bounds[1].Trim();
                projected._interval = PositiveInteger(property(Name("interval")), "interval", Bad) ?? 1;
                var unitText = property(Name("interval.unit"));
                projected._unit = unitText is null ? projected._format.Finest : ParseUnit(unitText) ?? throw Bad("interval.unit", unitText,
                    "the units are YEARS, MONTHS, WEEKS, DAYS, HOURS, MINUTES, SECONDS and MILLISECONDS");
                // Both ends must be dates of the format (or NOW-relative) now, not only when a query runs.
                var start = projected.DateBound(projected._rangeStart, DateTime.UtcNow, table);
                var end = projected.DateBound(projected._rangeEnd, DateTime.UtcNow, table);
                if (start > end)
                {
                    throw Bad("range", range, "its first date is later than its second");
                }

                break;
            }

            case ProjectionKind.Enum:
                projected._values = Required("values").Split(',');
                break;
        }

        return projected;
    }

    /// <summary>
    /// The text of every value of this key the query may need: those of its projection, only those in
    /// <paramref name="equalTo"/> when the query states them (an injected key must), only those within the bounds
    /// for integers. More than <paramref name="limit"/> is an error naming the table.
    /// </summary>
    public IReadOnlyList<string> Candidates(IReadOnlySet<string>? equalTo, decimal? lower, decimal? upper, DateTime now, string table, long limit)
    {
        var values = new List<string>();
        switch (Kind)
        {
            case ProjectionKind.Injected:
                if (equalTo is null)
                {
                    throw new FederationException(ErrorCode.InvalidArgument,
                        $"partition key \"{Name}\" of {table} is projected as injected: the query must give its values with = or IN (for example WHERE {Name} = '...')");
                }

                values.AddRange(equalTo.Order(StringComparer.Ordinal));
                break;

            case ProjectionKind.Enum:
                foreach (var value in _values)
                {
                    if (equalTo is null || equalTo.Contains(value))
                    {
                        values.Add(value);
                    }
                }

                break;

            case ProjectionKind.Integer:
            {
                if (equalTo is not null)
                {
                    var chosen = new SortedSet<long>();
                    foreach (var text in equalTo)
                    {
                        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) && v >= _min && v <= _max && (v - _min) % _interval == 0)
                        {
                            chosen.Add(v);
                        }
                    }

                    foreach (var v in chosen)
                    {
                        values.Add(FormatInteger(v));
                    }

                    break;
                }

                // First and last values of the range inside the bounds, on the interval's steps.
                var first = _min;
                if (lower is { } low && low > _min)
                {
                    var steps = Math.Ceiling((low - _min) / _interval);
                    first = steps * _interval + _min > _max ? _max + 1 : _min + (long)steps * _interval;
                }

                var last = upper is { } high && high < _max ? (long)Math.Floor(high) : _max;
                if (first <= last)
                {
                    var count = (last - first) / _interval + 1;
                    if (count > limit)
                    {
                        throw TooMany(table, count, limit);
                    }

                    for (var v = first; v <= last; v += _interval)
                    {
                        values.Add(FormatInteger(v));
                        if (v > long.MaxValue - _interval)
                        {
                            break;
                        }
                    }
                }

                break;
            }

            case ProjectionKind.Date:
            {
                var start = DateBound(_rangeStart, now, table);
                var end = DateBound(_rangeEnd, now, table);
                for (var d = start; d <= end; d = Add(d, _interval))
                {
                    var text = _format!.Format(d);
                    if (equalTo is null || equalTo.Contains(text))
                    {
                        values.Add(text);
                    }

                    if (values.Count > limit)
                    {
                        throw TooMany(table, values.Count, limit);
                    }
                }

                break;
            }
        }

        return values;
    }

    public static FederationException TooMany(string table, long count, long limit) =>
        new(ErrorCode.InvalidArgument,
            $"partition projection of {table} would produce {(count > limit ? $"more than {limit:N0}" : count.ToString("N0", CultureInfo.InvariantCulture))} partitions for this query: constrain its partition keys more (at most {limit:N0})");

    private string FormatInteger(long value) =>
        _digits == 0 ? value.ToString(CultureInfo.InvariantCulture)
        : value < 0 ? "-" + (-value).ToString(CultureInfo.InvariantCulture).PadLeft(_digits, '0')
        : value.ToString(CultureInfo.InvariantCulture).PadLeft(_digits, '0');

    private DateTime Add(DateTime value, long amount) => _unit switch
    {
        ProjectionUnit.Years => value.AddYears((int)amount),
        ProjectionUnit.Months => value.AddMonths((int)amount),
        ProjectionUnit.Weeks => value.AddDays(7 * amount),
        ProjectionUnit.Days => value.AddDays(amount),
        ProjectionUnit.Hours => value.AddHours(amount),
        ProjectionUnit.Minutes => value.AddMinutes(amount),
        ProjectionUnit.Seconds => value.AddSeconds(amount),
        _ => value.AddMilliseconds(amount),
    };

    /// <summary>One end of a date range: a date in the format, or NOW with an optional offset (NOW-3YEARS, NOW+1DAY), truncated to the format as Athena does.</summary>
    private DateTime DateBound(string text, DateTime now, string table)
    {
        var format = _format!;
        if (text.StartsWith("NOW", StringComparison.OrdinalIgnoreCase))
        {
            var value = now;
            var rest = text[3..].Trim();
            if (rest.Length > 0)
            {
                var sign = rest[0] switch { '+' => 1, '-' => -1, _ => 0 };
                var digits = 1;
                while (digits < rest.Length && char.IsAsciiDigit(rest[digits]))
                {
                    digits++;
                }

                if (sign == 0 || digits == 1 || ParseUnit(rest[digits..]) is not { } unit)
                {
                    throw new FederationException(ErrorCode.InvalidArgument,
                        $"table property 'projection.{Name}.range' of {table} cannot use '{text}': a relative date is NOW, NOW-<n><unit> or NOW+<n><unit> (YEARS, MONTHS, WEEKS, DAYS, HOURS, MINUTES, SECONDS)");
                }

                var amount = sign * long.Parse(rest[1..digits], CultureInfo.InvariantCulture);
                var saved = _unit;
                _unit = unit;
                value = Add(value, amount);
                _unit = saved;
            }

            return format.TryParse(format.Format(value), out var truncated) ? truncated : value;
        }

        if (!format.TryParse(text, out var date))
        {
            throw new FederationException(ErrorCode.InvalidArgument,
                $"table property 'projection.{Name}.range' of {table} cannot use '{text}': it is not a date in the format '{format.Pattern}' (projection.{Name}.format), nor NOW-relative");
        }

        return date;
    }

    private static ProjectionUnit? ParseUnit(string text) => text.Trim().ToUpperInvariant() switch
    {
        "YEAR" or "YEARS" => ProjectionUnit.Years,
        "MONTH" or "MONTHS" => ProjectionUnit.Months,
        "WEEK" or "WEEKS" => ProjectionUnit.Weeks,
        "DAY" or "DAYS" => ProjectionUnit.Days,
        "HOUR" or "HOURS" => ProjectionUnit.Hours,
        "MINUTE" or "MINUTES" => ProjectionUnit.Minutes,
        "SECOND" or "SECONDS" => ProjectionUnit.Seconds,
        "MILLISECOND" or "MILLISECONDS" => ProjectionUnit.Milliseconds,
        _ => null,
    };

    private static long? PositiveInteger(string? text, string suffix, Func<string, string, string, FederationException> bad)
    {
        if (text is null)
        {
            return null;
        }

        return long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw bad(suffix, text, "it must be a positive integer");
    }
}
