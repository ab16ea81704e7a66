using Apache.Arrow;
using Apache.Arrow.Types;
using Federation.Common.Types;
using Federation.Coordinator.Protocol;
using Federation.Engine;

namespace Federation.Coordinator.MetadataResults;

/// <summary>
/// CommandGetXdbcTypeInfo: the SQL types CREATE TABLE and CAST accept, with their JDBC/ODBC type codes, ordered by
/// data_type and then type_name as the specification asks; data_type, when given, keeps only the types with that code.
/// </summary>
internal sealed class XdbcTypeInfoResult(CommandGetXdbcTypeInfo command) : IMetadataResult
{
    private static readonly ListType CreateParamsType = new(new Field("item", StringType.Default, nullable: false));

    public static readonly Schema ResultSchema = new Schema.Builder()
        .Field(new Field("type_name", StringType.Default, nullable: false))
        .Field(new Field("data_type", Int32Type.Default, nullable: false))
        .Field(new Field("column_size", Int32Type.Default, nullable: true))
        .Field(new Field("literal_prefix", StringType.Default, nullable: true))
        .Field(new Field("literal_suffix", StringType.Default, nullable: true))
        .Field(new Field("create_params", CreateParamsType, nullable: true))
        .Field(new Field("nullable", Int32Type.Default, nullable: false))
        .Field(new Field("case_sensitive", BooleanType.Default, nullable: false))
        .Field(new Field("searchable", Int32Type.Default, nullable: false))
        .Field(new Field("unsigned_attribute", BooleanType.Default, nullable: true))
        .Field(new Field("fixed_prec_scale", BooleanType.Default, nullable: false))
        .Field(new Field("auto_increment", BooleanType.Default, nullable: true))
        .Field(new Field("local_type_name", StringType.Default, nullable: true))
        .Field(new Field("minimum_scale", Int32Type.Default, nullable: true))
        .Field(new Field("maximum_scale", Int32Type.Default, nullable: true))
        .Field(new Field("sql_data_type", Int32Type.Default, nullable: false))
        .Field(new Field("datetime_subcode", Int32Type.Default, nullable: true))
        .Field(new Field("num_prec_radix", Int32Type.Default, nullable: true))
        .Field(new Field("interval_precision", Int32Type.Default, nullable: true))
        .Build();

    /// <summary>
    /// Every type under a name CREATE TABLE takes (TypeNames). Strings and binary values are bounded only by Arrow's
    /// 32-bit offsets, so their size is the largest such offset.
    /// </summary>
    private static readonly TypeRow[] Types =
    [
        new("BOOLEAN", SqlType.Boolean, XdbcDataType.XdbcBit, 1),
        new("BIGINT", SqlType.Int64, XdbcDataType.XdbcBigint, 19, Radix: 10, Scale: (0, 0)),
        new("VARBINARY", SqlType.Binary, XdbcDataType.XdbcVarbinary, int.MaxValue),
        new("TEXT", SqlType.String, XdbcDataType.XdbcLongvarchar, int.MaxValue, Literal: ("'", "'")),
        new("CHAR", SqlType.Char(1), XdbcDataType.XdbcChar, int.MaxValue, Literal: ("'", "'"), CreateParams: ["length"]),
        new("NUMERIC", SqlType.Decimal(18, 0), XdbcDataType.XdbcNumeric, SqlType.MaxDecimalPrecision, Radix: 10,
            Scale: (0, SqlType.MaxDecimalPrecision), CreateParams: ["precision", "scale"]),
        new("DECIMAL", SqlType.Decimal(18, 0), XdbcDataType.XdbcDecimal, SqlType.MaxDecimalPrecision, Radix: 10,
            Scale: (0, SqlType.MaxDecimalPrecision), CreateParams: ["precision", "scale"]),
        new("INTEGER", SqlType.Int32, XdbcDataType.XdbcInteger, 10, Radix: 10, Scale: (0, 0)),
        new("SMALLINT", SqlType.Int16, XdbcDataType.XdbcSmallint, 5, Radix: 10, Scale: (0, 0)),
        new("REAL", SqlType.Float32, XdbcDataType.XdbcReal, 24, Radix: 2),
        new("DOUBLE PRECISION", SqlType.Float64, XdbcDataType.XdbcDouble, 53, Radix: 2),
        new("INTERVAL", SqlType.Interval, XdbcDataType.XdbcInterval, null, Literal: ("INTERVAL '", "'"),
            SqlDataType: XdbcDataType.XdbcInterval, Subcode: XdbcDatetimeSubcode.XdbcSubcodeUnknown),
        new("VARCHAR", SqlType.String, XdbcDataType.XdbcVarchar, int.MaxValue, Literal: ("'", "'"), CreateParams: ["max length"]),
        new("DATE", SqlType.Date, XdbcDataType.XdbcDate, 10, Literal: ("DATE '", "'"),
            SqlDataType: XdbcDataType.XdbcDatetime, Subcode: XdbcDatetimeSubcode.XdbcSubcodeDate),
        new("TIMESTAMP", SqlType.Timestamp, XdbcDataType.XdbcTimestamp, 26, Literal: ("TIMESTAMP '", "'"), Scale: (6, 6),
            SqlDataType: XdbcDataType.XdbcDatetime, Subcode: XdbcDatetimeSubcode.XdbcSubcodeTimestamp),
        new("TIMESTAMP WITH TIME ZONE", SqlType.TimestampTz, XdbcDataType.XdbcTimestamp, 29, Literal: ("TIMESTAMPTZ '", "'"), Scale: (6, 6),
            SqlDataType: XdbcDataType.XdbcDatetime, Subcode: XdbcDatetimeSubcode.XdbcSubcodeTimestampWithTimezone),
    ];

