using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Types;
using Federation.Common.Types;

namespace Federation.Common.Arrow;

/// <summary>Builds Arrow arrays straight from buffers the kernels filled, without per-value builders.</summary>
public static class ArrayFactory
{
    private static ArrowBuffer Buffer(byte[]? bytes) => bytes is null ? ArrowBuffer.Empty : new ArrowBuffer(bytes);

    /// <summary>Allocates an uninitialised byte buffer holding <paramref name="count"/> values of T.</summary>
    public static byte[] AllocateValues<T>(int count)
        where T : unmanaged => GC.AllocateUninitializedArray<byte>(Math.Max(count * Unsafe.SizeOf<T>(), 0));

    /// <summary>
    /// An uninitialised buffer for the bytes of one string or binary column of a batch, whose int32 offsets cannot
    /// address more than 2 GiB.
    /// </summary>
    public static byte[] AllocateVariableData(long bytes) => bytes <= int.MaxValue
        ? GC.AllocateUninitializedArray<byte>((int)bytes)
        : throw new FederationException(ErrorCode.MemoryLimitExceeded, "a string column of one batch exceeds 2 GiB");

    public static Span<T> ValuesOf<T>(byte[] buffer)
        where T : unmanaged => MemoryMarshal.Cast<byte, T>(buffer.AsSpan());

    /// <summary>A fixed-width array (ints, floats, dates, timestamps, decimals, intervals) over a filled buffer.</summary>
    public static IArrowArray Fixed(SqlType type, byte[] values, int length, byte[]? validity) =>
        Fixed(ArrowTypes.ToArrow(type), values, length, validity);

    public static IArrowArray Fixed(IArrowType arrowType, byte[] values, int length, byte[]? validity)
    {
        var nullCount = Validity.NullCount(validity, length);
        var data = new ArrayData(arrowType, length, nullCount, 0, [nullCount == 0 ? ArrowBuffer.Empty : Buffer(validity), new ArrowBuffer(values)]);
        return ArrowArrayFactory.BuildArray(data);
    }

    public static BooleanArray Boolean(byte[] valueBits, int length, byte[]? validity)
    {
        var nullCount = Validity.NullCount(validity, length);
        var data = new ArrayData(BooleanType.Default, length, nullCount, 0, [nullCount == 0 ? ArrowBuffer.Empty : Buffer(validity), new ArrowBuffer(valueBits)]);
        return new BooleanArray(data);
    }

    /// <summary>A string or binary array from offsets (length + 1 entries) and UTF-8 bytes.</summary>
    public static IArrowArray Variable(SqlType type, byte[] offsets, byte[] data, int length, byte[]? validity) =>
        Variable(ArrowTypes.ToArrow(type), offsets, data, length, validity);

    public static IArrowArray Variable(IArrowType arrowType, byte[] offsets, byte[] data, int length, byte[]? validity)
    {
        var nullCount = Validity.NullCount(validity, length);
        var arrayData = new ArrayData(arrowType, length, nullCount, 0,
            [nullCount == 0 ? ArrowBuffer.Empty : Buffer(validity), new ArrowBuffer(offsets), new ArrowBuffer(data)]);
        return ArrowArrayFactory.BuildArray(arrayData);
    }

    /// <summary>An array of <paramref name="length"/> nulls of a type.</summary>
    public static IArrowArray Nulls(SqlType type, int length)
    {
        if (type.Kind == TypeKind.Null)
        {
            return new NullArray(length);
        }

        var validity = Bitmap.AllClear(length);
        return type.Kind switch
        {
            TypeKind.Boolean => Boolean(Bitmap.AllClear(length), length, validity),
            TypeKind.String or TypeKind.Binary => Variable(type, new byte[(length + 1) * 4], [], length, validity),
            _ => Fixed(type, new byte[length * ByteWidth(type)], length, validity),
        };
    }

    /// <summary>Bytes per value of a fixed-width type.</summary>
    public static int ByteWidth(SqlType type) => type.Kind switch
    {
        TypeKind.Int16 => 2,
        TypeKind.Int32 or TypeKind.Float32 or TypeKind.Date => 4,
        TypeKind.Int64 or TypeKind.Float64 or TypeKind.Timestamp or TypeKind.TimestampTz => 8,
        TypeKind.Decimal or TypeKind.Interval => 16,
        _ => throw FederationException.Internal($"{type} is not fixed-width"),
    };

