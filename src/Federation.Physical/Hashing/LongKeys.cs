using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Physical.Hashing;

/// <summary>Reads a single integral key column (integers, dates, timestamps) as longs.</summary>
public static class LongKeys
{
    /// <summary>The largest decimal precision whose unscaled values always fit in a long (10^18 &lt; 2^63).</summary>
    private const int MaxLongDecimalPrecision = 18;

    public static bool Supports(SqlType type) => type.Kind is TypeKind.Int16 or TypeKind.Int32 or TypeKind.Int64
        or TypeKind.Date or TypeKind.Timestamp or TypeKind.TimestampTz;

    /// <summary>
    /// Join keys may also be decimals of up to 18 digits: equal values have equal unscaled longs, since both sides
    /// of an equi-join have the same type. (Grouping keeps them out: it rebuilds key columns from what it stores.)
    /// </summary>
    public static bool SupportsJoinKey(SqlType type) => Supports(type) || (type.Kind == TypeKind.Decimal && type.Precision <= MaxLongDecimalPrecision);

    /// <summary>The values as longs: the array's own buffer when it already holds longs, else a converted copy.</summary>
    public static ReadOnlySpan<long> View(IArrowArray array, SqlType type, int rows) =>
        type.Kind is TypeKind.Int64 or TypeKind.Timestamp or TypeKind.TimestampTz ? ArrayFactory.FixedValues<long>(array)[..rows] : Read(array, type, rows);

    public static long[] Read(IArrowArray array, SqlType type, int rows)
    {
        var result = new long[rows];
        switch (type.Kind)
        {
            case TypeKind.Int16:
            {
                var v = ArrayFactory.FixedValues<short>(array);
                for (var i = 0; i < rows; i++)
                {
                    result[i] = v[i];
                }

                break;
            }

            case TypeKind.Int32 or TypeKind.Date:
            {
                var v = ArrayFactory.FixedValues<int>(array);
                for (var i = 0; i < rows; i++)
                {
                    result[i] = v[i];
                }

                break;
            }

            case TypeKind.Decimal:
            {
                var v = ArrayFactory.FixedValues<Int128>(array);
                for (var i = 0; i < rows; i++)
                {
                    result[i] = (long)v[i];
                }

                break;
            }

            default:
                ArrayFactory.FixedValues<long>(array)[..rows].CopyTo(result);
                break;
        }

        return result;
    }
}
