using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Apache.Arrow;
using Federation.Common;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Physical.Hashing;

/// <summary>
/// Encodes the key columns of each row into one byte string, so that equal keys (NULL equal to NULL, -0 equal to
/// 0, NaN equal to NaN) give equal bytes. Encoding is column at a time: sizes, then offsets, then each column
/// writes its part of every row. Used by hash aggregation and hash joins with composite or text keys.
/// </summary>
public static class RowEncoder
{
    /// <summary>Encoded rows: row i is Data[Offsets[i]..Offsets[i+1]].</summary>
    public readonly record struct EncodedRows(byte[] Data, int[] Offsets)
    {
        public ReadOnlySpan<byte> Row(int i) => Data.AsSpan(Offsets[i], Offsets[i + 1] - Offsets[i]);
    }

    public static EncodedRows Encode(IReadOnlyList<IArrowArray> columns, IReadOnlyList<SqlType> types, int rows)
    {
        var offsets = new int[rows + 1];
        // Pass 1: row sizes.
        for (var c = 0; c < columns.Count; c++)
        {
            var type = types[c];
            if (type.Kind is TypeKind.String or TypeKind.Binary)
            {
                var array = (BinaryArray)columns[c];
                var valueOffsets = array.ValueOffsets;
                for (var i = 0; i < rows; i++)
                {
                    offsets[i + 1] += 5 + (valueOffsets[i + 1] - valueOffsets[i]);
                }
            }
            else
            {
                var width = 1 + Width(type);
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

        var data = GC.AllocateUninitializedArray<byte>(offsets[rows]);
        var cursor = new int[rows];
        System.Array.Copy(offsets, cursor, rows);

        // Pass 2: each column appends its bytes to every row.
        for (var c = 0; c < columns.Count; c++)
        {
            var array = columns[c];
            var validity = Validity.Bits(array);
            switch (types[c].Kind)
            {
                case TypeKind.Boolean:
                {
                    var b = (BooleanArray)array;
                    var bits = b.ValueBuffer.Span;
                    for (var i = 0; i < rows; i++)
                    {
                        var valid = validity.IsEmpty || Bitmap.Get(validity, i);
                        data[cursor[i]] = valid ? (byte)1 : (byte)0;
                        data[cursor[i] + 1] = valid && Bitmap.Get(bits, b.Offset + i) ? (byte)1 : (byte)0;
                        cursor[i] += 2;
                    }

                    break;
                }

                case TypeKind.Int16:
                    WriteFixed(ArrayFactory.FixedValues<short>(array), validity, data, cursor, rows);
                    break;
                case TypeKind.Int32 or TypeKind.Date:
                    WriteFixed(ArrayFactory.FixedValues<int>(array), validity, data, cursor, rows);
                    break;
                case TypeKind.Int64 or TypeKind.Timestamp or TypeKind.TimestampTz:
                    WriteFixed(ArrayFactory.FixedValues<long>(array), validity, data, cursor, rows);
                    break;
                case TypeKind.Decimal or TypeKind.Interval:
                    WriteFixed(ArrayFactory.FixedValues<Int128>(array), validity, data, cursor, rows);
                    break;
                case TypeKind.Float32:
                {
                    var values = ArrayFactory.FixedValues<float>(array);
                    var normalized = new double[rows];
                    for (var i = 0; i < rows; i++)
                    {
                        normalized[i] = Canonical(values[i]);
                    }

                    WriteFixed<double>(normalized, validity, data, cursor, rows);
                    break;
                }

                case TypeKind.Float64:
                {
                    var values = ArrayFactory.FixedValues<double>(array);
                    var normalized = new double[rows];
                    for (var i = 0; i < rows; i++)
                    {
                        normalized[i] = Canonical(values[i]);
                    }

                    WriteFixed<double>(normalized, validity, data, cursor, rows);
                    break;
                }

                case TypeKind.String or TypeKind.Binary:
                {
                    var b = (BinaryArray)array;
                    var valueOffsets = b.ValueOffsets;
                    var bytes = b.ValueBuffer.Span;
                    for (var i = 0; i < rows; i++)
                    {
                        var valid = validity.IsEmpty || Bitmap.Get(validity, i);
                        var start = valueOffsets[i];
                        var length = valid ? valueOffsets[i + 1] - start : 0;
                        var at = cursor[i];
                        data[at] = valid ? (byte)1 : (byte)0;
                        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(at + 1), length);
                        bytes.Slice(start, length).CopyTo(data.AsSpan(at + 5));
                        // A null string still reserved its bytes in pass 1; zero them so equal keys stay equal.
                        var reserved = valueOffsets[i + 1] - start;
                        if (reserved > length)
                        {
                            data.AsSpan(at + 5 + length, reserved - length).Clear();
                        }

                        cursor[i] = at + 5 + reserved;
                    }

                    break;
                }

                default:
                    throw FederationException.Internal($"cannot encode keys of type {types[c]}");
            }
        }

        return new EncodedRows(data, offsets);
    }

    private static double Canonical(double v) => v == 0 ? 0 : double.IsNaN(v) ? double.NaN : v;

    private static int Width(SqlType type) => type.Kind switch
    {
        TypeKind.Boolean => 1,
        TypeKind.Int16 => 2,
        TypeKind.Int32 or TypeKind.Date => 4,
        TypeKind.Int64 or TypeKind.Timestamp or TypeKind.TimestampTz or TypeKind.Float32 or TypeKind.Float64 => 8, // floats are encoded as canonical doubles
        TypeKind.Decimal or TypeKind.Interval => 16,
        _ => throw FederationException.Internal($"no fixed width for {type}"),
    };

    private static void WriteFixed<T>(ReadOnlySpan<T> values, ReadOnlySpan<byte> validity, byte[] data, int[] cursor, int rows)
        where T : unmanaged
    {
        var size = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        var raw = MemoryMarshal.AsBytes(values);
        var elementSize = size;
        for (var i = 0; i < rows; i++)
        {
            var at = cursor[i];
            if (validity.IsEmpty || Bitmap.Get(validity, i))
            {
                data[at] = 1;
                raw.Slice(i * elementSize, size).CopyTo(data.AsSpan(at + 1));
            }
            else
            {
                data.AsSpan(at, size + 1).Clear();
            }

            cursor[i] = at + 1 + size;
        }
    }
}
