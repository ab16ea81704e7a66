using System.Globalization;
using System.Text;

namespace Federation.Common.Types;

/// <summary>
/// Text to value conversion with PostgreSQL's input rules, shared by literal binding ('2024-01-31'::date) and
/// the cast kernel (a text column cast to date), so both accept exactly the same inputs.
/// </summary>
public static class ValueParser
{
    /// <summary>Parses text as a value of <paramref name="type"/>; throws the PostgreSQL-style error when it is not one.</summary>
    public static object Parse(string text, SqlType type) => Parse(text, type, SessionTimeZone.Utc);

    /// <summary>As <see cref="Parse(string, SqlType)"/>, reading a timestamptz without an offset on <paramref name="zone"/>'s wall clock.</summary>
    public static object Parse(string text, SqlType type, SessionTimeZone zone)
    {
        if (TryParse(text, type, out var value, out var error, zone))
        {
            return value!;
        }

        throw error!;
    }

    public static bool TryParse(string text, SqlType type, out object? value, out FederationException? error) =>
        TryParse(text, type, out value, out error, SessionTimeZone.Utc);

    /// <summary>
    /// Parses text as a value of <paramref name="type"/>. A timestamptz written without an offset or zone name is a
    /// wall-clock time in <paramref name="zone"/> (the session's), as PostgreSQL reads it.
    /// </summary>
    public static bool TryParse(string text, SqlType type, out object? value, out FederationException? error, SessionTimeZone zone)
    {
        value = null;
        error = null;
        var span = text.AsSpan().Trim();
        switch (type.Kind)
        {
            case TypeKind.String when type.IsChar:
                value = CharPadding.Pad(text, type.Length);
                return true;
            case TypeKind.String:
                value = type.Length >= 0 && text.Length > type.Length ? text[..type.Length] : text;
                return true;
            case TypeKind.Boolean:
                if (TryParseBoolean(span, out var b))
                {
                    value = b;
                    return true;
                }

                break;
            case TypeKind.Int16:
            case TypeKind.Int32:
            case TypeKind.Int64:
                if (long.TryParse(span, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
                {
                    var (min, max) = type.Kind switch
                    {
                        TypeKind.Int16 => ((long)short.MinValue, (long)short.MaxValue),
                        TypeKind.Int32 => (int.MinValue, int.MaxValue),
                        _ => (long.MinValue, long.MaxValue),
                    };
                    if (l < min || l > max)
                    {
                        error = new FederationException(ErrorCode.NumericOverflow, $"value \"{text}\" is out of range for type {type}");
                        return false;
                    }

                    value = type.Kind switch
                    {
                        TypeKind.Int16 => (short)l,
                        TypeKind.Int32 => (int)l,
                        _ => (object)l,
                    };
                    return true;
                }

                if (IsAllDigitsWithSign(span))
                {
                    error = new FederationException(ErrorCode.NumericOverflow, $"value \"{text}\" is out of range for type {type}");
                    return false;
                }

                break;
            case TypeKind.Float32:
            case TypeKind.Float64:
                if (TryParseFloat(span, out var d))
                {
                    // The boxed value must be the CLR type the kind computes with (a float for real): a conditional
                    // expression would widen the float back to a double before boxing it.
                    if (type.Kind == TypeKind.Float32)
                    {
                        var f = (float)d;
                        if ((float.IsInfinity(f) && !double.IsInfinity(d)) || (f == 0 && d != 0))
                        {
                            error = new FederationException(ErrorCode.NumericOverflow, $"\"{text}\" is out of range for type real");
                            return false;
                        }

                        value = f;
                        return true;
                    }

                    if (double.IsInfinity(d) && !IsInfinitySpelling(span))
                    {
                        error = new FederationException(ErrorCode.NumericOverflow, $"\"{text}\" is out of range for type double precision");
                        return false;
                    }

                    value = d;
                    return true;
                }

                break;
            case TypeKind.Decimal:
                if (DecimalMath.TryParse(span, type.Scale, out var unscaled))
                {
                    if (!DecimalMath.FitsPrecision(unscaled, type.Precision))
                    {
                        error = DecimalMath.Overflow(type.Precision, type.Scale);
                        return false;
                    }

                    value = unscaled;
                    return true;
                }

                break;
            case TypeKind.Date:
                if (DateTimeMath.TryParseDate(span, out var days))
                {
                    value = days;
                    return true;
                }

                if (span.Equals("epoch", StringComparison.OrdinalIgnoreCase))
                {
                    value = 0;
                    return true;
                }

                error = InvalidDate(text, type, span);
                return false;
            case TypeKind.Timestamp:
            case TypeKind.TimestampTz:
                if (TryParseTimestamp(span, type.Kind == TypeKind.TimestampTz, zone, out var micros))
                {
                    value = micros;
                    return true;
                }

                error = UnknownZone(span) ?? InvalidDate(text, type, span);
                return false;
            case TypeKind.Interval:
                if (IntervalParser.TryParse(text, null, null, out var interval))
                {
                    value = interval;
                    return true;
                }

                break;
            case TypeKind.Binary:
                value = span.StartsWith("\\x") && TryHex(span[2..], out var bytes) ? bytes : Encoding.UTF8.GetBytes(text);
                return true;
        }

        error = new FederationException(ErrorCode.InvalidCast, $"invalid input syntax for type {TypeWord(type)}: \"{text}\"");
        return false;
    }

    /// <summary>A date and time followed by a word that names no zone: PostgreSQL's "time zone ... not recognized".</summary>
    private static FederationException? UnknownZone(ReadOnlySpan<char> span)
    {
        var lastSpace = span.LastIndexOf(' ');
        if (lastSpace > 0 && span[(lastSpace + 1)..].ContainsAnyExcept("0123456789:.+-") && DateTimeMath.TryParseTimestamp(span[..lastSpace], out _, out _))
        {
            return new FederationException(ErrorCode.InvalidDatetime, $"time zone \"{span[(lastSpace + 1)..].ToString().ToLowerInvariant()}\" not recognized");
        }

        return null;
    }

    private static FederationException InvalidDate(string text, SqlType type, ReadOnlySpan<char> span)
    {
        // A well-formed date with an impossible day or month is "out of range", as PostgreSQL says.
        var looksLikeDate = span.Length >= 8 && char.IsAsciiDigit(span[0]) && span.IndexOfAny('-', '/') > 0;
        return looksLikeDate
            ? new FederationException(ErrorCode.InvalidDatetime, $"date/time field value out of range: \"{text}\"")
            : new FederationException(ErrorCode.InvalidDatetime, $"invalid input syntax for type {TypeWord(type)}: \"{text}\"");
    }

    private static string TypeWord(SqlType type) => type.Kind switch
    {
        TypeKind.Decimal => "numeric",
        TypeKind.String => "text",
        _ => type.ToString(),
    };

    /// <summary>
    /// A timestamp, or a timestamptz: an offset in the text wins, then a zone name after the time ('2024-03-31 02:30
    /// Europe/Paris'), then the session zone. A timestamp without time zone ignores any zone (PostgreSQL).
    /// </summary>
    private static bool TryParseTimestamp(ReadOnlySpan<char> span, bool withZone, SessionTimeZone zone, out long micros)
    {
        if (DateTimeMath.TryParseTimestamp(span, out micros, out var hadZone))
        {
            if (!withZone && hadZone)
            {
                DateTimeMath.TryParseTimestamp(StripZone(span), out micros, out _);
            }
            else if (withZone && !hadZone)
            {
                micros = zone.ToUtc(micros);
            }

            return true;
        }

        // A zone name as the last word: the wall clock is read in that zone.
        var lastSpace = span.LastIndexOf(' ');
        if (lastSpace > 0 && DateTimeMath.TryParseTimestamp(span[..lastSpace], out var local, out var innerZone) && !innerZone
            && SessionTimeZone.Find(span[(lastSpace + 1)..].ToString()) is { } named)
        {
            micros = withZone ? named.ToUtc(local) : local;
            return true;
        }

        return false;
    }

    private static ReadOnlySpan<char> StripZone(ReadOnlySpan<char> span)
    {
        var time = span.IndexOfAny(' ', 'T');
        if (time < 0)
        {
            return span;
        }

        for (var i = time + 1; i < span.Length; i++)
        {
            if (span[i] is '+' or '-' or 'Z' or 'z' || (span[i] == ' ' && i + 1 < span.Length && char.IsAsciiLetter(span[i + 1])))
            {
                return span[..i].TrimEnd();
            }
        }

        return span;
    }

    public static bool TryParseBoolean(ReadOnlySpan<char> span, out bool value)
    {
        value = false;
        if (span.IsEmpty)
        {
            return false;
        }

        Span<char> lower = stackalloc char[Math.Min(span.Length, 8)];
        if (span.Length > 5)
        {
            return false;
        }

        span.ToLowerInvariant(lower);
        var word = lower[..span.Length];
        switch (word)
        {
            case "t" or "tr" or "tru" or "true" or "y" or "ye" or "yes" or "on" or "1":
                value = true;
                return true;
            case "f" or "fa" or "fal" or "fals" or "false" or "n" or "no" or "of" or "off" or "0":
                value = false;
                return !(word is "o");
            default:
                return false;
        }
    }

    public static bool TryParseFloat(ReadOnlySpan<char> span, out double value)
    {
        if (double.TryParse(span, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        if (span.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }

        if (span.Equals("infinity", StringComparison.OrdinalIgnoreCase) || span.Equals("inf", StringComparison.OrdinalIgnoreCase)
            || span.Equals("+infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = double.PositiveInfinity;
            return true;
        }

        if (span.Equals("-infinity", StringComparison.OrdinalIgnoreCase) || span.Equals("-inf", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NegativeInfinity;
            return true;
        }

        return false;
    }

    /// <summary>Whether parsed text spelled an infinity, rather than a finite number too large for a double.</summary>
    private static bool IsInfinitySpelling(ReadOnlySpan<char> span) => span.ContainsAny('i', 'I');

    private static bool IsAllDigitsWithSign(ReadOnlySpan<char> span)
    {
        if (span.IsEmpty)
        {
            return false;
        }

        var start = span[0] is '+' or '-' ? 1 : 0;
        if (start == span.Length)
        {
            return false;
        }

        for (var i = start; i < span.Length; i++)
        {
            if (!char.IsAsciiDigit(span[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryHex(ReadOnlySpan<char> hex, out byte[] bytes)
    {
        bytes = [];
        if (hex.Length % 2 != 0)
        {
            return false;
        }

        try
        {
            bytes = Convert.FromHexString(hex);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
