using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Federation.Common.Types;
using Federation.Logical.Tables;
using Federation.Physical.Pruning;
using ParquetSharp;

namespace Federation.Formats.Parquet;

/// <summary>Reads a row group's min/max/null-count statistics for a leaf column, in the column's SQL type.</summary>
internal static class ParquetStatistics
{
    public static ColumnStatistics? Read(RowGroupMetaData rowGroup, ColumnDescriptor descriptor, int leafIndex, SqlType type)
    {
        using var chunk = rowGroup.GetColumnChunkMetaData(leafIndex);
        if (!chunk.IsStatsSet)
        {
            return null;
        }

        using var stats = chunk.Statistics;
        if (stats is null)
        {
            return null;
        }

        var rows = rowGroup.NumRows;
        long? nulls = stats.NullCount;
        if (!stats.HasMinMax || descriptor.SortOrder == SortOrder.Unknown)
        {
            return new ColumnStatistics(null, null, nulls, rows);
        }

        try
        {
            var min = Convert(stats.MinUntyped, descriptor, type);
            var max = Convert(stats.MaxUntyped, descriptor, type);
            return new ColumnStatistics(min, max, nulls, rows);
        }
        catch (Exception e) when (e is OverflowException or InvalidCastException or ArgumentException)
        {
            return new ColumnStatistics(null, null, nulls, rows);
        }
    }

    private static ScalarValue? Convert(object value, ColumnDescriptor descriptor, SqlType type)
    {
        switch (value)
        {
            case bool b when type.Kind == TypeKind.Boolean:
                return ScalarValue.Boolean(b);
            case int i:
                return Integral(i, descriptor, type);
            case long l:
                return Integral(l, descriptor, type);
            case float f when type.Kind == TypeKind.Float32:
                return ScalarValue.Float32(f);
            case float f when type.Kind == TypeKind.Float64:
                return ScalarValue.Float64(f);
            case double d when type.Kind == TypeKind.Float64:
                return ScalarValue.Float64(d);
            case ByteArray bytes:
            {
                var copy = new byte[bytes.Length];
                if (bytes.Length > 0)
                {
                    Marshal.Copy(bytes.Pointer, copy, 0, bytes.Length);
                }

                return Bytes(copy, type);
            }

            case FixedLenByteArray fixedBytes:
            {
                var copy = new byte[descriptor.TypeLength];
                Marshal.Copy(fixedBytes.Pointer, copy, 0, copy.Length);
                return Bytes(copy, type);
            }

            default:
                return null;
        }
    }

    private static ScalarValue? Integral(long v, ColumnDescriptor descriptor, SqlType type)
    {
        switch (type.Kind)
        {
            case TypeKind.Int16:
                return ScalarValue.Int16(checked((short)v));
            case TypeKind.Int32:
                return ScalarValue.Int32(checked((int)v));
            case TypeKind.Int64:
                return ScalarValue.Int64(v);
            case TypeKind.Date:
                return ScalarValue.Date(checked((int)v));
            case TypeKind.Decimal:
                return new ScalarValue(type, (Int128)v);
            case TypeKind.Timestamp or TypeKind.TimestampTz:
            {
                var micros = descriptor.LogicalType is TimestampLogicalType ts
                    ? ts.TimeUnit switch
                    {
                        TimeUnit.Millis => v * 1000,
                        TimeUnit.Nanos => DateTimeMath.FloorDiv(v, 1000),
                        _ => v,
                    }
                    : v;
                return new ScalarValue(type, micros);
            }

            default:
                return null;
        }
    }

    private static ScalarValue? Bytes(byte[] bytes, SqlType type) => type.Kind switch
    {
        TypeKind.String => ScalarValue.String(System.Text.Encoding.UTF8.GetString(bytes)),
        TypeKind.Binary => new ScalarValue(SqlType.Binary, bytes),
        TypeKind.Decimal when bytes.Length is > 0 and <= 16 => new ScalarValue(type, BigEndianSigned(bytes)),
        _ => null,
    };

    private static Int128 BigEndianSigned(byte[] bytes)
    {
        Span<byte> buffer = stackalloc byte[16];
        var fill = (bytes[0] & 0x80) != 0 ? (byte)0xFF : (byte)0;
        buffer.Fill(fill);
        bytes.CopyTo(buffer[(16 - bytes.Length)..]);
        return (Int128)BinaryPrimitives.ReadUInt128BigEndian(buffer);
    }
}
