using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Federation.Cli.Shell;

/// <summary>
/// The SQL name \d shows for a column: the server's own (Flight SQL's ARROW:FLIGHT:SQL:TYPE_NAME field metadata)
/// when it sent one, else the PostgreSQL name of the Arrow type.
/// </summary>
public static class ArrowTypeNames
{
    public const string TypeNameKey = "ARROW:FLIGHT:SQL:TYPE_NAME";

    public static string Of(Field field)
    {
        if (field.Metadata is { } metadata && metadata.TryGetValue(TypeNameKey, out var name) && !string.IsNullOrEmpty(name))
        {
            return name;
        }

        return Of(field.DataType);
    }

    public static string Of(IArrowType type) => type switch
    {
        BooleanType => "boolean",
        Int8Type => "tinyint",
        Int16Type or UInt8Type => "smallint",
        Int32Type or UInt16Type => "integer",
        Int64Type or UInt32Type => "bigint",
        UInt64Type => "numeric(20,0)",
        HalfFloatType or FloatType => "real",
        DoubleType => "double precision",
        Decimal32Type d => Numeric(d.Precision, d.Scale),
        Decimal64Type d => Numeric(d.Precision, d.Scale),
        Decimal128Type d => Numeric(d.Precision, d.Scale),
        Decimal256Type d => Numeric(d.Precision, d.Scale),
        StringType or LargeStringType or StringViewType => "varchar",
        BinaryType or LargeBinaryType or BinaryViewType or FixedSizeBinaryType => "bytea",
        Date32Type or Date64Type => "date",
        TimestampType t => string.IsNullOrEmpty(t.Timezone) ? "timestamp" : "timestamp with time zone",
        Time32Type or Time64Type => "time",
        IntervalType or DurationType => "interval",
        DictionaryType d => Of(d.ValueType),
        ListType l => Of(l.ValueDataType) + "[]",
        _ => type.Name,
    };

    private static string Numeric(int precision, int scale) => string.Create(CultureInfo.InvariantCulture, $"numeric({precision},{scale})");
}
