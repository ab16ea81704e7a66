using System.Buffers.Text;
using System.Numerics;
using System.Text;
using Apache.Arrow;
using Federation.Common;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Kernels;

/// <summary>
/// CAST between any two types that <see cref="CastRules"/> allows, with PostgreSQL's semantics: integer range
/// checks, float→integer rounds half to even, numeric→integer rounds half away from zero, decimal precision
/// checks, text parsed by <see cref="ValueParser"/> (the same rules as literals).
/// </summary>
public static class CastKernel
{
    public static ColumnarValue Cast(ColumnarValue input, SqlType from, SqlType to, int rowCount, SessionTimeZone zone)
    {
        if (input.IsScalar)
        {
            var scalar = input.Scalar!;
            if (scalar.IsNull)
            {
                return ColumnarValue.FromScalar(ScalarValue.NullOf(to));
            }

            var one = Cast(ArrayFactory.FromScalar(scalar, 1), from, to, zone);
            return ColumnarValue.FromScalar(ArrayFactory.GetScalar(one, 0, to));
        }

        return ColumnarValue.FromArray(Cast(input.Array!, from, to, zone));
    }

    /// <summary>
    /// Casts an array. <paramref name="zone"/> is the session time zone: text without an offset becomes a timestamptz on
    /// its wall clock, a timestamptz becomes text, a date or a timestamp on that wall clock, and back.
    /// </summary>
    public static IArrowArray Cast(IArrowArray array, SqlType from, SqlType to, SessionTimeZone zone)
    {
        var n = array.Length;
        if (from.Kind == TypeKind.Null || array.Data.DataType.TypeId == Apache.Arrow.Types.ArrowTypeId.Null)
        {
            return ArrayFactory.Nulls(to, n);
        }

        // Text to text is free unless a length applies or CHAR padding is added (to CHAR(n)) or dropped (from CHAR(n)).
        if (from.SameComputation(to) && !(to.Kind == TypeKind.String && (to.Length >= 0 || from.IsChar)))
        {
            return array;
        }

        var validity = Validity.CopyBits(array);
        switch (to.Kind)
        {
            case TypeKind.String:
                return ToText(array, from, to, validity, zone);
            case TypeKind.Boolean:
                return from.IsInteger ? IntegerToBoolean(array, from, validity) : FromText(array, to, validity, zone);
            case TypeKind.Int16 or TypeKind.Int32 or TypeKind.Int64:
                return ToInteger(array, from, to, validity);
            case TypeKind.Float32 or TypeKind.Float64:
                return ToFloat(array, from, to, validity);
            case TypeKind.Decimal:
                return ToDecimal(array, from, to, validity);
            case TypeKind.Date:
                return ToDate(array, from, validity, zone);
            case TypeKind.Timestamp or TypeKind.TimestampTz:
                return ToTimestamp(array, from, to, validity, zone);
            case TypeKind.Interval or TypeKind.Binary when from.Kind == TypeKind.String:
                return FromText(array, to, validity, zone);
            case TypeKind.Binary when from.Kind == TypeKind.Binary:
                return array;
            default:
                throw new FederationException(ErrorCode.InvalidCast, $"cannot cast type {from} to {to}");
        }
    }

    private static bool IsValid(byte[]? validity, int i) => validity is null || Bitmap.Get(validity, i);

    // ---- to integer -------------------------------------------------------------------------------

