using System.Globalization;
using Apache.Arrow;
using Federation.Common.Types;
using Federation.Physical.Tables;

namespace Federation.Coordinator.MetadataResults;

/// <summary>
/// The Arrow schema of a table as GetTables' table_schema column carries it: the fields a query of the table
/// returns, each with the Flight SQL column metadata keys JDBC and ODBC drivers read to answer their column
/// queries (type name, precision, scale, case sensitivity, whether the column can be written).
/// </summary>
internal static class TableSchemas
{
    private const string Prefix = "ARROW:FLIGHT:SQL:";

    public static Schema Describe(string schema, string table, ITableProvider provider)
    {
        // Only the engine's own tables take INSERT; tables over files are read-only.
        var readOnly = provider is not IWritableTable;
        var builder = new Schema.Builder();
        // Pseudocolumns ("$path") are not part of what SELECT * returns.
        foreach (var column in provider.Columns.Where(c => !c.Hidden))
        {
            builder.Field(new Field(column.Name, ArrowTypes.ToArrow(column.Type), column.Nullable, Metadata(schema, table, column.Type, readOnly)));
        }

        return builder.Build();
    }

    private static Dictionary<string, string> Metadata(string schema, string table, SqlType type, bool readOnly)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Prefix + "CATALOG_NAME"] = CatalogNames.Catalog,
            [Prefix + "DB_SCHEMA_NAME"] = schema,
            [Prefix + "TABLE_NAME"] = table,
            [Prefix + "TYPE_NAME"] = type.ToString(),
            [Prefix + "IS_AUTO_INCREMENT"] = "0",
            [Prefix + "IS_CASE_SENSITIVE"] = type.IsString ? "1" : "0",
            [Prefix + "IS_READ_ONLY"] = readOnly ? "1" : "0",
            [Prefix + "IS_SEARCHABLE"] = "1",
        };
        if (Precision(type) is { } precision)
        {
            metadata[Prefix + "PRECISION"] = precision.ToString(CultureInfo.InvariantCulture);
        }

        if (Scale(type) is { } scale)
        {
            metadata[Prefix + "SCALE"] = scale.ToString(CultureInfo.InvariantCulture);
        }

        return metadata;
    }

    /// <summary>
    /// JDBC's column size: decimal digits of exact numbers, bits of the mantissa of floating point, the declared
    /// length of CHAR(n) and VARCHAR(n), characters of the text form of dates and timestamps; none otherwise.
    /// </summary>
    public static int? Precision(SqlType type) => type.Kind switch
    {
        TypeKind.Boolean => 1,
        TypeKind.Int16 => 5,
        TypeKind.Int32 => 10,
        TypeKind.Int64 => 19,
        TypeKind.Float32 => 24,
        TypeKind.Float64 => 53,
        TypeKind.Decimal => type.Precision,
        TypeKind.String when type.Length >= 0 => type.Length,
        TypeKind.Date => 10,
        TypeKind.Timestamp => 26,
        TypeKind.TimestampTz => 29,
        _ => null,
    };

    /// <summary>Digits after the decimal point: fixed for exact numbers, microseconds for timestamps.</summary>
    public static int? Scale(SqlType type) => type.Kind switch
    {
        TypeKind.Int16 or TypeKind.Int32 or TypeKind.Int64 => 0,
        TypeKind.Decimal => type.Scale,
        TypeKind.Timestamp or TypeKind.TimestampTz => 6,
        _ => null,
    };
}
