using Apache.Arrow;
using Apache.Arrow.Types;

namespace Federation.Common.Types;

/// <summary>The one mapping between SQL types and the Arrow types that carry them.</summary>
public static class ArrowTypes
{
    public static readonly TimestampType TimestampMicros = new(TimeUnit.Microsecond, (string?)null);
    public static readonly TimestampType TimestampMicrosUtc = new(TimeUnit.Microsecond, "UTC");
    public static readonly IntervalType MonthDayNano = new(IntervalUnit.MonthDayNanosecond);

    public static IArrowType ToArrow(SqlType type) => type.Kind switch
    {
        TypeKind.Null => NullType.Default,
        TypeKind.Boolean => BooleanType.Default,
        TypeKind.Int16 => Int16Type.Default,
        TypeKind.Int32 => Int32Type.Default,
        TypeKind.Int64 => Int64Type.Default,
        TypeKind.Float32 => FloatType.Default,
        TypeKind.Float64 => DoubleType.Default,
        TypeKind.Decimal => new Decimal128Type(type.Precision, type.Scale),
        TypeKind.String => StringType.Default,
        TypeKind.Binary => BinaryType.Default,
        TypeKind.Date => Date32Type.Default,
        TypeKind.Timestamp => TimestampMicros,
        TypeKind.TimestampTz => TimestampMicrosUtc,
        TypeKind.Interval => MonthDayNano,
        _ => throw FederationException.Internal($"no Arrow type for {type}"),
    };

    /// <summary>
    /// The SQL type for an Arrow type read from a file or received from a client, or null when Federation
    /// cannot compute with it. Types Federation does not compute with natively (int8, unsigned, float16,
    /// other time units, large/view strings, dictionaries) map to the type they are converted to on read.
    /// </summary>
    public static SqlType? FromArrow(IArrowType type) => type switch
    {
        NullType => SqlType.Null,
        BooleanType => SqlType.Boolean,
        Int8Type or UInt8Type or Int16Type => SqlType.Int16,
        UInt16Type or Int32Type => SqlType.Int32,
        UInt32Type or Int64Type => SqlType.Int64,
        UInt64Type => SqlType.Decimal(20, 0),
        HalfFloatType or FloatType => SqlType.Float32,
        DoubleType => SqlType.Float64,
        Decimal32Type d => SqlType.Decimal(Math.Max(1, d.Precision), d.Scale),
        Decimal64Type d => SqlType.Decimal(Math.Max(1, d.Precision), d.Scale),
        Decimal128Type d when d.Precision <= SqlType.MaxDecimalPrecision => SqlType.Decimal(Math.Max(1, d.Precision), d.Scale),
        StringType or LargeStringType or StringViewType => SqlType.String,
        BinaryType or LargeBinaryType or BinaryViewType or FixedSizeBinaryType => SqlType.Binary,
        Date32Type or Date64Type => SqlType.Date,
        TimestampType t when string.IsNullOrEmpty(t.Timezone) => SqlType.Timestamp,
        TimestampType => SqlType.TimestampTz,
        IntervalType => SqlType.Interval,
        DictionaryType dict => FromArrow(dict.ValueType),
        _ => null,
    };

    /// <summary>True when arrays of this Arrow type are already in Federation's native layout for its SQL type.</summary>
    public static bool IsNative(IArrowType type)
    {
        var sql = FromArrow(type);
        if (sql is null)
        {
            return false;
        }

        var native = ToArrow(sql);
        if (native.TypeId != type.TypeId)
        {
            return false;
        }

        return type switch
        {
            TimestampType t => t.Unit == TimeUnit.Microsecond,
            IntervalType i => i.Unit == IntervalUnit.MonthDayNanosecond,
            _ => true,
        };
    }

    public static Field Field(string name, SqlType type, bool nullable = true) => new(name, ToArrow(type), nullable);
}
