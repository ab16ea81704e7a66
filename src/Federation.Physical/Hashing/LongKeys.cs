using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Physical.Hashing;

/// <summary>Reads a single integral key column (integers, dates, timestamps) as longs.</summary>
public static class LongKeys
{
    public static bool Supports(SqlType type) => type.Kind is TypeKind.Int16 or TypeKind.Int32 or TypeKind.Int64
        or TypeKind.Date or TypeKind.Timestamp or TypeKind.TimestampTz;

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

            default:
                ArrayFactory.FixedValues<long>(array)[..rows].CopyTo(result);
                break;
        }

        return result;
    }
}