    private static IArrowArray ToInteger(IArrowArray array, SqlType from, SqlType to, byte[]? validity)
    {
        var n = array.Length;
        var (min, max) = to.Kind switch
        {
            TypeKind.Int16 => ((long)short.MinValue, (long)short.MaxValue),
            TypeKind.Int32 => (int.MinValue, int.MaxValue),
            _ => (long.MinValue, long.MaxValue),
        };
        var values = new long[n];
        switch (from.Kind)
        {
            case TypeKind.Int16:
                Widen(ArrayFactory.FixedValues<short>(array), values);
                break;
            case TypeKind.Int32:
                Widen(ArrayFactory.FixedValues<int>(array), values);
                break;
            case TypeKind.Int64:
                ArrayFactory.FixedValues<long>(array).CopyTo(values);
                break;
            case TypeKind.Boolean:
                for (var i = 0; i < n; i++)
                {
                    values[i] = ((BooleanArray)array).GetValue(i) == true ? 1 : 0;
                }

                break;
            case TypeKind.Float32 or TypeKind.Float64:
            {
                var doubles = from.Kind == TypeKind.Float32 ? WidenFloat(ArrayFactory.FixedValues<float>(array)) : ArrayFactory.FixedValues<double>(array).ToArray();
                for (var i = 0; i < n; i++)
                {
                    if (!IsValid(validity, i))
                    {
                        continue;
                    }

                    var d = Math.Round(doubles[i], MidpointRounding.ToEven);
                    if (double.IsNaN(d) || d < min || d > max)
                    {
                        throw OutOfRange(to);
                    }

                    values[i] = (long)d;
                }

                return Narrow(values, to, validity, checkRange: false, min, max);
            }

            case TypeKind.Decimal:
            {
                var decimals = ArrayFactory.DecimalValues(array);
                for (var i = 0; i < n; i++)
                {
                    if (!IsValid(validity, i))
                    {
                        continue;
                    }

                    var whole = DecimalMath.Rescale(decimals[i], from.Scale, 0);
                    if (whole < min || whole > max)
                    {
                        throw OutOfRange(to);
                    }

                    values[i] = (long)whole;
                }

                return Narrow(values, to, validity, checkRange: false, min, max);
            }

            case TypeKind.String:
                return FromText(array, to, validity, SessionTimeZone.Utc);
            default:
                throw new FederationException(ErrorCode.InvalidCast, $"cannot cast type {from} to {to}");
        }

        return Narrow(values, to, validity, checkRange: true, min, max);
    }

    private static void Widen<T>(ReadOnlySpan<T> source, long[] target)
        where T : IBinaryInteger<T>
    {
        for (var i = 0; i < source.Length; i++)
        {
            target[i] = long.CreateTruncating(source[i]);
        }
    }

    private static double[] WidenFloat(ReadOnlySpan<float> source)
    {
        var result = new double[source.Length];
        for (var i = 0; i < source.Length; i++)
        {
            result[i] = source[i];
        }

        return result;
    }

    private static IArrowArray Narrow(long[] values, SqlType to, byte[]? validity, bool checkRange, long min, long max)
    {
        var n = values.Length;
        if (checkRange)
        {
            for (var i = 0; i < n; i++)
            {
                if ((values[i] < min || values[i] > max) && IsValid(validity, i))
                {
                    throw OutOfRange(to);
                }
            }
        }

        switch (to.Kind)
        {
            case TypeKind.Int16:
            {
                var buffer = ArrayFactory.AllocateValues<short>(n);
                var output = ArrayFactory.ValuesOf<short>(buffer);
                for (var i = 0; i < n; i++)
                {
                    output[i] = (short)values[i];
                }

                return ArrayFactory.Fixed(to, buffer, n, validity);
            }

            case TypeKind.Int32:
            {
                var buffer = ArrayFactory.AllocateValues<int>(n);
                var output = ArrayFactory.ValuesOf<int>(buffer);
                for (var i = 0; i < n; i++)
                {
                    output[i] = (int)values[i];
                }

                return ArrayFactory.Fixed(to, buffer, n, validity);
            }

            default:
            {
                var buffer = ArrayFactory.AllocateValues<long>(n);
                values.CopyTo(ArrayFactory.ValuesOf<long>(buffer));
                return ArrayFactory.Fixed(to, buffer, n, validity);
            }
        }
    }

    private static FederationException OutOfRange(SqlType to) =>
        new(ErrorCode.NumericOverflow, $"{(to.Kind == TypeKind.Int16 ? "smallint" : to.Kind == TypeKind.Int32 ? "integer" : "bigint")} out of range");

