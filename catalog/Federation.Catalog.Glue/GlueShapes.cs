using System.Text.Json;
using Federation.Catalog.Hive;
using Federation.Catalog.Metastore;
using Federation.Storage;

namespace Federation.Catalog.Glue;

/// <summary>
/// Glue's Database, Table, StorageDescriptor, SerDeInfo, Column and Partition shapes (member names as in Glue's API
/// model) read into the Metastore records and written from them. Glue holds Hive's type names and storage classes,
/// so types go through <see cref="HiveTypeNames"/> and formats through <see cref="HiveStorageFormats"/>, as for Hive.
/// </summary>
public static class GlueShapes
{
    public static MetastoreDatabase ReadDatabase(JsonElement database) =>
        new(String(database, "Name") ?? "", String(database, "LocationUri"), Map(database, "Parameters"));

    public static MetastoreTable ReadTable(JsonElement table)
    {
        var sd = table.TryGetProperty("StorageDescriptor", out var s) ? s : default;
        var serde = sd.ValueKind == JsonValueKind.Object && sd.TryGetProperty("SerdeInfo", out var i) ? i : default;
        var serdeLibrary = String(serde, "SerializationLibrary");
        var input = String(sd, "InputFormat");
        var storage = new MetastoreStorage(HiveStorageFormats.Resolve(serdeLibrary, input), input, String(sd, "OutputFormat"), serdeLibrary, Map(serde, "Parameters"));
        return new MetastoreTable(String(table, "DatabaseName") ?? "", String(table, "Name") ?? "", Columns(sd, "Columns"), Columns(table, "PartitionKeys"),
            String(sd, "Location") ?? "", storage, Map(table, "Parameters"));
    }

    public static MetastorePartition ReadPartition(JsonElement partition)
    {
        var values = new List<string?>();
        if (partition.TryGetProperty("Values", out var array))
        {
            foreach (var value in array.EnumerateArray())
            {
                var text = value.GetString();
                values.Add(text == PartitionNames.DefaultPartition ? null : text);
            }
        }

        var sd = partition.TryGetProperty("StorageDescriptor", out var s) ? s : default;
        return new MetastorePartition(values, String(sd, "Location") ?? "");
    }

    public static void WriteDatabaseInput(Utf8JsonWriter writer, MetastoreDatabase database)
    {
        writer.WriteStartObject("DatabaseInput");
        writer.WriteString("Name", database.Name.ToLowerInvariant());
        if (database.Location is { } location)
        {
            writer.WriteString("LocationUri", location);
        }

        WriteMap(writer, "Parameters", database.Properties);
        writer.WriteEndObject();
    }

    public static void WriteTableInput(Utf8JsonWriter writer, MetastoreTable table)
    {
        writer.WriteStartObject("TableInput");
        writer.WriteString("Name", table.Name.ToLowerInvariant());
        writer.WriteString("TableType", "EXTERNAL_TABLE");
        WriteStorage(writer, table.Columns, table.Location, table.Storage);
        writer.WriteStartArray("PartitionKeys");
        foreach (var key in table.PartitionKeys)
        {
            WriteColumn(writer, key);
        }

        writer.WriteEndArray();
        var parameters = new Dictionary<string, string>(table.Properties, StringComparer.Ordinal) { ["EXTERNAL"] = "TRUE" };
        WriteMap(writer, "Parameters", parameters);
        writer.WriteEndObject();
    }

    /// <summary>A PartitionInput: the table's storage descriptor with the partition's location.</summary>
    public static void WritePartitionInput(Utf8JsonWriter writer, MetastoreTable table, MetastorePartition partition)
    {
        writer.WriteStartObject();
        WriteValues(writer, partition.Values);
        WriteStorage(writer, table.Columns, partition.Location, table.Storage);
        writer.WriteEndObject();
    }

    public static void WriteValues(Utf8JsonWriter writer, IReadOnlyList<string?> values)
    {
        writer.WriteStartArray("Values");
        foreach (var value in values)
        {
            writer.WriteStringValue(value ?? PartitionNames.DefaultPartition);
        }

        writer.WriteEndArray();
    }

    private static void WriteStorage(Utf8JsonWriter writer, IReadOnlyList<MetastoreColumn> columns, string location, MetastoreStorage storage)
    {
        writer.WriteStartObject("StorageDescriptor");
        writer.WriteStartArray("Columns");
        foreach (var column in columns)
        {
            WriteColumn(writer, column);
        }

        writer.WriteEndArray();
        writer.WriteString("Location", location);
        WriteOptional(writer, "InputFormat", storage.InputFormat);
        WriteOptional(writer, "OutputFormat", storage.OutputFormat);
        writer.WriteStartObject("SerdeInfo");
        WriteOptional(writer, "SerializationLibrary", storage.SerdeLibrary);
        WriteMap(writer, "Parameters", storage.SerdeProperties);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteColumn(Utf8JsonWriter writer, MetastoreColumn column)
    {
        writer.WriteStartObject();
        writer.WriteString("Name", column.Name.ToLowerInvariant());
        writer.WriteString("Type", HiveTypeNames.ToHive(column.Type));
        writer.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteMap(Utf8JsonWriter writer, string name, IReadOnlyDictionary<string, string> map)
    {
        writer.WriteStartObject(name);
        foreach (var (key, value) in map)
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
    }

    private static MetastoreColumn[] Columns(JsonElement owner, string name)
    {
        if (owner.ValueKind != JsonValueKind.Object || !owner.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var columns = new List<MetastoreColumn>();
        foreach (var column in array.EnumerateArray())
        {
            columns.Add(new MetastoreColumn(String(column, "Name") ?? "", HiveTypeNames.FromHive(String(column, "Type") ?? "string")));
        }

        return columns.ToArray();
    }

    public static string? String(JsonElement owner, string name) =>
        owner.ValueKind == JsonValueKind.Object && owner.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static Dictionary<string, string> Map(JsonElement owner, string name)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (owner.ValueKind == JsonValueKind.Object && owner.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in value.EnumerateObject())
            {
                map[property.Name] = property.Value.GetString() ?? "";
            }
        }

        return map;
    }
}
