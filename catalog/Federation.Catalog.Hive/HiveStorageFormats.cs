using Federation.Catalog.Hive.Api;

namespace Federation.Catalog.Hive;

/// <summary>
/// The format Federation reads a Hive table's files with, from its storage descriptor: the SerDe class first (a text
/// container holds text, CSV or JSON as the SerDe says), then the input format. A SerDe or input format this map does
/// not know gives a format named after the class, so the table lists and describes and only its queries fail,
/// naming the class.
/// </summary>
public static class HiveStorageFormats
{
    public const string ParquetInput = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
    public const string ParquetOutput = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat";
    public const string ParquetSerde = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";

    private static readonly Dictionary<string, string> Serdes = new(StringComparer.Ordinal)
    {
        [ParquetSerde] = "parquet",
        ["parquet.hive.serde.ParquetHiveSerDe"] = "parquet",
        ["org.apache.hadoop.hive.ql.io.orc.OrcSerde"] = "orc",
        ["org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe"] = "text",
        ["org.apache.hadoop.hive.serde2.OpenCSVSerde"] = "csv",
        ["org.apache.hive.hcatalog.data.JsonSerDe"] = "json",
        ["org.apache.hadoop.hive.serde2.JsonSerDe"] = "json",
        ["org.openx.data.jsonserde.JsonSerDe"] = "json",
        ["org.apache.hadoop.hive.serde2.avro.AvroSerDe"] = "avro",
        ["org.apache.hadoop.hive.serde2.RegexSerDe"] = "regex",
    };

    private static readonly Dictionary<string, string> InputFormats = new(StringComparer.Ordinal)
    {
        [ParquetInput] = "parquet",
        ["parquet.hive.DeprecatedParquetInputFormat"] = "parquet",
        ["org.apache.hadoop.hive.ql.io.orc.OrcInputFormat"] = "orc",
        ["org.apache.hadoop.mapred.TextInputFormat"] = "text",
        ["org.apache.hadoop.hive.ql.io.avro.AvroContainerInputFormat"] = "avro",
        ["org.apache.hadoop.mapred.SequenceFileInputFormat"] = "sequencefile",
        ["org.apache.hadoop.hive.ql.io.RCFileInputFormat"] = "rcfile",
    };

    /// <summary>The format name ("parquet", "orc", ...) or, for classes not known here, "SerDe class" / "input format class".</summary>
    public static string Resolve(HiveStorageDescriptor? sd) => Resolve(sd?.SerDe?.SerializationLib, sd?.InputFormat);

    /// <summary>As <see cref="Resolve(HiveStorageDescriptor?)"/>, from the class names alone (Glue's StorageDescriptor holds the same ones).</summary>
    public static string Resolve(string? serde, string? input)
    {
        string? container = input is null ? null : InputFormats.GetValueOrDefault(input);
        if (serde is not null && Serdes.TryGetValue(serde, out var byserde))
        {
            return container is null or "text" || container == byserde ? byserde : container;
        }

        if (serde is not null)
        {
            return $"SerDe {serde}";
        }

        return container ?? (input is null ? "no input format" : $"input format {input}");
    }
}
