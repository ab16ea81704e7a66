using System.Buffers.Text;
using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Formats.Text;

/// <summary>
/// Converts a column of text straight from its UTF-8 bytes into the typed buffer of its declared type, for the
/// spellings files almost always use: integers and decimals as [sign]digits[.digits] (no more fraction digits than
/// the scale), doubles in C's notation, dates as YYYY-MM-DD, timestamps as YYYY-MM-DD HH:MM:SS[.ffffff] (or with a
/// 'T'), booleans as PostgreSQL's words. Each of these reads exactly as PostgreSQL's input rules
/// (<see cref="ValueParser"/>) read it, without a string or a boxed value per row. Anything else (white space,
/// exponents, zones, a value out of range, a value that does not convert at all) answers null: the caller then
/// converts the column as before, value by value with the table's bad-data handling, so the rules and the errors
/// stay those of the cast kernel.
/// </summary>
public static class TextColumnParser
{
    /// <summary>The column converted to <paramref name="type"/>, or null when some value needs the general conversion.</summary>
    public static IArrowArray? TryConvert(StringArray text, SqlType type)
    {
        if (text.Offset != 0)
        {
            // The validity bitmap is copied from its first byte.
            return null;
        }

        var n = text.Length;
        var offsets = text.ValueOffsets;
        var bytes = text.Values;
        var validity = text.NullCount == 0 ? null : text.NullBitmapBuffer.Span[..((n + 7) / 8)].ToArray();
        switch (type.Kind)
        {
            case TypeKind.Int16 or TypeKind.Int32 or TypeKind.Int64:
            {
                var (min, max) = type.Kind switch
                {
                    TypeKind.Int16 => ((long)short.MinValue, (long)short.MaxValue),
                    TypeKind.Int32 => (int.MinValue, int.MaxValue),
                    _ => (long.MinValue, long.MaxValue),
                };
                var values = new long[n];
                for (var i = 0; i < n; i++)
                {
                    if (text.IsValid(i))
                    {
                        if (!TryParseInteger(bytes[offsets[i]..offsets[i + 1]], out var value) || value < min || value > max)
                        {
                            return null;
                        }

                        values[i] = value;
                    }
                }

                return type.Kind switch
                {
                    TypeKind.Int16 => Narrowed<short>(values, type, validity),
                    TypeKind.Int32 => Narrowed<int>(values, type, validity),
                    _ => Narrowed<long>(values, type, validity),
                };
            }

            case TypeKind.Decimal:
            {
                var buffer = ArrayFactory.AllocateValues<Int128>(n);
                var output = ArrayFactory.ValuesOf<Int128>(buffer);
                for (var i = 0; i < n; i++)
                {
                    output[i] = 0;
                    if (text.IsValid(i))
                    {
                        if (!TryParseDecimal(bytes[offsets[i]..offsets[i + 1]], type.Scale, out var value) || !DecimalMath.FitsPrecision(value, type.Precision))
                        {
                            return null;
                        }

                        output[i] = value;
                    }
                }

                return ArrayFactory.Fixed(type, buffer, n, validity);
            }

            case TypeKind.Float64 or TypeKind.Float32:
            {
                var buffer = type.Kind == TypeKind.Float64 ? ArrayFactory.AllocateValues<double>(n) : ArrayFactory.AllocateValues<float>(n);
                var doubles = type.Kind == TypeKind.Float64 ? ArrayFactory.ValuesOf<double>(buffer) : default;
                var floats = type.Kind == TypeKind.Float32 ? ArrayFactory.ValuesOf<float>(buffer) : default;
                for (var i = 0; i < n; i++)
                {
                    double value = 0;
                    if (text.IsValid(i) && !TryParseDouble(bytes[offsets[i]..offsets[i + 1]], out value))
                    {
                        return null;
                    }

                    if (type.Kind == TypeKind.Float64)
                    {
                        doubles[i] = value;
                        continue;
                    }

                    // As ValueParser: real refuses what it cannot hold (to infinity or to zero) rather than rounding it there.
                    var single = (float)value;
                    if (float.IsInfinity(single) || (single == 0 && value != 0))
                    {
                        return null;
                    }

                    floats[i] = single;
                }

                return ArrayFactory.Fixed(type, buffer, n, validity);
            }

            case TypeKind.Date:
            {
                var buffer = ArrayFactory.AllocateValues<int>(n);
                var output = ArrayFactory.ValuesOf<int>(buffer);
                for (var i = 0; i < n; i++)
                {
                    output[i] = 0;
                    if (text.IsValid(i))
                    {
                        var value = bytes[offsets[i]..offsets[i + 1]];
                        if (value.Length != 10 || !TryParseDate(value, out var days))
                        {
                            return null;
                        }

                        output[i] = days;
                    }
                }

                return ArrayFactory.Fixed(type, buffer, n, validity);
            }

            case TypeKind.Timestamp or TypeKind.TimestampTz:
            {
                // A timestamptz without an offset is UTC here: the text scans convert in UTC (TextValueConverter).
                var buffer = ArrayFactory.AllocateValues<long>(n);
                var output = ArrayFactory.ValuesOf<long>(buffer);
                for (var i = 0; i < n; i++)
                {
                    output[i] = 0;
                    if (text.IsValid(i))
                    {
                        if (!TryParseTimestamp(bytes[offsets[i]..offsets[i + 1]], out var micros))
                        {
                            return null;
                        }

                        output[i] = micros;
                    }
                }

                return ArrayFactory.Fixed(type, buffer, n, validity);
            }

            case TypeKind.Boolean:
            {
                var bits = Bitmap.AllClear(n);
                for (var i = 0; i < n; i++)
                {
                    if (text.IsValid(i))
                    {
                        if (!TryParseBoolean(bytes[offsets[i]..offsets[i + 1]], out var value))
                        {
                            return null;
                        }

                        if (value)
                        {
                            Bitmap.Set(bits, i);
                        }
                    }
                }

                return ArrayFactory.Boolean(bits, n, validity);
            }

            default:
                return null;
        }
    }

