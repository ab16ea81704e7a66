using Federation.Common.Types;

namespace Federation.Formats.Avro;

/// <summary>
/// The SQL type read_avro gives a writer's field: boolean, int (date: date), long (timestamp-millis/micros/nanos:
/// timestamptz, as the Avro specification defines them as instants; local-timestamp-*: timestamp; time-*: their
/// integer), float real, double double precision, string and enum text, bytes and fixed varbinary (decimal:
/// decimal(p,s) up to precision 38; uuid: text), a union of null and one type that type, and anything else
/// (records, arrays, maps, other unions) text, rendered as <see cref="AvroTextRenderer"/> says.
/// </summary>
internal static class AvroTypeInference
{
    public static SqlType Of(AvroSchema schema)
    {
        if (schema.NullableValueBranch is var branch and >= 0)
        {
            schema = schema.Branches[branch];
        }

        var logical = schema.LogicalType;
        return schema.Kind switch
        {
            AvroSchemaKind.Boolean => SqlType.Boolean,
            AvroSchemaKind.Int => logical == "date" ? SqlType.Date : SqlType.Int32,
            AvroSchemaKind.Long => logical switch
            {
                "timestamp-millis" or "timestamp-micros" or "timestamp-nanos" => SqlType.TimestampTz,
                "local-timestamp-millis" or "local-timestamp-micros" or "local-timestamp-nanos" => SqlType.Timestamp,
                _ => SqlType.Int64,
            },
            AvroSchemaKind.Float => SqlType.Float32,
            AvroSchemaKind.Double => SqlType.Float64,
            AvroSchemaKind.Bytes or AvroSchemaKind.Fixed when logical == "decimal" && schema.Precision <= SqlType.MaxDecimalPrecision =>
                SqlType.Decimal(schema.Precision, schema.Scale),
            AvroSchemaKind.Fixed when logical == "uuid" => SqlType.String,
            AvroSchemaKind.Bytes or AvroSchemaKind.Fixed when logical is null => SqlType.Binary,
            _ => SqlType.String,
        };
    }
}