    private static IArrowArray IntegerToBoolean(IArrowArray array, SqlType from, byte[]? validity)
    {
        var n = array.Length;
        var bits = Bitmap.AllClear(n);
        var longs = new long[n];
        switch (from.Kind)
        {
            case TypeKind.Int16: Widen(ArrayFactory.FixedValues<short>(array), longs); break;
            case TypeKind.Int32: Widen(ArrayFactory.FixedValues<int>(array), longs); break;
            default: ArrayFactory.FixedValues<long>(array).CopyTo(longs); break;
        }

        for (var i = 0; i < n; i++)
        {
            if (longs[i] != 0)
            {
                Bitmap.Set(bits, i);
            }
        }

        return ArrayFactory.Boolean(bits, n, validity);
    }

    // ---- to float -----------------------------------------------------------------------------------

    private static IArrowArray ToFloat(IArrowArray array, SqlType from, SqlType to, byte[]? validity)
    {
        var n = array.Length;
        var doubles = new double[n];
        switch (from.Kind)
        {
            case TypeKind.Int16: ToDoubles(ArrayFactory.FixedValues<short>(array), doubles); break;
            case TypeKind.Int32: ToDoubles(ArrayFactory.FixedValues<int>(array), doubles); break;
            case TypeKind.Int64: ToDoubles(ArrayFactory.FixedValues<long>(array), doubles); break;
            case TypeKind.Float32: ToDoubles(ArrayFactory.FixedValues<float>(array), doubles); break;
            case TypeKind.Float64: ArrayFactory.FixedValues<double>(array).CopyTo(doubles); break;
            case TypeKind.Decimal:
            {
                var decimals = ArrayFactory.DecimalValues(array);
                for (var i = 0; i < n; i++)
                {
                    doubles[i] = DecimalMath.ToDouble(decimals[i], from.Scale);
                }

                break;
            }

            case TypeKind.String:
                return FromText(array, to, validity, SessionTimeZone.Utc);
            default:
                throw new FederationException(ErrorCode.InvalidCast, $"cannot cast type {from} to {to}");
        }

        if (to.Kind == TypeKind.Float64)
        {
            var buffer = ArrayFactory.AllocateValues<double>(n);
            doubles.CopyTo(ArrayFactory.ValuesOf<double>(buffer));
            return ArrayFactory.Fixed(to, buffer, n, validity);
        }

        var floatBuffer = ArrayFactory.AllocateValues<float>(n);
        var floats = ArrayFactory.ValuesOf<float>(floatBuffer);
        for (var i = 0; i < n; i++)
        {
            var f = (float)doubles[i];

            // PostgreSQL refuses a finite value that real cannot hold rather than turning it into infinity.
            if (float.IsInfinity(f) && double.IsFinite(doubles[i]) && IsValid(validity, i))
            {
                throw new FederationException(ErrorCode.NumericOverflow, "value out of range: overflow");
            }

            floats[i] = f;
        }

        return ArrayFactory.Fixed(to, floatBuffer, n, validity);
    }

    private static void ToDoubles<T>(ReadOnlySpan<T> source, double[] target)
        where T : INumberBase<T>
    {
        for (var i = 0; i < source.Length; i++)
        {
            target[i] = double.CreateTruncating(source[i]);
        }
    }

    // ---- to decimal ---------------------------------------------------------------------------------

