using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;
using Apache.Arrow;
using Apache.Arrow.Arrays;
using Apache.Arrow.Types;
using Federation.Common.Types;

namespace Federation.Cli.Shell;

/// <summary>
/// Renders one Arrow value as text, by its Arrow type alone, so results of any Flight SQL server print the same way
/// PostgreSQL prints them: decimals with their scale (16300.50), doubles in the shortest form that reads back to the
/// same value, dates 2024-01-31, timestamps 2024-01-31 12:00:00 (with "+00" when zoned: Arrow keeps UTC instants),
/// booleans true/false, intervals "1 year 2 mons 3 days 04:05:06", binary as \x hex. Null is returned as null; each
/// printer shows it its own way.
/// </summary>
public static class ValueRenderer
{
    public static string? Render(IArrowArray array, int index)
    {
        if (array.IsNull(index))
        {
            return null;
        }

        return array switch
        {
            BooleanArray a => a.GetValue(index)!.Value ? "true" : "false",
            Int8Array a => Integer(a.GetValue(index)!.Value),
            Int16Array a => Integer(a.GetValue(index)!.Value),
            Int32Array a => Integer(a.GetValue(index)!.Value),
            Int64Array a => Integer(a.GetValue(index)!.Value),
            UInt8Array a => Integer(a.GetValue(index)!.Value),
            UInt16Array a => Integer(a.GetValue(index)!.Value),
            UInt32Array a => Integer(a.GetValue(index)!.Value),
            UInt64Array a => Integer(a.GetValue(index)!.Value),
            HalfFloatArray a => FloatingPoint((double)a.GetValue(index)!.Value, isSingle: true),
            FloatArray a => FloatingPoint(a.GetValue(index)!.Value, isSingle: true),
            DoubleArray a => FloatingPoint(a.GetValue(index)!.Value, isSingle: false),
            Decimal32Array a => Decimal(Fixed<int>(a)[index], ((Decimal32Type)a.Data.DataType).Scale),
            Decimal64Array a => Decimal(Fixed<long>(a)[index], ((Decimal64Type)a.Data.DataType).Scale),
            Decimal128Array a => Decimal(Fixed<Int128>(a)[index], ((Decimal128Type)a.Data.DataType).Scale),
            Decimal256Array a => Decimal(Decimal256(a, index), ((Decimal256Type)a.Data.DataType).Scale),
            StringArray a => a.GetString(index),
            LargeStringArray a => a.GetString(index),
            StringViewArray a => a.GetString(index),
            BinaryArray a => Hex(a.GetBytes(index)),
            LargeBinaryArray a => Hex(a.GetBytes(index)),
            BinaryViewArray a => Hex(a.GetBytes(index)),
            FixedSizeBinaryArray a => Hex(Bytes(a, index)),
            Date32Array a => DateTimeMath.FormatDate(Fixed<int>(a)[index]),
            Date64Array a => DateTimeMath.FormatDate((int)DateTimeMath.FloorDiv(Fixed<long>(a)[index], 86_400_000)),
            TimestampArray a => Timestamp(Fixed<long>(a)[index], (TimestampType)a.Data.DataType),
            Time32Array a => TimeOfDay(Fixed<int>(a)[index], ((Time32Type)a.Data.DataType).Unit),
            Time64Array a => TimeOfDay(Fixed<long>(a)[index], ((Time64Type)a.Data.DataType).Unit),
            MonthDayNanosecondIntervalArray a => IntervalText(a.GetValue(index)!.Value),
            YearMonthIntervalArray a => new Interval(a.GetValue(index)!.Value.Months, 0, 0).ToString(),
            DayTimeIntervalArray a => DayTime(a.GetValue(index)!.Value),
            DurationArray a => new Interval(0, 0, ToMicros(Fixed<long>(a)[index], ((DurationType)a.Data.DataType).Unit)).ToString(),
            DictionaryArray a => Render(a.Dictionary, DictionaryIndex(a.Indices, index)),
            ListArray a => List(a.GetSlicedValues(index)),
            LargeListArray a => List(a.GetSlicedValues(index)),
            FixedSizeListArray a => List(a.GetSlicedValues(index)),
            StructArray a => Struct(a, index),
            NullArray => null,
            _ => throw new NotSupportedException($"cannot display values of Arrow type {array.Data.DataType.Name}"),
        };
    }

    /// <summary>True for types whose rendering is a JSON number (integers and decimals; floats when finite).</summary>
    public static bool IsNumeric(IArrowType type) => type.TypeId is ArrowTypeId.Int8 or ArrowTypeId.Int16 or ArrowTypeId.Int32 or ArrowTypeId.Int64
        or ArrowTypeId.UInt8 or ArrowTypeId.UInt16 or ArrowTypeId.UInt32 or ArrowTypeId.UInt64
        or ArrowTypeId.HalfFloat or ArrowTypeId.Float or ArrowTypeId.Double
        or ArrowTypeId.Decimal32 or ArrowTypeId.Decimal64 or ArrowTypeId.Decimal128 or ArrowTypeId.Decimal256;

    public static bool IsBoolean(IArrowType type) => type.TypeId == ArrowTypeId.Boolean;

    private static string Integer<T>(T value)
        where T : IFormattable => value.ToString(null, CultureInfo.InvariantCulture);