    public Schema Schema => ResultSchema;

    public RecordBatch Compute(Session session)
    {
        var rows = Types
            .Where(t => !command.HasDataType || (int)t.DataType == command.DataType)
            .OrderBy(t => (int)t.DataType)
            .ThenBy(t => t.TypeName, StringComparer.Ordinal)
            .ToArray();
        var numeric = rows.Select(r => r.Type.IsNumeric).ToArray();
        IArrowArray[] columns =
        [
            ArrowColumns.Utf8(rows.Select(r => r.TypeName)),
            ArrowColumns.Int32(rows.Select(r => (int?)r.DataType)),
            ArrowColumns.Int32(rows.Select(r => r.ColumnSize)),
            ArrowColumns.Utf8(rows.Select(r => r.Literal?.Prefix)),
            ArrowColumns.Utf8(rows.Select(r => r.Literal?.Suffix)),
            ArrowColumns.Utf8Lists(CreateParamsType, rows.Select(r => r.CreateParams).ToArray()),
            ArrowColumns.Int32(rows.Select(_ => (int?)Protocol.Nullable.NullabilityNullable)),
            ArrowColumns.Boolean(rows.Select(r => (bool?)r.Type.IsString)),
            // LIKE takes strings only; every type takes comparisons, IN and BETWEEN.
            ArrowColumns.Int32(rows.Select(r => (int?)(r.Type.IsString ? Searchable.Full : Searchable.Basic))),
            ArrowColumns.Boolean(numeric.Select(n => n ? false : (bool?)null)),
            ArrowColumns.Boolean(rows.Select(_ => (bool?)false)),
            ArrowColumns.Boolean(numeric.Select(n => n ? false : (bool?)null)),
            ArrowColumns.Utf8(rows.Select(_ => (string?)null)),
            ArrowColumns.Int32(rows.Select(r => r.Scale?.Min)),
            ArrowColumns.Int32(rows.Select(r => r.Scale?.Max)),
            ArrowColumns.Int32(rows.Select(r => (int?)(r.SqlDataType ?? r.DataType))),
            ArrowColumns.Int32(rows.Select(r => (int?)r.Subcode)),
            ArrowColumns.Int32(rows.Select(r => r.Radix)),
            ArrowColumns.Int32(rows.Select(_ => (int?)null)),
        ];
        return new RecordBatch(ResultSchema, columns, rows.Length);
    }

    private sealed record TypeRow(
        string TypeName,
        SqlType Type,
        XdbcDataType DataType,
        int? ColumnSize,
        (string Prefix, string Suffix)? Literal = null,
        IReadOnlyList<string>? CreateParams = null,
        int? Radix = null,
        (int Min, int Max)? Scale = null,
        XdbcDataType? SqlDataType = null,
        XdbcDatetimeSubcode? Subcode = null);
}
