using Apache.Arrow;
using Apache.Arrow.Types;
using Federation.Common.Types;

namespace Federation.Common.Arrow;

/// <summary>
/// Converts arrays as file readers produce them into the layout Federation computes with (see
/// <see cref="ArrowTypes"/>): small and unsigned integers widen, timestamps become microseconds, large and view
/// strings become plain strings, dictionaries are decoded, narrow decimals become Decimal128.
/// </summary>
public static class ArrowNormalizer
{
    public static IArrowArray Normalize(IArrowArray array)
    {
        var type = array.Data.DataType;
        if (ArrowTypes.IsNative(type))
        {
            return array;
        }

        var n = array.Length;
        var validity = Validity.CopyBits(array);
        switch (type)
        {
            case Int8Type:
                return Widen<sbyte, short>(array, SqlType.Int16, validity);
            case UInt8Type:
                return Widen<byte, short>(array, SqlType.Int16, validity);
            case UInt16Type:
                return Widen<ushort, int>(array, SqlType.Int32, validity);
            case UInt32Type:
                return Widen<uint, long>(array, SqlType.Int64, validity);
            case UInt64Type:
            {
                var values = ArrayFactory.FixedValues<ulong>(array);
                var buffer = ArrayFactory.AllocateValues<Int128>(n);
                var output = ArrayFactory.ValuesOf<Int128>(buffer);
                for (var i = 0; i < n; i++)
                {
                    output[i] = values[i];
                }

                return ArrayFactory.Fixed(SqlType.Decimal(20, 0), buffer, n, validity);
            }

            case HalfFloatType:
            {
                var values = ArrayFactory.FixedValues<Half>(array);
                var buffer = ArrayFactory.AllocateValues<float>(n);
                var output = ArrayFactory.ValuesOf<float>(buffer);
                for (var i = 0; i < n; i++)
                {
                    output[i] = (float)values[i];
                }

                return ArrayFactory.Fixed(SqlType.Float32, buffer, n, validity);
            }

            case Date64Type:
            {
                var values = ArrayFactory.FixedValues<long>(array);
                var buffer = ArrayFactory.AllocateValues<int>(n);
                var output = ArrayFactory.ValuesOf<int>(buffer);
                for (var i = 0; i < n; i++)
                {
                    output[i] = (int)DateTimeMath.FloorDiv(values[i], 86_400_000);
                }

                return ArrayFactory.Fixed(SqlType.Date, buffer, n, validity);
            }

            case TimestampType ts:
            {
                var values = ArrayFactory.FixedValues<long>(array);
                var buffer = ArrayFactory.AllocateValues<long>(n);
                var output = ArrayFactory.ValuesOf<long>(buffer);
                for (var i = 0; i < n; i++)
                {
                    output[i] = ts.Unit switch
                    {
                        TimeUnit.Second => values[i] * 1_000_000,
                        TimeUnit.Millisecond => values[i] * 1_000,
                        TimeUnit.Nanosecond => DateTimeMath.FloorDiv(values[i], 1_000),
                        _ => values[i],
                    };
                }

                return ArrayFactory.Fixed(string.IsNullOrEmpty(ts.Timezone) ? SqlType.Timestamp : SqlType.TimestampTz, buffer, n, validity);
            }

            case Decimal32Type d32:
            {
                var values = ArrayFactory.FixedValues<int>(array);
                var buffer = ArrayFactory.AllocateValues<Int128>(n);
                var output = ArrayFactory.ValuesOf<Int128>(buffer);
                for (var i = 0; i < n; i++)
                {
                    output[i] = values[i];
                }

                return ArrayFactory.Fixed(SqlType.Decimal(Math.Max(1, d32.Precision), d32.Scale), buffer, n, validity);
            }

            case Decimal64Type d64:
            {
                var values = ArrayFactory.FixedValues<long>(array);
                var buffer = ArrayFactory.AllocateValues<Int128>(n);
                var output = ArrayFactory.ValuesOf<Int128>(buffer);
                for (var i = 0; i < n; i++)
                {
                    output[i] = values[i];
                }

                return ArrayFactory.Fixed(SqlType.Decimal(Math.Max(1, d64.Precision), d64.Scale), buffer, n, validity);
            }

            case LargeStringType or StringViewType or LargeBinaryType or BinaryViewType or FixedSizeBinaryType:
            {
                var isString = type is LargeStringType or StringViewType;
                var builder = new VariableWidthBuilder(isString ? SqlType.String : SqlType.Binary, n);
                for (var i = 0; i < n; i++)
                {
                    if (array.IsNull(i))
                    {
                        builder.AppendNull();
                        continue;
                    }

                    builder.Append(array switch
                    {
                        LargeBinaryArray large => large.GetBytes(i),
                        BinaryViewArray view => view.GetBytes(i),
                        Apache.Arrow.Arrays.FixedSizeBinaryArray fixedSize => fixedSize.GetBytes(i),
                        _ => throw FederationException.Internal($"unexpected array {array.GetType().Name}"),
                    });
                }

                return builder.Build();
            }

            case DictionaryType:
                return Decode((DictionaryArray)array);

            case IntervalType:
                throw new FederationException(ErrorCode.NotSupported, $"interval unit {((IntervalType)type).Unit} is not supported; use month-day-nanosecond intervals");
            default:
                throw new FederationException(ErrorCode.NotSupported, $"Arrow type {type.Name} is not supported");
        }
    }

    /// <summary>Dictionary indices → the values they point at (NULL index → NULL).</summary>
    private static IArrowArray Decode(DictionaryArray dictionary) =>
        ArrayTake.Take(Normalize(dictionary.Dictionary), DictionaryIndices.Positions(dictionary));

    private static IArrowArray Widen<TFrom, TTo>(IArrowArray array, SqlType type, byte[]? validity)
        where TFrom : unmanaged, System.Numerics.INumberBase<TFrom>
        where TTo : unmanaged, System.Numerics.INumberBase<TTo>
    {
        var values = ArrayFactory.FixedValues<TFrom>(array);
        var buffer = ArrayFactory.AllocateValues<TTo>(values.Length);
        var output = ArrayFactory.ValuesOf<TTo>(buffer);
        for (var i = 0; i < values.Length; i++)
        {
            output[i] = TTo.CreateTruncating(values[i]);
        }

        return ArrayFactory.Fixed(type, buffer, values.Length, validity);
    }
}
