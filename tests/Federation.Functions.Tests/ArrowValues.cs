using System.Globalization;
using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Tests;

/// <summary>Builds Arrow arrays (with nulls, optionally sliced) and scalars for kernel tests, and reads results back as text.</summary>
public static class ArrowValues
{
    public static IArrowArray Strings(params string?[] values) => FromScalars(SqlType.String, values.Select(v => v is null ? ScalarValue.NullOf(SqlType.String) : ScalarValue.String(v)));

    public static IArrowArray Int16s(params short?[] values) => FromScalars(SqlType.Int16, values.Select(v => v is { } x ? ScalarValue.Int16(x) : ScalarValue.NullOf(SqlType.Int16)));

    public static IArrowArray Int32s(params int?[] values) => FromScalars(SqlType.Int32, values.Select(v => v is { } x ? ScalarValue.Int32(x) : ScalarValue.NullOf(SqlType.Int32)));

    public static IArrowArray Int64s(params long?[] values) => FromScalars(SqlType.Int64, values.Select(v => v is { } x ? ScalarValue.Int64(x) : ScalarValue.NullOf(SqlType.Int64)));

    public static IArrowArray Doubles(params double?[] values) => FromScalars(SqlType.Float64, values.Select(v => v is { } x ? ScalarValue.Float64(x) : ScalarValue.NullOf(SqlType.Float64)));

    public static IArrowArray Booleans(params bool?[] values) => FromScalars(SqlType.Boolean, values.Select(v => v is { } x ? ScalarValue.Boolean(x) : ScalarValue.NullOf(SqlType.Boolean)));

    public static IArrowArray Decimals(int precision, int scale, params string?[] values) =>
        FromScalars(SqlType.Decimal(precision, scale), values.Select(v => v is null ? ScalarValue.NullOf(SqlType.Decimal(precision, scale)) : Decimal(v, precision, scale)));

    public static IArrowArray Dates(params string?[] values) => FromScalars(SqlType.Date, values.Select(v => v is null ? ScalarValue.NullOf(SqlType.Date) : Date(v)));

    public static IArrowArray Timestamps(params string?[] values) => FromScalars(SqlType.Timestamp, values.Select(v => v is null ? ScalarValue.NullOf(SqlType.Timestamp) : Timestamp(v)));

    public static IArrowArray TimestampTzs(params string?[] values) => FromScalars(SqlType.TimestampTz, values.Select(v => v is null ? ScalarValue.NullOf(SqlType.TimestampTz) : TimestampTz(v)));

    public static ScalarValue Decimal(string text, int precision, int scale)
    {
        Assert.True(DecimalMath.TryParse(text, scale, out var unscaled));
        return ScalarValue.Decimal(unscaled, precision, scale);
    }

    public static ScalarValue Date(string text)
    {
        Assert.True(DateTimeMath.TryParseDate(text, out var days));
        return ScalarValue.Date(days);
    }

    public static ScalarValue Timestamp(string text)
    {
        Assert.True(DateTimeMath.TryParseTimestamp(text, out var micros, out _));
        return ScalarValue.Timestamp(micros);
    }

    public static ScalarValue TimestampTz(string text)
    {
        Assert.True(DateTimeMath.TryParseTimestamp(text, out var micros, out _));
        return ScalarValue.TimestampTz(micros);
    }

    public static ScalarValue IntervalOf(int months, int days, long micros) => ScalarValue.IntervalValue(new Interval(months, days, micros));

    /// <summary>A zero-copy window of an array (non-zero offset), as a filter or a batch slice produces.</summary>
    public static IArrowArray Slice(IArrowArray array, int offset, int length) => ArrowArrayFactory.Slice(array, offset, length);

    /// <summary>An array of one type from scalars (null scalars become null slots).</summary>
    public static IArrowArray FromScalars(SqlType type, IEnumerable<ScalarValue> scalars)
    {
        var values = scalars.ToList();
        var length = values.Count;
        var validity = Bitmap.AllClear(length);
        for (var i = 0; i < length; i++)
        {
            if (!values[i].IsNull)
            {
                Bitmap.Set(validity, i);
            }
        }

        var anyNull = values.Any(v => v.IsNull);
        switch (type.Kind)
        {
            case TypeKind.Boolean:
            {
                var bits = Bitmap.AllClear(length);
                for (var i = 0; i < length; i++)
                {
                    if (values[i].Value is true)
                    {
                        Bitmap.Set(bits, i);
                    }
                }

                return ArrayFactory.Boolean(bits, length, anyNull ? validity : null);
            }

            case TypeKind.String or TypeKind.Binary:
            {
                var builder = new VariableWidthBuilder(type, length);
                foreach (var value in values)
                {
                    switch (value.Value)
                    {
                        case null:
                            builder.AppendNull();
                            break;
                        case string s:
                            builder.Append(s);
                            break;
                        default:
                            builder.Append((byte[])value.Value);
                            break;
                    }
                }

                return builder.Build();
            }
        }

        var width = ArrayFactory.ByteWidth(type);
        var buffer = new byte[length * width];
        for (var i = 0; i < length; i++)
        {
            var target = buffer.AsSpan(i * width, width);
            switch (values[i].Value)
            {
                case null:
                    break;
                case short s:
                    BitConverter.TryWriteBytes(target, s);
                    break;
                case int n:
                    BitConverter.TryWriteBytes(target, n);
                    break;
                case long l:
                    BitConverter.TryWriteBytes(target, l);
                    break;
                case float f:
                    BitConverter.TryWriteBytes(target, f);
                    break;
                case double d:
                    BitConverter.TryWriteBytes(target, d);
                    break;
                case Int128 x:
                    System.Runtime.InteropServices.MemoryMarshal.Write(target, in x);
                    break;
                case Interval iv:
                    var arrow = IntervalCodec.ToArrow(iv);
                    System.Runtime.InteropServices.MemoryMarshal.Write(target, in arrow);
                    break;
                default:
                    throw new InvalidOperationException($"cannot store {values[i].Value!.GetType()}");
            }
        }

        return ArrayFactory.Fixed(type, buffer, length, anyNull ? validity : null);
    }

    /// <summary>Every row of a result as PostgreSQL text output (null for SQL NULL).</summary>
    public static string?[] Texts(ColumnarValue value, SqlType type, int rows)
    {
        var result = new string?[rows];
        for (var i = 0; i < rows; i++)
        {
            var scalar = value.IsScalar ? value.Scalar! : ArrayFactory.GetScalar(value.Array!, i, type);
            result[i] = scalar.IsNull ? null : scalar.ToString();
        }

        return result;
    }

    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
