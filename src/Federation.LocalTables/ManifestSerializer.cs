using System.Globalization;
using System.Text.Json;
using Federation.Common;
using Federation.Common.Types;
using Federation.Logical.Tables;

namespace Federation.LocalTables;

/// <summary>Writes a manifest as JSON and reads it back; a manifest that does not parse is an error naming its file.</summary>
internal static class ManifestSerializer
{
    private const int FormatVersion = 1;

    public static byte[] Write(TableManifest manifest)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false }))
        {
            json.WriteStartObject();
            json.WriteNumber("format", FormatVersion);
            json.WriteNumber("version", manifest.Version);
            json.WriteString("schema", manifest.Schema);
            json.WriteString("name", manifest.Name);
            json.WriteStartArray("columns");
            for (var i = 0; i < manifest.Columns.Count; i++)
            {
                var column = manifest.Columns[i];
                json.WriteStartObject();
                json.WriteString("name", column.Name);
                json.WriteString("encode", manifest.Encodings[i].Name);
                json.WriteString("kind", column.Type.Kind.ToString());
                json.WriteNumber("precision", column.Type.Precision);
                json.WriteNumber("scale", column.Type.Scale);
                json.WriteNumber("length", column.Type.Length);
                json.WriteBoolean("char", column.Type.IsChar);
                json.WriteBoolean("nullable", column.Nullable);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("row_groups");
            foreach (var group in manifest.RowGroups)
            {
                json.WriteStartObject();
                json.WriteString("file", group.File);
                json.WriteNumber("rows", group.Rows);
                json.WriteStartArray("chunks");
                foreach (var chunk in group.Columns)
                {
                    json.WriteStartObject();
                    json.WriteNumber("offset", chunk.Offset);
                    json.WriteNumber("length", chunk.Length);
                    json.WriteString("xxh64", chunk.Checksum.ToString("x16", CultureInfo.InvariantCulture));
                    json.WriteString("encoding", chunk.Encoding.ToString());
                    json.WriteNumber("nulls", chunk.NullCount);
                    if (chunk.Min is { IsNull: false } min && chunk.Max is { IsNull: false } max)
                    {
                        json.WriteString("min", ZoneText(min));
                        json.WriteString("max", ZoneText(max));
                    }

                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return stream.ToArray();
    }

    public static TableManifest Read(ReadOnlySpan<byte> bytes, string file)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes.ToArray());
            var root = document.RootElement;
            if (root.GetProperty("format").GetInt32() != FormatVersion)
            {
                throw new FederationException(ErrorCode.CorruptObject, $"local table manifest \"{file}\" has an unknown format");
            }

            var columns = new List<TableColumn>();
            var encodings = new List<ColumnEncoding>();
            foreach (var c in root.GetProperty("columns").EnumerateArray())
            {
                var kind = Enum.Parse<TypeKind>(c.GetProperty("kind").GetString()!);
                var type = TypeOf(kind, c.GetProperty("precision").GetInt32(), c.GetProperty("scale").GetInt32(), c.GetProperty("length").GetInt32(),
                    c.GetProperty("char").GetBoolean());
                columns.Add(new TableColumn(c.GetProperty("name").GetString()!, type, c.GetProperty("nullable").GetBoolean()));
                encodings.Add(ColumnEncoding.Parse(c.GetProperty("encode").GetString()!, columns[^1].Name, type));
            }

            var groups = new List<RowGroup>();
            foreach (var g in root.GetProperty("row_groups").EnumerateArray())
            {
                var chunks = new List<ColumnChunk>();
                var c = 0;
                foreach (var k in g.GetProperty("chunks").EnumerateArray())
                {
                    var type = columns[c++].Type;
                    ScalarValue? min = null, max = null;
                    if (k.TryGetProperty("min", out var minText) && k.TryGetProperty("max", out var maxText))
                    {
                        min = ZoneValue(type, minText.GetString()!);
                        max = ZoneValue(type, maxText.GetString()!);
                    }

                    chunks.Add(new ColumnChunk(k.GetProperty("offset").GetInt64(), k.GetProperty("length").GetInt32(),
                        ulong.Parse(k.GetProperty("xxh64").GetString()!, NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                        Enum.Parse<BlockEncoding>(k.GetProperty("encoding").GetString()!), k.GetProperty("nulls").GetInt64(), min, max));
                }

                if (chunks.Count != columns.Count)
                {
                    throw new FederationException(ErrorCode.CorruptObject, $"local table manifest \"{file}\": a row group has {chunks.Count} blocks for {columns.Count} columns");
                }

                groups.Add(new RowGroup(g.GetProperty("file").GetString()!, g.GetProperty("rows").GetInt32(), chunks));
            }

            return new TableManifest(root.GetProperty("version").GetInt64(), root.GetProperty("schema").GetString()!, root.GetProperty("name").GetString()!,
                columns, groups, encodings);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException
            or OverflowException)
        {
            throw new FederationException(ErrorCode.CorruptObject, $"local table manifest \"{file}\" is corrupt: {e.Message}", e);
        }
    }

    private static SqlType TypeOf(TypeKind kind, int precision, int scale, int length, bool isChar) => kind switch
    {
        TypeKind.Null => SqlType.Null,
        TypeKind.Boolean => SqlType.Boolean,
        TypeKind.Int16 => SqlType.Int16,
        TypeKind.Int32 => SqlType.Int32,
        TypeKind.Int64 => SqlType.Int64,
        TypeKind.Float32 => SqlType.Float32,
        TypeKind.Float64 => SqlType.Float64,
        TypeKind.Decimal => SqlType.Decimal(precision, scale),
        TypeKind.String => isChar ? SqlType.Char(length) : SqlType.Varchar(length),
        TypeKind.Binary => SqlType.Binary,
        TypeKind.Date => SqlType.Date,
        TypeKind.Timestamp => SqlType.Timestamp,
        TypeKind.TimestampTz => SqlType.TimestampTz,
        TypeKind.Interval => SqlType.Interval,
        _ => throw new FormatException($"unknown type {kind}"),
    };

    private static string ZoneText(ScalarValue value) => value.Value switch
    {
        bool b => b ? "true" : "false",
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        string s => s,
        byte[] bytes => Convert.ToHexString(bytes),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => throw FederationException.Internal($"no zone map text for {value.Type}"),
    };

    private static ScalarValue ZoneValue(SqlType type, string text) => new(type, type.Kind switch
    {
        TypeKind.Boolean => text == "true",
        TypeKind.Int16 => short.Parse(text, CultureInfo.InvariantCulture),
        TypeKind.Int32 or TypeKind.Date => int.Parse(text, CultureInfo.InvariantCulture),
        TypeKind.Int64 or TypeKind.Timestamp or TypeKind.TimestampTz => long.Parse(text, CultureInfo.InvariantCulture),
        TypeKind.Float32 => float.Parse(text, CultureInfo.InvariantCulture),
        TypeKind.Float64 => double.Parse(text, CultureInfo.InvariantCulture),
        TypeKind.Decimal => Int128.Parse(text, CultureInfo.InvariantCulture),
        TypeKind.String => text,
        TypeKind.Binary => Convert.FromHexString(text),
        _ => throw new FormatException($"no zone map for {type}"),
    });
}