    /// <summary>Repeats one value <paramref name="length"/> times.</summary>
    public static IArrowArray FromScalar(ScalarValue value, int length)
    {
        var type = value.Type;
        if (value.IsNull)
        {
            return Nulls(type, length);
        }

        switch (type.Kind)
        {
            case TypeKind.Boolean:
                return Boolean((bool)value.Value! ? Bitmap.AllSet(length) : Bitmap.AllClear(length), length, null);
            case TypeKind.String:
            case TypeKind.Binary:
            {
                var bytes = value.Value is string s ? System.Text.Encoding.UTF8.GetBytes(s) : (byte[])value.Value!;
                var offsets = AllocateValues<int>(length + 1);
                var offs = ValuesOf<int>(offsets);
                var data = GC.AllocateUninitializedArray<byte>(checked(bytes.Length * length));
                for (var i = 0; i < length; i++)
                {
                    offs[i] = i * bytes.Length;
                    bytes.CopyTo(data.AsSpan(i * bytes.Length));
                }

                offs[length] = length * bytes.Length;
                return Variable(type, offsets, data, length, null);
            }

            case TypeKind.Int16:
                return FillFixed(type, (short)value.Value!, length);
            case TypeKind.Int32:
            case TypeKind.Date:
                return FillFixed(type, (int)value.Value!, length);
            case TypeKind.Int64:
            case TypeKind.Timestamp:
            case TypeKind.TimestampTz:
                return FillFixed(type, (long)value.Value!, length);
            case TypeKind.Float32:
                return FillFixed(type, (float)value.Value!, length);
            case TypeKind.Float64:
                return FillFixed(type, (double)value.Value!, length);
            case TypeKind.Decimal:
                return FillFixed(type, (Int128)value.Value!, length);
            case TypeKind.Interval:
                return FillFixed(type, IntervalCodec.ToArrow((Interval)value.Value!), length);
            default:
                throw FederationException.Internal($"cannot make an array of {type}");
        }
    }

    private static IArrowArray FillFixed<T>(SqlType type, T value, int length)
        where T : unmanaged
    {
        var bytes = AllocateValues<T>(length);
        ValuesOf<T>(bytes).Fill(value);
        return Fixed(type, bytes, length, null);
    }

    /// <summary>Reads one value of a native-layout array (slow path: rendering, folding, tests).</summary>
    public static ScalarValue GetScalar(IArrowArray array, int index, SqlType type)
    {
        if (array.IsNull(index))
        {
            return ScalarValue.NullOf(type);
        }

        object value = type.Kind switch
        {
            TypeKind.Boolean => ((BooleanArray)array).GetValue(index)!.Value,
            TypeKind.Int16 => ((Int16Array)array).Values[index],
            TypeKind.Int32 => ((Int32Array)array).Values[index],
            TypeKind.Date => ((Date32Array)array).Values[index],
            TypeKind.Int64 => ((Int64Array)array).Values[index],
            TypeKind.Timestamp or TypeKind.TimestampTz => ((TimestampArray)array).Values[index],
            TypeKind.Float32 => ((FloatArray)array).Values[index],
            TypeKind.Float64 => ((DoubleArray)array).Values[index],
            TypeKind.Decimal => DecimalValues(array)[index],
            TypeKind.String => ((StringArray)array).GetString(index),
            TypeKind.Binary => ((BinaryArray)array).GetBytes(index).ToArray(),
            TypeKind.Interval => IntervalCodec.FromArrow(IntervalValues(array)[index]),
            _ => throw FederationException.Internal($"cannot read {type} values"),
        };
        return new ScalarValue(type, value);
    }

    /// <summary>Decimal128 values as unscaled Int128, offset applied.</summary>
    public static ReadOnlySpan<Int128> DecimalValues(IArrowArray array) =>
        MemoryMarshal.Cast<byte, Int128>(array.Data.Buffers[1].Span).Slice(array.Offset, array.Length);

    /// <summary>MonthDayNano interval values, offset applied.</summary>
    public static ReadOnlySpan<Apache.Arrow.Scalars.MonthDayNanosecondInterval> IntervalValues(IArrowArray array) =>
        MemoryMarshal.Cast<byte, Apache.Arrow.Scalars.MonthDayNanosecondInterval>(array.Data.Buffers[1].Span).Slice(array.Offset, array.Length);

    /// <summary>Values of any fixed-width array reinterpreted as T (T must match the byte width), offset applied.</summary>
    public static ReadOnlySpan<T> FixedValues<T>(IArrowArray array)
        where T : unmanaged =>
        MemoryMarshal.Cast<byte, T>(array.Data.Buffers[1].Span).Slice(array.Offset, array.Length);
}
