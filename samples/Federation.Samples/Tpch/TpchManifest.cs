using System.Text.Json;

namespace Federation.Samples.Tpch;

/// <summary>
/// Describes a generated dataset: the request it answers, the row count of each table and every
/// file. Written as <c>_tpch.json</c> after all data files, so its presence means the dataset is
/// complete, and read back to skip generating a dataset that is already there.
/// </summary>
public sealed class TpchManifest
{
    public const string FileName = "_tpch.json";

    /// <summary>Where the manifest is written before it is renamed to <see cref="FileName"/>.</summary>
    internal const string TemporaryFileName = "." + FileName + ".inprogress";

    private const string GeneratorName = "Federation.Samples.Tpch";

    public required int GeneratorVersion { get; init; }

    public required double ScaleFactor { get; init; }

    public required ulong Seed { get; init; }

    public required bool PartitionByMonth { get; init; }

    public required int RowsPerRowGroup { get; init; }

    public required IReadOnlyDictionary<TpchTable, long> RowCounts { get; init; }

    /// <summary>Every data file, ordered by path.</summary>
    public required IReadOnlyList<TpchDataFile> Files { get; init; }

    /// <summary>Reads the manifest of a dataset folder; null when there is none or it cannot be read.</summary>
    public static TpchManifest? TryRead(string datasetDirectory)
    {
        string path = Path.Combine(datasetDirectory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            return FromJson(document.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    internal static TpchManifest Create(TpchGeneratorOptions options, IEnumerable<TpchDataFile> files)
    {
        var ordered = files.OrderBy(file => file.Path, StringComparer.Ordinal).ToList();
        var rowCounts = new Dictionary<TpchTable, long>();
        foreach (var table in TpchSchemas.Tables)
        {
            rowCounts[table] = 0;
        }
        foreach (var file in ordered)
        {
            rowCounts[file.Table] += file.Rows;
        }
        return new TpchManifest
        {
            GeneratorVersion = TpchGenerator.GeneratorVersion,
            ScaleFactor = options.ScaleFactor,
            Seed = options.Seed,
            PartitionByMonth = options.PartitionByMonth,
            RowsPerRowGroup = options.RowsPerRowGroup,
            RowCounts = rowCounts,
            Files = ordered,
        };
    }

    /// <summary>True when this manifest describes the dataset the options ask for.</summary>
    internal bool Describes(TpchGeneratorOptions options) =>
        GeneratorVersion == TpchGenerator.GeneratorVersion
        && ScaleFactor == options.ScaleFactor
        && Seed == options.Seed
        && PartitionByMonth == options.PartitionByMonth
        && RowsPerRowGroup == options.RowsPerRowGroup;

    /// <summary>True when every listed file is in the folder with its recorded size.</summary>
    internal bool FilesArePresent(string datasetDirectory)
    {
        foreach (var file in Files)
        {
            var info = new FileInfo(Path.Combine(datasetDirectory, file.Path));
            if (!info.Exists || info.Length != file.Bytes)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Writes the manifest under a temporary name and renames it, so a reader never sees half of it.</summary>
    internal void Write(string datasetDirectory)
    {
        string path = Path.Combine(datasetDirectory, FileName);
        string temporaryPath = Path.Combine(datasetDirectory, TemporaryFileName);
        using (var stream = File.Create(temporaryPath))
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            WriteJson(writer);
        }
        File.Move(temporaryPath, path, overwrite: true);
    }

    private void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("generator", GeneratorName);
        writer.WriteNumber("generatorVersion", GeneratorVersion);
        writer.WriteNumber("scaleFactor", ScaleFactor);
        writer.WriteNumber("seed", Seed);
        writer.WriteBoolean("partitionByMonth", PartitionByMonth);
        writer.WriteNumber("rowsPerRowGroup", RowsPerRowGroup);
        writer.WriteStartObject("rowCounts");
        foreach (var table in TpchSchemas.Tables)
        {
            writer.WriteNumber(TpchSchemas.TableName(table), RowCounts.GetValueOrDefault(table));
        }
        writer.WriteEndObject();
        writer.WriteStartArray("files");
        foreach (var file in Files)
        {
            writer.WriteStartObject();
            writer.WriteString("table", TpchSchemas.TableName(file.Table));
            writer.WriteString("path", file.Path);
            writer.WriteNumber("rows", file.Rows);
            writer.WriteNumber("bytes", file.Bytes);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static TpchManifest? FromJson(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !TryGetString(root, "generator", out string? generator) || generator != GeneratorName
            || !TryGetInt64(root, "generatorVersion", out long version)
            || !root.TryGetProperty("scaleFactor", out var scaleElement) || scaleElement.ValueKind != JsonValueKind.Number
            || !scaleElement.TryGetDouble(out double scaleFactor)
            || !root.TryGetProperty("seed", out var seedElement) || seedElement.ValueKind != JsonValueKind.Number
            || !seedElement.TryGetUInt64(out ulong seed)
            || !root.TryGetProperty("partitionByMonth", out var partitioned)
            || partitioned.ValueKind is not (JsonValueKind.True or JsonValueKind.False)
            || !TryGetInt64(root, "rowsPerRowGroup", out long rowsPerRowGroup)
            || !root.TryGetProperty("rowCounts", out var counts) || counts.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("files", out var filesElement) || filesElement.ValueKind != JsonValueKind.Array)
        {
            return null;
        }
        var rowCounts = new Dictionary<TpchTable, long>();
        foreach (var table in TpchSchemas.Tables)
        {
            if (!TryGetInt64(counts, TpchSchemas.TableName(table), out long rows))
            {
                return null;
            }
            rowCounts[table] = rows;
        }
        var files = new List<TpchDataFile>();
        foreach (var element in filesElement.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.Object
                || !TryGetString(element, "table", out string? tableName) || TableByName(tableName) is not TpchTable table
                || !TryGetString(element, "path", out string? path)
                || !TryGetInt64(element, "rows", out long rows)
                || !TryGetInt64(element, "bytes", out long bytes))
            {
                return null;
            }
            files.Add(new TpchDataFile(table, path, rows, bytes));
        }
        return new TpchManifest
        {
            GeneratorVersion = (int)version,
            ScaleFactor = scaleFactor,
            Seed = seed,
            PartitionByMonth = partitioned.GetBoolean(),
            RowsPerRowGroup = (int)rowsPerRowGroup,
            RowCounts = rowCounts,
            Files = files,
        };
    }

    private static bool TryGetInt64(JsonElement parent, string name, out long value)
    {
        value = 0;
        return parent.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out value);
    }

    private static bool TryGetString(JsonElement parent, string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
    {
        value = parent.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        return value is not null;
    }

    private static TpchTable? TableByName(string? name)
    {
        foreach (var table in TpchSchemas.Tables)
        {
            if (TpchSchemas.TableName(table) == name)
            {
                return table;
            }
        }
        return null;
    }
}