    private static IArrowArray ToDecimal(IArrowArray array, SqlType from, SqlType to, byte[]? validity)
    {
        var n = array.Length;
        var buffer = ArrayFactory.AllocateValues<Int128>(n);
        var output = ArrayFactory.ValuesOf<Int128>(buffer);
        var limit = DecimalMath.Limit(to.Precision);
        try
        {
            switch (from.Kind)
            {
                case TypeKind.Int16 or TypeKind.Int32 or TypeKind.Int64:
                {
                    var factor = DecimalMath.Pow10(to.Scale);
                    var longs = new long[n];
                    switch (from.Kind)
                    {
                        case TypeKind.Int16: Widen(ArrayFactory.FixedValues<short>(array), longs); break;
                        case TypeKind.Int32: Widen(ArrayFactory.FixedValues<int>(array), longs); break;
                        default: ArrayFactory.FixedValues<long>(array).CopyTo(longs); break;
                    }

                    for (var i = 0; i < n; i++)
                    {
                        var v = longs[i] * factor;
                        if ((v >= limit || v <= -limit) && IsValid(validity, i))
                        {
                            throw DecimalMath.Overflow(to.Precision, to.Scale);
                        }

                        output[i] = v;
                    }

                    break;
                }

                case TypeKind.Decimal:
                {
                    var source = ArrayFactory.DecimalValues(array);
                    for (var i = 0; i < n; i++)
                    {
                        if (!IsValid(validity, i))
                        {
                            output[i] = 0;
                            continue;
                        }

                        var v = DecimalMath.Rescale(source[i], from.Scale, to.Scale);
                        if (v >= limit || v <= -limit)
                        {
                            throw DecimalMath.Overflow(to.Precision, to.Scale);
                        }

                        output[i] = v;
                    }

                    break;
                }

                case TypeKind.Float32 or TypeKind.Float64:
                {
                    for (var i = 0; i < n; i++)
                    {
                        if (!IsValid(validity, i))
                        {
                            output[i] = 0;
                            continue;
                        }

                        var d = from.Kind == TypeKind.Float32 ? ArrayFactory.FixedValues<float>(array)[i] : ArrayFactory.FixedValues<double>(array)[i];
                        // Go through the shortest decimal text so 0.1 becomes exactly 0.1, as PostgreSQL converts.
                        var text = from.Kind == TypeKind.Float32 ? DecimalMath.FormatFloat((float)d) : DecimalMath.FormatDouble(d);
                        if (!DecimalMath.TryParse(text, to.Scale, out var v))
                        {
                            throw new FederationException(ErrorCode.InvalidCast, $"cannot convert {text} to numeric");
                        }

                        if (v >= limit || v <= -limit)
                        {
                            throw DecimalMath.Overflow(to.Precision, to.Scale);
                        }

                        output[i] = v;
                    }

                    break;
                }

                case TypeKind.String:
                    return FromText(array, to, validity, SessionTimeZone.Utc);
                default:
                    throw new FederationException(ErrorCode.InvalidCast, $"cannot cast type {from} to {to}");
            }
        }
        catch (OverflowException)
        {
            throw DecimalMath.Overflow(to.Precision, to.Scale);
        }

        return ArrayFactory.Fixed(to, buffer, n, validity);
    }

    // ---- dates and timestamps -------------------------------------------------------------------------

    private static IArrowArray ToDate(IArrowArray array, SqlType from, byte[]? validity, SessionTimeZone zone)
    {
        var n = array.Length;
        switch (from.Kind)
        {
            case TypeKind.TimestampTz when !zone.IsFixed || zone.OffsetSecondsAt(0) != 0:
            {
                // The date on the session zone's wall clock.
                var micros = ArrayFactory.FixedValues<long>(array);
                var buffer = ArrayFactory.AllocateValues<int>(n);
                var output = ArrayFactory.ValuesOf<int>(buffer);
                for (var i = 0; i < n; i++)
                {
                    output[i] = IsValid(validity, i) ? DateTimeMath.DateOfTimestamp(zone.ToLocal(micros[i])) : 0;
                }

                return ArrayFactory.Fixed(SqlType.Date, buffer, n, validity);
            }

            case TypeKind.Timestamp or TypeKind.TimestampTz:
            {
                var micros = ArrayFactory.FixedValues<long>(array);
                var buffer = ArrayFactory.AllocateValues<int>(n);
                var output = ArrayFactory.ValuesOf<int>(buffer);
                for (var i = 0; i < n; i++)
                {
                    output[i] = DateTimeMath.DateOfTimestamp(micros[i]);
                }

                return ArrayFactory.Fixed(SqlType.Date, buffer, n, validity);
            }

            case TypeKind.String:
                return FromText(array, SqlType.Date, validity, zone);
            default:
                throw new FederationException(ErrorCode.InvalidCast, $"cannot cast type {from} to date");
        }
    }

