using System.Text;
using System.Text.Json;

namespace Federation.Formats.Avro;

/// <summary>
/// Parses Avro schema JSON (the specification's "Schema Declaration"): primitive names, records (and errors), enums,
/// arrays, maps, unions, fixed, named-type references resolved through the enclosing namespace, and the logical types
/// whose annotation is valid for the underlying type. A malformed schema is an <see cref="AvroFormatException"/>.
/// </summary>
internal static class AvroSchemaParser
{
    public static AvroSchema Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return Parse(document.RootElement, null, new Dictionary<string, AvroSchema>(StringComparer.Ordinal));
        }
        catch (JsonException e)
        {
            throw new AvroFormatException($"the schema is not valid JSON ({e.Message})");
        }
    }

    private static AvroSchema Parse(JsonElement json, string? space, Dictionary<string, AvroSchema> named)
    {
        switch (json.ValueKind)
        {
            case JsonValueKind.String:
                return Named(json.GetString()!, space, named);
            case JsonValueKind.Array:
            {
                var branches = new List<AvroSchema>();
                foreach (var branch in json.EnumerateArray())
                {
                    branches.Add(Parse(branch, space, named));
                }

                return new AvroSchema(AvroSchemaKind.Union) { Branches = branches };
            }

            case JsonValueKind.Object:
                return ParseObject(json, space, named);
            default:
                throw new AvroFormatException($"a schema cannot be {json.ValueKind}");
        }
    }

    private static AvroSchema Named(string name, string? space, Dictionary<string, AvroSchema> named)
    {
        if (Primitive(name) is { } kind)
        {
            return new AvroSchema(kind);
        }

        if (space is not null && !name.Contains('.', StringComparison.Ordinal) && named.TryGetValue(space + "." + name, out var inSpace))
        {
            return inSpace;
        }

        return named.TryGetValue(name, out var schema) ? schema : throw new AvroFormatException($"the schema refers to an undefined type \"{name}\"");
    }

    private static AvroSchemaKind? Primitive(string name) => name switch
    {
        "null" => AvroSchemaKind.Null,
        "boolean" => AvroSchemaKind.Boolean,
        "int" => AvroSchemaKind.Int,
        "long" => AvroSchemaKind.Long,
        "float" => AvroSchemaKind.Float,
        "double" => AvroSchemaKind.Double,
        "bytes" => AvroSchemaKind.Bytes,
        "string" => AvroSchemaKind.String,
        _ => null,
    };

    private static AvroSchema ParseObject(JsonElement json, string? space, Dictionary<string, AvroSchema> named)
    {
        if (!json.TryGetProperty("type", out var typeElement))
        {
            throw new AvroFormatException("a schema object has no \"type\"");
        }

        if (typeElement.ValueKind != JsonValueKind.String)
        {
            // {"type": {...}} or {"type": [...]}: the inner schema.
            return Parse(typeElement, space, named);
        }

        var type = typeElement.GetString()!;
        var logical = json.TryGetProperty("logicalType", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString() : null;
        switch (type)
        {
            case "record" or "error":
            {
                var (fullName, innerSpace) = FullName(json, space);
                var record = new AvroSchema(AvroSchemaKind.Record, fullName);
                named[fullName] = record;
                var fields = new List<AvroField>();
                if (!json.TryGetProperty("fields", out var fieldsElement) || fieldsElement.ValueKind != JsonValueKind.Array)
                {
                    throw new AvroFormatException($"record \"{fullName}\" has no \"fields\" array");
                }

                foreach (var field in fieldsElement.EnumerateArray())
                {
                    var name = field.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String
                        ? n.GetString()!
                        : throw new AvroFormatException($"a field of record \"{fullName}\" has no name");
                    if (!field.TryGetProperty("type", out var fieldType))
                    {
                        throw new AvroFormatException($"field \"{name}\" of record \"{fullName}\" has no type");
                    }

                    fields.Add(new AvroField(name, Parse(fieldType, innerSpace, named)));
                }

                record.Fields = fields;
                return record;
            }

            case "enum":
            {
                var (fullName, _) = FullName(json, space);
                var symbols = new List<byte[]>();
                if (json.TryGetProperty("symbols", out var symbolsElement) && symbolsElement.ValueKind == JsonValueKind.Array)
                {
                    foreach (var symbol in symbolsElement.EnumerateArray())
                    {
                        symbols.Add(Encoding.UTF8.GetBytes(symbol.GetString() ?? string.Empty));
                    }
                }

                var schema = new AvroSchema(AvroSchemaKind.Enum, fullName) { Symbols = symbols };
                named[fullName] = schema;
                return schema;
            }

            case "array" or "map":
            {
                var key = type == "array" ? "items" : "values";
                if (!json.TryGetProperty(key, out var element))
                {
                    throw new AvroFormatException($"{type} schema has no \"{key}\"");
                }

                return new AvroSchema(type == "array" ? AvroSchemaKind.Array : AvroSchemaKind.Map) { Element = Parse(element, space, named) };
            }

            case "fixed":
            {
                var (fullName, _) = FullName(json, space);
                var size = json.TryGetProperty("size", out var s) && s.TryGetInt32(out var bytes) && bytes >= 0
                    ? bytes
                    : throw new AvroFormatException($"fixed \"{fullName}\" has no valid size");
                var (precision, scale) = Decimal(json, logical);
                var valid = logical switch
                {
                    "decimal" => precision > 0 && size <= 64,
                    "uuid" => size == 16,
                    "duration" => size == 12,
                    _ => false,
                };
                var schema = new AvroSchema(AvroSchemaKind.Fixed, fullName)
                {
                    Size = size, LogicalType = valid ? logical : null, Precision = precision, Scale = scale,
                };
                named[fullName] = schema;
                return schema;
            }

            default:
            {
                var kind = Primitive(type);
                if (kind is null)
                {
                    // A named type written as {"type": "Name"}.
                    return Named(type, space, named);
                }

                var (precision, scale) = Decimal(json, logical);
                var valid = (logical, kind) switch
                {
                    ("decimal", AvroSchemaKind.Bytes) => precision > 0,
                    ("date" or "time-millis", AvroSchemaKind.Int) => true,
                    ("time-micros" or "timestamp-millis" or "timestamp-micros" or "timestamp-nanos"
                        or "local-timestamp-millis" or "local-timestamp-micros" or "local-timestamp-nanos", AvroSchemaKind.Long) => true,
                    ("uuid", AvroSchemaKind.String) => true,
                    _ => false,
                };
                return new AvroSchema(kind.Value) { LogicalType = valid ? logical : null, Precision = precision, Scale = scale };
            }
        }
    }

    private static (int Precision, int Scale) Decimal(JsonElement json, string? logical)
    {
        if (logical != "decimal")
        {
            return (0, 0);
        }

        var precision = json.TryGetProperty("precision", out var p) && p.TryGetInt32(out var pv) ? pv : 0;
        var scale = json.TryGetProperty("scale", out var s) && s.TryGetInt32(out var sv) ? sv : 0;
        return scale < 0 || scale > precision ? (0, 0) : (precision, scale);
    }

    private static (string FullName, string? Space) FullName(JsonElement json, string? space)
    {
        var name = json.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String
            ? n.GetString()!
            : throw new AvroFormatException("a named schema has no name");
        if (name.Contains('.', StringComparison.Ordinal))
        {
            return (name, name[..name.LastIndexOf('.')]);
        }

        var ownSpace = json.TryGetProperty("namespace", out var ns) && ns.ValueKind == JsonValueKind.String ? ns.GetString() : space;
        return string.IsNullOrEmpty(ownSpace) ? (name, null) : (ownSpace + "." + name, ownSpace);
    }
}
