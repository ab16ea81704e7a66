using Federation.Common;
using Federation.Common.Types;

namespace Federation.Formats.Avro;

/// <summary>
/// Matches a table's declared columns to the fields of one file's writer schema, by name and case-insensitively as
/// Hive's AvroSerDe does, and chooses each field's conversion. A column the file lacks reads NULL; a field no column
/// reads is skipped by its schema. A file whose schema is not a record (a bare union, say) is one field, which a
/// one-column table reads whatever its column is called. A type that cannot be converted is an error naming the
/// table, the column and both types.
/// </summary>
internal static class AvroColumnBinder
{
    /// <summary>The pseudo-field name a non-record schema is read under (read_avro names its column so).</summary>
    public const string ValueField = "value";

    /// <summary>The writer's fields as read: a record's, or one pseudo-field for any other schema.</summary>
    public static IReadOnlyList<AvroField> FieldsOf(AvroSchema writer) =>
        writer.Kind == AvroSchemaKind.Record ? writer.Fields : [new AvroField(ValueField, writer)];

    /// <summary>One step per writer field, and for each column slot whether the file has it.</summary>
    public static (AvroFieldStep[] Steps, bool[] Present) Bind(AvroSchema writer, IReadOnlyList<string> names, IReadOnlyList<SqlType> types, string table, string path)
    {
        var fields = FieldsOf(writer);
        var steps = new AvroFieldStep[fields.Count];
        var present = new bool[names.Count];
        var slotOfField = new int[fields.Count];
        Array.Fill(slotOfField, -1);
        for (var slot = 0; slot < names.Count; slot++)
        {
            var match = -1;
            for (var f = 0; f < fields.Count; f++)
            {
                if (string.Equals(fields[f].Name, names[slot], StringComparison.OrdinalIgnoreCase))
                {
                    match = f;
                    break;
                }
            }

            if (match < 0 && writer.Kind != AvroSchemaKind.Record && names.Count == 1)
            {
                match = 0;
            }

            if (match >= 0 && slotOfField[match] < 0)
            {
                slotOfField[match] = slot;
                present[slot] = true;
            }
        }

        for (var f = 0; f < fields.Count; f++)
        {
            var schema = fields[f].Schema;
            var slot = slotOfField[f];
            if (slot < 0)
            {
                steps[f] = new AvroFieldStep { Writer = schema, Value = schema };
                continue;
            }

            steps[f] = Step(schema, names[slot], types[slot], slot, table, path);
        }

        return (steps, present);
    }

    private static AvroFieldStep Step(AvroSchema writer, string column, SqlType type, int slot, string table, string path)
    {
        var valueBranch = writer.NullableValueBranch;
        var value = valueBranch >= 0 ? writer.Branches[valueBranch] : writer;
        if (value.Kind == AvroSchemaKind.Union && type.Kind != TypeKind.String)
        {
            throw new FederationException(ErrorCode.SchemaMismatch,
                $"cannot read column \"{column}\" of {table} from Avro file {path}: the file's type is {writer}, a union of several types; " +
                "only unions of null and one type are read, unless the column is declared as text (each value then reads as its branch's text)");
        }

        var conversion = Choose(value, type);
        if (conversion is null)
        {
            throw new FederationException(ErrorCode.SchemaMismatch,
                $"cannot read column \"{column}\" of {table} from Avro file {path}: the file's type {writer} cannot be read as {type}" +
                (value.Kind is AvroSchemaKind.Record or AvroSchemaKind.Array or AvroSchemaKind.Map
                    ? " (nested records, arrays and maps are read only into a column declared as text, as JSON)"
                    : string.Empty));
        }

        var multiplier = Int128.One;
        var limit = Int128.MaxValue;
        if (type.Kind == TypeKind.Decimal)
        {
            var writerScale = conversion is AvroConversion.IntToDecimal or AvroConversion.LongToDecimal ? 0 : value.Scale;
            if (type.Scale < writerScale)
            {
                throw new FederationException(ErrorCode.SchemaMismatch,
                    $"cannot read column \"{column}\" of {table} from Avro file {path}: the file's type {writer} has scale {writerScale}, more than the declared {type}");
            }

            multiplier = DecimalMath.Pow10(type.Scale - writerScale);
            limit = DecimalMath.Pow10(type.Precision - (type.Scale - writerScale));
        }

        return new AvroFieldStep
        {
            Writer = writer, Value = value, ValueBranch = valueBranch, Slot = slot, Conversion = conversion.Value, Type = type,
            Multiplier = multiplier, Limit = limit, Column = column,
        };
    }