    private static string FloatingPoint(double value, bool isSingle)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        // Shortest text that reads back to the same value, in the value's own width (0.1f is "0.1", not 0.100000001).
        return isSingle ? ((float)value).ToString("R", CultureInfo.InvariantCulture) : value.ToString("R", CultureInfo.InvariantCulture);
    }

    private static string Decimal(BigInteger unscaled, int scale)
    {
        if (scale <= 0)
        {
            return (unscaled * BigInteger.Pow(10, -scale)).ToString(CultureInfo.InvariantCulture);
        }

        var negative = unscaled.Sign < 0;
        var digits = BigInteger.Abs(unscaled).ToString(CultureInfo.InvariantCulture).PadLeft(scale + 1, '0');
        var text = string.Concat(digits.AsSpan(0, digits.Length - scale), ".", digits.AsSpan(digits.Length - scale));
        return negative ? "-" + text : text;
    }

    private static BigInteger Decimal256(Decimal256Array array, int index)
    {
        var bytes = array.ValueBuffer.Span.Slice((array.Offset + index) * 32, 32);
        return new BigInteger(bytes, isUnsigned: false, isBigEndian: false);
    }

    private static string Timestamp(long value, TimestampType type)
    {
        var unitsPerSecond = UnitsPerSecond(type.Unit);
        var unitsPerDay = unitsPerSecond * 86_400;
        var days = DateTimeMath.FloorDiv(value, unitsPerDay);
        var date = DateTimeMath.FormatDate((int)days);
        var bc = date.EndsWith(" BC", StringComparison.Ordinal);
        if (!string.IsNullOrEmpty(type.Timezone) && type.Unit == TimeUnit.Microsecond)
        {
            // An instant: shown on the wall clock of the zone the schema names (the session's), with its offset.
            return DateTimeMath.FormatTimestampTz(value, SessionTimeZone.FromArrowName(type.Timezone));
        }

        var sb = new StringBuilder(bc ? date[..^3] : date).Append(' ');
        AppendTime(sb, value - (days * unitsPerDay), unitsPerSecond);
        if (!string.IsNullOrEmpty(type.Timezone))
        {
            sb.Append("+00");
        }

        return bc ? sb.Append(" BC").ToString() : sb.ToString();
    }

    private static string TimeOfDay(long value, TimeUnit unit)
    {
        var sb = new StringBuilder(16);
        AppendTime(sb, value, UnitsPerSecond(unit));
        return sb.ToString();
    }

    /// <summary>hh:mm:ss, then the fraction with its trailing zeros dropped, as PostgreSQL prints it.</summary>
    private static void AppendTime(StringBuilder sb, long unitsOfDay, long unitsPerSecond)
    {
        var seconds = unitsOfDay / unitsPerSecond;
        var fraction = unitsOfDay % unitsPerSecond;
        sb.Append(CultureInfo.InvariantCulture, $"{seconds / 3600:00}:{seconds / 60 % 60:00}:{seconds % 60:00}");
        if (fraction != 0)
        {
            var width = (int)Math.Log10(unitsPerSecond);
            sb.Append('.').Append(fraction.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0').TrimEnd('0'));
        }
    }

    private static long UnitsPerSecond(TimeUnit unit) => unit switch
    {
        TimeUnit.Second => 1,
        TimeUnit.Millisecond => 1_000,
        TimeUnit.Microsecond => 1_000_000,
        _ => 1_000_000_000,
    };

    private static long ToMicros(long value, TimeUnit unit) => unit switch
    {
        TimeUnit.Second => value * 1_000_000,
        TimeUnit.Millisecond => value * 1_000,
        TimeUnit.Microsecond => value,
        _ => value / 1_000,
    };

    private static string IntervalText(Apache.Arrow.Scalars.MonthDayNanosecondInterval value) =>
        new Interval(value.Months, value.Days, value.Nanoseconds / 1000).ToString();

    private static string DayTime(Apache.Arrow.Scalars.DayTimeInterval value) => new Interval(0, value.Days, value.Milliseconds * 1000L).ToString();

    private static string Hex(ReadOnlySpan<byte> bytes) => "\\x" + Convert.ToHexStringLower(bytes);

    private static ReadOnlySpan<byte> Bytes(FixedSizeBinaryArray array, int index)
    {
        var width = ((FixedSizeBinaryType)array.Data.DataType).ByteWidth;
        return array.ValueBuffer.Span.Slice((array.Offset + index) * width, width);
    }

    private static int DictionaryIndex(IArrowArray indices, int index) => indices switch
    {
        Int8Array a => a.GetValue(index)!.Value,
        Int16Array a => a.GetValue(index)!.Value,
        Int32Array a => a.GetValue(index)!.Value,
        Int64Array a => (int)a.GetValue(index)!.Value,
        UInt8Array a => a.GetValue(index)!.Value,
        UInt16Array a => a.GetValue(index)!.Value,
        UInt32Array a => (int)a.GetValue(index)!.Value,
        UInt64Array a => (int)a.GetValue(index)!.Value,
        _ => throw new NotSupportedException($"dictionary indices of type {indices.Data.DataType.Name}"),
    };

    /// <summary>PostgreSQL's array literal: {1,2,NULL}.</summary>
    private static string List(IArrowArray values)
    {
        var parts = new string[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            parts[i] = Render(values, i) ?? "NULL";
        }

        return "{" + string.Join(",", parts) + "}";
    }

    /// <summary>PostgreSQL's row literal: (1,abc,).</summary>
    private static string Struct(StructArray array, int index)
    {
        var parts = new string[array.Fields.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = Render(array.Fields[i], index) ?? string.Empty;
        }

        return "(" + string.Join(",", parts) + ")";
    }

    /// <summary>Values of a fixed-width array reinterpreted as T, the array's offset applied.</summary>
    private static ReadOnlySpan<T> Fixed<T>(IArrowArray array)
        where T : unmanaged =>
        MemoryMarshal.Cast<byte, T>(array.Data.Buffers[1].Span).Slice(array.Offset, array.Length);
}