    private static IArrowArray ToTimestamp(IArrowArray array, SqlType from, SqlType to, byte[]? validity, SessionTimeZone zone)
    {
        var n = array.Length;
        var utc = zone.IsFixed && zone.OffsetSecondsAt(0) == 0;
        switch (from.Kind)
        {
            case TypeKind.Date:
            {
                // A date is midnight on the wall clock; as a timestamptz, midnight in the session zone.
                var days = ArrayFactory.FixedValues<int>(array);
                var buffer = ArrayFactory.AllocateValues<long>(n);
                var output = ArrayFactory.ValuesOf<long>(buffer);
                var toZone = to.Kind == TypeKind.TimestampTz && !utc;
                for (var i = 0; i < n; i++)
                {
                    var local = days[i] * DateTimeMath.MicrosPerDay;
                    output[i] = toZone && IsValid(validity, i) ? zone.ToUtc(local) : local;
                }

                return ArrayFactory.Fixed(to, buffer, n, validity);
            }

            case TypeKind.Timestamp or TypeKind.TimestampTz:
            {
                // timestamp -> timestamptz reads the wall clock in the session zone; timestamptz -> timestamp shows it.
                var buffer = ArrayFactory.AllocateValues<long>(n);
                var output = ArrayFactory.ValuesOf<long>(buffer);
                var input = ArrayFactory.FixedValues<long>(array);
                if (utc || from.Kind == to.Kind)
                {
                    input.CopyTo(output);
                }
                else if (to.Kind == TypeKind.TimestampTz)
                {
                    for (var i = 0; i < n; i++)
                    {
                        output[i] = IsValid(validity, i) ? zone.ToUtc(input[i]) : 0;
                    }
                }
                else
                {
                    for (var i = 0; i < n; i++)
                    {
                        output[i] = IsValid(validity, i) ? zone.ToLocal(input[i]) : 0;
                    }
                }

                return ArrayFactory.Fixed(to, buffer, n, validity);
            }

            case TypeKind.String:
                return FromText(array, to, validity, zone);
            default:
                throw new FederationException(ErrorCode.InvalidCast, $"cannot cast type {from} to {to}");
        }
    }

    // ---- text -------------------------------------------------------------------------------------------

    private static IArrowArray FromText(IArrowArray array, SqlType to, byte[]? validity, SessionTimeZone zone)
    {
        var strings = (StringArray)array;
        var n = array.Length;
        var values = new object?[n];
        for (var i = 0; i < n; i++)
        {
            if (!IsValid(validity, i))
            {
                continue;
            }

            values[i] = ValueParser.Parse(strings.GetString(i), to, zone);
        }

        return BuildFromObjects(values, to, validity);
    }

    /// <summary>Builds an array from parsed values (text input is already per-row work, so boxing here is not the bottleneck).</summary>
    private static IArrowArray BuildFromObjects(object?[] values, SqlType type, byte[]? validity)
    {
        var n = values.Length;
        switch (type.Kind)
        {
            case TypeKind.Boolean:
            {
                var bits = Bitmap.AllClear(n);
                for (var i = 0; i < n; i++)
                {
                    if (values[i] is true)
                    {
                        Bitmap.Set(bits, i);
                    }
                }

                return ArrayFactory.Boolean(bits, n, validity);
            }

            case TypeKind.Binary:
            {
                var builder = new VariableWidthBuilder(type, n);
                for (var i = 0; i < n; i++)
                {
                    if (values[i] is byte[] bytes)
                    {
                        builder.Append(bytes);
                    }
                    else
                    {
                        builder.AppendNull();
                    }
                }

                return builder.Build();
            }

            case TypeKind.Int16: return FillObjects<short>(values, type, validity);
            case TypeKind.Int32 or TypeKind.Date: return FillObjects<int>(values, type, validity);
            case TypeKind.Int64 or TypeKind.Timestamp or TypeKind.TimestampTz: return FillObjects<long>(values, type, validity);
            case TypeKind.Float32: return FillObjects<float>(values, type, validity);
            case TypeKind.Float64: return FillObjects<double>(values, type, validity);
            case TypeKind.Decimal: return FillObjects<Int128>(values, type, validity);
            case TypeKind.Interval:
            {
                var buffer = ArrayFactory.AllocateValues<Apache.Arrow.Scalars.MonthDayNanosecondInterval>(n);
                var output = ArrayFactory.ValuesOf<Apache.Arrow.Scalars.MonthDayNanosecondInterval>(buffer);
                for (var i = 0; i < n; i++)
                {
                    output[i] = values[i] is Interval iv ? IntervalCodec.ToArrow(iv) : default;
                }

                return ArrayFactory.Fixed(type, buffer, n, validity);
            }

            default:
                throw FederationException.Internal($"cannot build {type} from text");
        }
    }

