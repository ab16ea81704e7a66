using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Federation.Common.Types;

namespace Federation.Formats.Avro;

/// <summary>
/// Renders an Avro value for a column declared as text, until nested types exist. Scalars read as their text:
/// strings, bytes, fixed and enum symbols as they are, numbers in the shortest form that round-trips, booleans
/// true/false, dates as 2024-01-31, timestamp-* as "2024-01-31 12:00:00.5+00" and local-timestamp-* without the zone,
/// time-* as 12:00:00.5, decimals with their scale, uuid fixed as 8-4-4-4-12 hex. A union of several types reads as
/// its branch's value (NULL on the null branch). Records, arrays and maps read as compact JSON: records as objects in
/// the writer's field order, maps as objects, arrays as arrays, nested unions as their branch's value without
/// Avro's {"type": value} wrapper, bytes and fixed as strings of ISO-8859-1 characters (one per byte, as Avro's JSON
/// encoding writes them), non-finite floats as the strings "NaN", "Infinity", "-Infinity", and logical types as
/// their text above (decimals as JSON numbers).
/// </summary>
internal sealed class AvroTextRenderer
{
    private readonly ArrayBufferWriter<byte> _buffer = new(256);
    private readonly Utf8JsonWriter _json;

    public AvroTextRenderer()
    {
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });
    }

    public void Render(ref AvroBinaryReader reader, AvroSchema schema, AvroColumnBuilder builder, string column)
    {
        while (schema.Kind == AvroSchemaKind.Union)
        {
            schema = schema.Branches[reader.ReadUnionIndex(schema)];
        }

        switch (schema.Kind)
        {
            case AvroSchemaKind.Null:
                builder.AppendNull();
                return;
            case AvroSchemaKind.String:
            case AvroSchemaKind.Bytes when schema.LogicalType is null:
            case AvroSchemaKind.Fixed when schema.LogicalType is null:
            {
                var bytes = schema.Kind == AvroSchemaKind.Fixed ? reader.Take(schema.Size) : reader.ReadBytes();
                if (!Utf8.IsValid(bytes))
                {
                    throw new AvroFormatException($"column \"{column}\": a {schema} value is not valid UTF-8 text (declare the column varbinary to read its bytes)");
                }

                builder.AppendBytes(bytes);
                return;
            }

            case AvroSchemaKind.Enum:
                builder.AppendBytes(schema.Symbols[Symbol(ref reader, schema)]);
                return;
            case AvroSchemaKind.Record or AvroSchemaKind.Array or AvroSchemaKind.Map:
                _buffer.ResetWrittenCount();
                _json.Reset();
                try
                {
                    WriteJson(ref reader, schema);
                }
                catch (ArgumentException e)
                {
                    throw new AvroFormatException($"column \"{column}\": a string in a {schema} value is not valid UTF-8 ({e.Message})");
                }

                _json.Flush();
                builder.AppendBytes(_buffer.WrittenSpan);
                return;
            default:
                builder.AppendBytes(Encoding.UTF8.GetBytes(ScalarText(ref reader, schema)));
                return;
        }
    }

    private static int Symbol(ref AvroBinaryReader reader, AvroSchema schema)
    {
        var symbol = reader.ReadLong();
        if ((ulong)symbol >= (ulong)schema.Symbols.Count)
        {
            throw new AvroFormatException($"enum index {symbol} is out of range for {schema} ({schema.Symbols.Count} symbols)");
        }

        return (int)symbol;
    }

    /// <summary>The text of a scalar (not a string, bytes, record, array, map, union or enum).</summary>
    private static string ScalarText(ref AvroBinaryReader reader, AvroSchema schema)
    {
        switch (schema.Kind)
        {
            case AvroSchemaKind.Boolean:
                return reader.ReadBoolean() ? "true" : "false";
            case AvroSchemaKind.Int or AvroSchemaKind.Long:
            {
                var value = reader.ReadLong();
                return schema.LogicalType switch
                {
                    "date" => DateOnly.FromDayNumber(checked((int)(value + 719_162))).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    "time-millis" => Time(value * 1000),
                    "time-micros" => Time(value),
                    "timestamp-millis" => Timestamp(value * 1000) + "+00",
                    "timestamp-micros" => Timestamp(value) + "+00",
                    "timestamp-nanos" => Timestamp(Math.DivRem(value, 1000) is var (q, rem) && rem < 0 ? q - 1 : q) + "+00",
                    "local-timestamp-millis" => Timestamp(value * 1000),
                    "local-timestamp-micros" => Timestamp(value),
                    "local-timestamp-nanos" => Timestamp(Math.DivRem(value, 1000) is var (q2, rem2) && rem2 < 0 ? q2 - 1 : q2),
                    _ => value.ToString(CultureInfo.InvariantCulture),
                };
            }

            case AvroSchemaKind.Float:
                return DecimalMath.FormatFloat(reader.ReadFloat());
            case AvroSchemaKind.Double:
                return DecimalMath.FormatDouble(reader.ReadDouble());
            case AvroSchemaKind.Bytes or AvroSchemaKind.Fixed:
            {
                var bytes = schema.Kind == AvroSchemaKind.Fixed ? reader.Take(schema.Size) : reader.ReadBytes();
                if (schema.LogicalType == "decimal")
                {
                    return DecimalMath.Format(AvroRecordDecoder.BigEndian(bytes, new AvroFieldStep { Writer = schema, Value = schema, Column = schema.ToString() }), schema.Scale);
                }

                if (schema.LogicalType == "uuid")
                {
                    return new Guid(bytes, bigEndian: true).ToString("D", CultureInfo.InvariantCulture);
                }

                return Latin1(bytes);
            }

            default:
                throw new AvroFormatException($"cannot render {schema} as text");
        }
    }

    private static string Latin1(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);

    private static string Time(long micros)
    {
        var time = TimeOnly.FromTimeSpan(TimeSpan.FromTicks(micros * 10 % TimeSpan.TicksPerDay));
        return time.ToString(time.Ticks % TimeSpan.TicksPerSecond == 0 ? "HH:mm:ss" : "HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture);
    }

    private static string Timestamp(long micros)
    {
        var at = DateTime.UnixEpoch.AddTicks(micros * 10);
        return at.ToString(at.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture);
    }

    private void WriteJson(ref AvroBinaryReader reader, AvroSchema schema)
    {
        switch (schema.Kind)
        {
            case AvroSchemaKind.Null:
                _json.WriteNullValue();
                return;
            case AvroSchemaKind.Boolean:
                _json.WriteBooleanValue(reader.ReadBoolean());
                return;
            case AvroSchemaKind.Int or AvroSchemaKind.Long when schema.LogicalType is null:
                _json.WriteNumberValue(reader.ReadLong());
                return;
            case AvroSchemaKind.Float or AvroSchemaKind.Double:
            {
                var value = schema.Kind == AvroSchemaKind.Float ? reader.ReadFloat() : reader.ReadDouble();
                if (double.IsFinite(value))
                {
                    _json.WriteRawValue(schema.Kind == AvroSchemaKind.Float ? DecimalMath.FormatFloat((float)value) : DecimalMath.FormatDouble(value), skipInputValidation: true);
                }
                else
                {
                    _json.WriteStringValue(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
                }

                return;
            }

            case AvroSchemaKind.String:
                _json.WriteStringValue(reader.ReadBytes());
                return;
            case AvroSchemaKind.Bytes or AvroSchemaKind.Fixed when schema.LogicalType == "decimal":
                _json.WriteRawValue(ScalarText(ref reader, schema), skipInputValidation: true);
                return;
            case AvroSchemaKind.Enum:
                _json.WriteStringValue(schema.Symbols[Symbol(ref reader, schema)]);
                return;
            case AvroSchemaKind.Record:
                _json.WriteStartObject();
                foreach (var field in schema.Fields)
                {
                    _json.WritePropertyName(field.Name);
                    WriteJson(ref reader, field.Schema);
                }

                _json.WriteEndObject();
                return;
            case AvroSchemaKind.Array or AvroSchemaKind.Map:
            {
                var map = schema.Kind == AvroSchemaKind.Map;
                if (map)
                {
                    _json.WriteStartObject();
                }
                else
                {
                    _json.WriteStartArray();
                }

                for (var count = reader.ReadBlockCount(); count > 0; count = reader.ReadBlockCount())
                {
                    for (var i = 0L; i < count; i++)
                    {
                        if (map)
                        {
                            _json.WritePropertyName(reader.ReadBytes());
                        }

                        WriteJson(ref reader, schema.Element!);
                    }
                }

                if (map)
                {
                    _json.WriteEndObject();
                }
                else
                {
                    _json.WriteEndArray();
                }

                return;
            }

            case AvroSchemaKind.Union:
                WriteJson(ref reader, schema.Branches[reader.ReadUnionIndex(schema)]);
                return;
            default:
                // Logical types on int, long and fixed (dates, times, timestamps, uuid) and plain bytes and fixed: their text as a string.
                _json.WriteStringValue(ScalarText(ref reader, schema));
                return;
        }
    }
}