    /// <summary>The conversion of <paramref name="value"/> (not a nullable union) to <paramref name="type"/>, or null when there is none.</summary>
    private static AvroConversion? Choose(AvroSchema value, SqlType type)
    {
        var logical = value.LogicalType;
        var kind = value.Kind;
        return type.Kind switch
        {
            TypeKind.String => kind switch
            {
                AvroSchemaKind.String => AvroConversion.StringToText,
                AvroSchemaKind.Bytes when logical is null => AvroConversion.StringToText,
                AvroSchemaKind.Enum => AvroConversion.EnumToText,
                AvroSchemaKind.Fixed when logical is null => AvroConversion.FixedToText,
                _ => AvroConversion.RenderText,
            },
            TypeKind.Binary => kind switch
            {
                AvroSchemaKind.Bytes or AvroSchemaKind.String => AvroConversion.BytesToBinary,
                AvroSchemaKind.Fixed => AvroConversion.FixedToBinary,
                _ => null,
            },
            TypeKind.Boolean => kind == AvroSchemaKind.Boolean ? AvroConversion.Boolean : null,
            TypeKind.Int16 => kind switch
            {
                AvroSchemaKind.Int => AvroConversion.IntToInt16,
                AvroSchemaKind.Long => AvroConversion.LongToInt16,
                _ => null,
            },
            TypeKind.Int32 => kind switch
            {
                AvroSchemaKind.Int => AvroConversion.IntToInt32,
                AvroSchemaKind.Long => AvroConversion.LongToInt32,
                _ => null,
            },
            TypeKind.Int64 => kind switch
            {
                AvroSchemaKind.Int => AvroConversion.IntToInt64,
                AvroSchemaKind.Long => AvroConversion.LongToInt64,
                _ => null,
            },
            TypeKind.Float32 => kind switch
            {
                AvroSchemaKind.Float => AvroConversion.FloatToFloat32,
                AvroSchemaKind.Int when logical is null => AvroConversion.IntToFloat32,
                _ => null,
            },
            TypeKind.Float64 => kind switch
            {
                AvroSchemaKind.Double => AvroConversion.DoubleToFloat64,
                AvroSchemaKind.Float => AvroConversion.FloatToFloat64,
                AvroSchemaKind.Int when logical is null => AvroConversion.IntToFloat64,
                AvroSchemaKind.Long when logical is null => AvroConversion.LongToFloat64,
                _ => null,
            },
            TypeKind.Decimal => (kind, logical) switch
            {
                (AvroSchemaKind.Bytes, "decimal") => AvroConversion.BytesDecimal,
                (AvroSchemaKind.Fixed, "decimal") => AvroConversion.FixedDecimal,
                (AvroSchemaKind.Int, null) => AvroConversion.IntToDecimal,
                (AvroSchemaKind.Long, null) => AvroConversion.LongToDecimal,
                _ => null,
            },
            TypeKind.Date => kind == AvroSchemaKind.Int && logical == "date" ? AvroConversion.Date : null,
            TypeKind.Timestamp or TypeKind.TimestampTz => logical switch
            {
                "timestamp-millis" or "local-timestamp-millis" => AvroConversion.MillisToMicros,
                "timestamp-micros" or "local-timestamp-micros" => AvroConversion.Micros,
                "timestamp-nanos" or "local-timestamp-nanos" => AvroConversion.NanosToMicros,
                _ => null,
            },
            _ => null,
        };
    }
}