    private static IArrowArray Narrowed<T>(long[] values, SqlType type, byte[]? validity)
        where T : unmanaged, System.Numerics.INumberBase<T>
    {
        var buffer = ArrayFactory.AllocateValues<T>(values.Length);
        var output = ArrayFactory.ValuesOf<T>(buffer);
        for (var i = 0; i < values.Length; i++)
        {
            output[i] = T.CreateTruncating(values[i]);
        }

        return ArrayFactory.Fixed(type, buffer, values.Length, validity);
    }

    /// <summary>[+|-]digits, at most 18 of them (so the value cannot overflow a long).</summary>
    public static bool TryParseInteger(ReadOnlySpan<byte> text, out long value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (text.Length > 0 && text[0] is (byte)'+' or (byte)'-')
        {
            negative = text[0] == (byte)'-';
            i = 1;
        }

        if (i == text.Length || text.Length - i > 18)
        {
            return false;
        }

        for (; i < text.Length; i++)
        {
            var digit = (uint)(text[i] - '0');
            if (digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        if (negative)
        {
            value = -value;
        }

        return true;
    }

    /// <summary>[+|-]digits[.digits] with at least one digit, no more fraction digits than <paramref name="scale"/> and at most 36 digits: the unscaled value.</summary>
    public static bool TryParseDecimal(ReadOnlySpan<byte> text, int scale, out Int128 value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (text.Length > 0 && text[0] is (byte)'+' or (byte)'-')
        {
            negative = text[0] == (byte)'-';
            i = 1;
        }

        long leading = 0;
        long trailing = 0;
        var digits = 0;
        var fraction = -1;
        for (; i < text.Length; i++)
        {
            var b = text[i];
            var digit = (uint)(b - '0');
            if (digit <= 9)
            {
                // Eighteen digits a long, so neither part overflows.
                if (digits < 18)
                {
                    leading = (leading * 10) + digit;
                }
                else
                {
                    trailing = (trailing * 10) + digit;
                }

                digits++;
                if (fraction >= 0)
                {
                    fraction++;
                }
            }
            else if (b == (byte)'.' && fraction < 0)
            {
                fraction = 0;
            }
            else
            {
                return false;
            }
        }

        fraction = Math.Max(fraction, 0);
        if (digits == 0 || digits > 36 || fraction > scale)
        {
            return false;
        }

        Int128 unscaled = digits <= 18 ? leading : ((Int128)leading * DecimalMath.Pow10(digits - 18)) + trailing;
        unscaled *= DecimalMath.Pow10(scale - fraction);
        value = negative ? -unscaled : unscaled;
        return true;
    }

    /// <summary>A finite double in C's notation (sign, digits, point, exponent; no white space, no words such as NaN).</summary>
    public static bool TryParseDouble(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        if (text.IsEmpty || text.ContainsAnyExcept("0123456789+-.eE"u8))
        {
            return false;
        }

        return double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    /// <summary>YYYY-MM-DD (exactly ten bytes), a day that exists.</summary>
    public static bool TryParseDate(ReadOnlySpan<byte> text, out int days)
    {
        days = 0;
        if (text.Length != 10 || text[4] != (byte)'-' || text[7] != (byte)'-'
            || !TryDigits(text[..4], out var year) || !TryDigits(text.Slice(5, 2), out var month) || !TryDigits(text.Slice(8, 2), out var day)
            || month < 1 || month > 12 || day < 1 || day > DateTimeMath.DaysInMonth(year, month))
        {
            return false;
        }

        days = DateTimeMath.DaysFromCivil(year, month, day);
        return true;
    }

    /// <summary>YYYY-MM-DD, a space or 'T', HH:MM:SS and up to six fraction digits; hours 0-23, no zone.</summary>
    public static bool TryParseTimestamp(ReadOnlySpan<byte> text, out long micros)
    {
        micros = 0;
        if (text.Length < 19 || text[10] is not ((byte)' ' or (byte)'T') || text[13] != (byte)':' || text[16] != (byte)':'
            || !TryParseDate(text[..10], out var days)
            || !TryDigits(text.Slice(11, 2), out var hour) || !TryDigits(text.Slice(14, 2), out var minute) || !TryDigits(text.Slice(17, 2), out var second)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        long fraction = 0;
        if (text.Length > 19)
        {
            var digits = text.Length - 20;
            if (text[19] != (byte)'.' || digits < 1 || digits > 6 || !TryDigits(text[20..], out var written))
            {
                return false;
            }

            fraction = written * (long)DecimalMath.Pow10(6 - digits);
        }

        micros = (days * DateTimeMath.MicrosPerDay) + (hour * Interval.MicrosPerHour) + (minute * Interval.MicrosPerMinute) + (second * Interval.MicrosPerSecond) + fraction;
        return true;
    }

    /// <summary>PostgreSQL's boolean words and their prefixes (t, true, yes, on, 1, f, false, no, off, 0), in any case.</summary>
    public static bool TryParseBoolean(ReadOnlySpan<byte> text, out bool value)
    {
        value = false;
        if (text.IsEmpty || text.Length > 5)
        {
            return false;
        }

        Span<byte> lower = stackalloc byte[5];
        for (var i = 0; i < text.Length; i++)
        {
            var b = text[i];
            lower[i] = b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b | 0x20) : b;
        }

        var word = lower[..text.Length];
        if (word.SequenceEqual("t"u8) || word.SequenceEqual("true"u8) || word.SequenceEqual("1"u8) || word.SequenceEqual("y"u8) || word.SequenceEqual("yes"u8)
            || word.SequenceEqual("on"u8) || word.SequenceEqual("tr"u8) || word.SequenceEqual("tru"u8) || word.SequenceEqual("ye"u8))
        {
            value = true;
            return true;
        }

        return word.SequenceEqual("f"u8) || word.SequenceEqual("false"u8) || word.SequenceEqual("0"u8) || word.SequenceEqual("n"u8) || word.SequenceEqual("no"u8)
            || word.SequenceEqual("off"u8) || word.SequenceEqual("of"u8) || word.SequenceEqual("fa"u8) || word.SequenceEqual("fal"u8) || word.SequenceEqual("fals"u8);
    }

    private static bool TryDigits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        foreach (var b in text)
        {
            var digit = (uint)(b - '0');
            if (digit > 9)
            {
                return false;
            }

            value = (value * 10) + (int)digit;
        }

        return true;
    }
}