    private static IArrowArray FillObjects<T>(object?[] values, SqlType type, byte[]? validity)
        where T : unmanaged
    {
        var buffer = ArrayFactory.AllocateValues<T>(values.Length);
        var output = ArrayFactory.ValuesOf<T>(buffer);
        for (var i = 0; i < values.Length; i++)
        {
            output[i] = values[i] is T v ? v : default;
        }

        return ArrayFactory.Fixed(type, buffer, values.Length, validity);
    }

    private static IArrowArray ToText(IArrowArray array, SqlType from, SqlType to, byte[]? validity, SessionTimeZone zone)
    {
        var n = array.Length;
        var builder = new VariableWidthBuilder(SqlType.String, n, n * 8);
        var maxChars = to.Length;
        switch (from.Kind)
        {
            case TypeKind.String:
            {
                // CHAR(n) to varchar/text drops the blank padding; to CHAR(n) pads to n.
                var trim = from.IsChar && !to.IsChar;
                var strings = (StringArray)array;
                for (var i = 0; i < n; i++)
                {
                    if (!IsValid(validity, i))
                    {
                        builder.AppendNull();
                        continue;
                    }

                    var bytes = strings.GetBytes(i);
                    if (trim)
                    {
                        bytes = CharPadding.TrimTrailingBlanks(bytes);
                    }

                    Append(builder, maxChars >= 0 ? CharPadding.Truncate(bytes, maxChars) : bytes, to);
                }

                return builder.Build();
            }

            case TypeKind.Int16 or TypeKind.Int32 or TypeKind.Int64:
            {
                var longs = new long[n];
                switch (from.Kind)
                {
                    case TypeKind.Int16: Widen(ArrayFactory.FixedValues<short>(array), longs); break;
                    case TypeKind.Int32: Widen(ArrayFactory.FixedValues<int>(array), longs); break;
                    default: ArrayFactory.FixedValues<long>(array).CopyTo(longs); break;
                }

                Span<byte> digits = stackalloc byte[20];
                for (var i = 0; i < n; i++)
                {
                    if (!IsValid(validity, i))
                    {
                        builder.AppendNull();
                        continue;
                    }

                    if (to.IsChar)
                    {
                        Utf8Formatter.TryFormat(longs[i], digits, out var length);
                        CharPadding.AppendPadded(builder, digits[..Math.Min(length, maxChars)], maxChars);
                        continue;
                    }

                    var span = builder.Reserve(20);
                    Utf8Formatter.TryFormat(longs[i], span, out var written);
                    builder.Commit(maxChars >= 0 ? Math.Min(written, maxChars) : written);
                }

                return builder.Build();
            }

            default:
                for (var i = 0; i < n; i++)
                {
                    if (!IsValid(validity, i))
                    {
                        builder.AppendNull();
                        continue;
                    }

                    var value = ArrayFactory.GetScalar(array, i, from);
                    var text = from.Kind == TypeKind.TimestampTz ? ValueFormatter.Format(from, value.Value!, zone) : value.ToString();
                    builder.Append(to.IsChar ? CharPadding.Pad(text, maxChars) : maxChars >= 0 && text.Length > maxChars ? text[..maxChars] : text);
                }

                return builder.Build();
        }
    }

    private static void Append(VariableWidthBuilder builder, ReadOnlySpan<byte> utf8, SqlType to)
    {
        if (to.IsChar)
        {
            CharPadding.AppendPadded(builder, utf8, to.Length);
        }
        else
        {
            builder.Append(utf8);
        }
    }

    /// <summary>Decodes UTF-8 from a string array row (shared helper for kernels that need .NET strings).</summary>
    public static string GetString(StringArray array, int index) => Encoding.UTF8.GetString(array.GetBytes(index));
}
