using System.Buffers.Binary;
using Apache.Arrow;
using Federation.Common;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Physical.Sorting;

/// <summary>
/// Encodes sort keys into byte strings whose byte order is the requested row order (normalized keys), so rows
/// compare with one memcmp whatever the key types, directions and NULL placement.
/// </summary>
public static class SortKeyEncoder
{
    public static RowsBytes Encode(IReadOnlyList<IArrowArray> columns, IReadOnlyList<SqlType> types, IReadOnlyList<(bool Ascending, bool NullsFirst)> order, int rows)
    {
        var offsets = new int[rows + 1];
        for (var c = 0; c < columns.Count; c++)
        {
            if (types[c].Kind is TypeKind.String or TypeKind.Binary)
            {
                var array = (BinaryArray)columns[c];
                var valueOffsets = array.ValueOffsets;
                var data = array.ValueBuffer.Span;
                for (var i = 0; i < rows; i++)
                {
                    var value = data[valueOffsets[i]..valueOffsets[i + 1]];
                    // Every zero byte is escaped to two bytes; two terminator bytes end the value.
                    offsets[i + 1] += 1 + value.Length + value.Count((byte)0) + 2;
                }
            }
            else
            {
                var width = 1 + Width(types[c]);
                for (var i = 0; i < rows; i++)
                {
                    offsets[i + 1] += width;
                }
            }
        }

        for (var i = 0; i < rows; i++)
        {
            offsets[i + 1] += offsets[i];
        }

        var output = new byte[offsets[rows]];
        var cursor = new int[rows];
        System.Array.Copy(offsets, cursor, rows);
        for (var c = 0; c < columns.Count; c++)
        {
            var array = columns[c];
            var type = types[c];
            var (ascending, nullsFirst) = order[c];
            var validity = Validity.Bits(array);
            var nullMark = nullsFirst ? (byte)0 : (byte)2;
            for (var i = 0; i < rows; i++)
            {
                var at = cursor[i];
                if (!validity.IsEmpty && !Bitmap.Get(validity, i))
                {
                    output[at] = nullMark;
                    var length = (type.Kind is TypeKind.String or TypeKind.Binary ? 0 : Width(type)) + 1;
                    if (type.Kind is TypeKind.String or TypeKind.Binary)
                    {
                        // The slot was sized for the (ignored) value bytes; fill it so the row sorts the same.
                        var reserved = ReservedVariable(array, i);
                        output.AsSpan(at + 1, reserved - 1).Clear();
                        cursor[i] = at + reserved;
                    }
                    else
                    {
                        output.AsSpan(at + 1, length - 1).Clear();
                        cursor[i] = at + length;
                    }

                    continue;
                }

                output[at] = 1;
                var start = at + 1;
                int written;
                switch (type.Kind)
                {
                    case TypeKind.Boolean:
                        output[start] = ((BooleanArray)array).GetValue(i) == true ? (byte)1 : (byte)0;
                        written = 1;
                        break;
                    case TypeKind.Int16:
                        BinaryPrimitives.WriteUInt16BigEndian(output.AsSpan(start), (ushort)(ArrayFactory.FixedValues<short>(array)[i] ^ short.MinValue));
                        written = 2;
                        break;
                    case TypeKind.Int32 or TypeKind.Date:
                        BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(start), (uint)(ArrayFactory.FixedValues<int>(array)[i] ^ int.MinValue));
                        written = 4;
                        break;
                    case TypeKind.Int64 or TypeKind.Timestamp or TypeKind.TimestampTz:
                        BinaryPrimitives.WriteUInt64BigEndian(output.AsSpan(start), (ulong)(ArrayFactory.FixedValues<long>(array)[i] ^ long.MinValue));
                        written = 8;
                        break;
                    case TypeKind.Decimal:
                        BinaryPrimitives.WriteUInt128BigEndian(output.AsSpan(start), (UInt128)(ArrayFactory.DecimalValues(array)[i] ^ Int128.MinValue));
                        written = 16;
                        break;
                    case TypeKind.Interval:
                        BinaryPrimitives.WriteUInt128BigEndian(output.AsSpan(start),
                            (UInt128)(IntervalCodec.FromArrow(ArrayFactory.IntervalValues(array)[i]).ComparableMicros ^ Int128.MinValue));
                        written = 16;
                        break;
                    case TypeKind.Float32 or TypeKind.Float64:
                    {
                        var d = type.Kind == TypeKind.Float32 ? ArrayFactory.FixedValues<float>(array)[i] : ArrayFactory.FixedValues<double>(array)[i];
                        BinaryPrimitives.WriteUInt64BigEndian(output.AsSpan(start), OrderedBits(d));
                        written = 8;
                        break;
                    }

                    case TypeKind.String or TypeKind.Binary:
                    {
                        var b = (BinaryArray)array;
                        var value = b.ValueBuffer.Span[b.ValueOffsets[i]..b.ValueOffsets[i + 1]];
                        var w = start;
                        foreach (var x in value)
                        {
                            output[w++] = x;
                            if (x == 0)
                            {
                                output[w++] = 0xFF;
                            }
                        }

                        output[w++] = 0;
                        output[w++] = 0;
                        written = w - start;
                        break;
                    }

                    default:
                        throw FederationException.Internal($"cannot sort by {type}");
                }

                if (!ascending)
                {
                    var span = output.AsSpan(start, written);
                    for (var k = 0; k < span.Length; k++)
                    {
                        span[k] = (byte)~span[k];
                    }
                }

                cursor[i] = start + written;
            }
        }

        return new RowsBytes(output, offsets);
    }

    private static int ReservedVariable(IArrowArray array, int i)
    {
        var b = (BinaryArray)array;
        var value = b.ValueBuffer.Span[b.ValueOffsets[i]..b.ValueOffsets[i + 1]];
        return 1 + value.Length + value.Count((byte)0) + 2;
    }

    /// <summary>Double bits whose unsigned order is PostgreSQL's float order (NaN last, -0 = 0).</summary>
    private static ulong OrderedBits(double d)
    {
        if (double.IsNaN(d))
        {
            return ulong.MaxValue;
        }

        if (d == 0)
        {
            d = 0;
        }

        var bits = (ulong)BitConverter.DoubleToInt64Bits(d);
        return (bits & 0x8000000000000000UL) != 0 ? ~bits : bits | 0x8000000000000000UL;
    }

    private static int Width(SqlType type) => type.Kind switch
    {
        TypeKind.Boolean => 1,
        TypeKind.Int16 => 2,
        TypeKind.Int32 or TypeKind.Date => 4,
        TypeKind.Int64 or TypeKind.Timestamp or TypeKind.TimestampTz or TypeKind.Float32 or TypeKind.Float64 => 8,
        TypeKind.Decimal or TypeKind.Interval => 16,
        _ => throw FederationException.Internal($"cannot sort by {type}"),
    };
}
