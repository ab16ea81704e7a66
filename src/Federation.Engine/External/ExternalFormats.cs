using Federation.Catalog.Metastore;
using Federation.Common;
using Federation.Sql.Ast;

namespace Federation.Engine.External;

/// <summary>
/// Maps what CREATE EXTERNAL TABLE says about storage (STORED AS, INPUTFORMAT/OUTPUTFORMAT class names, ROW FORMAT
/// SERDE class names, as Hive and Spectrum users write them) to the format Federation reads: "parquet", "orc",
/// "text", "csv", "json", "avro", ... Contradictions (a Parquet SerDe over text files) are errors naming both.
/// </summary>
internal static class ExternalFormats
{
    private const string ParquetInput = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
    private const string ParquetOutput = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat";
    private const string ParquetSerde = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";
    private const string OrcInput = "org.apache.hadoop.hive.ql.io.orc.OrcInputFormat";
    private const string OrcOutput = "org.apache.hadoop.hive.ql.io.orc.OrcOutputFormat";
    private const string OrcSerde = "org.apache.hadoop.hive.ql.io.orc.OrcSerde";
    private const string TextInput = "org.apache.hadoop.mapred.TextInputFormat";
    private const string TextOutput = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat";
    private const string LazySimpleSerde = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe";
    private const string AvroInput = "org.apache.hadoop.hive.ql.io.avro.AvroContainerInputFormat";
    private const string AvroOutput = "org.apache.hadoop.hive.ql.io.avro.AvroContainerOutputFormat";
    private const string AvroSerde = "org.apache.hadoop.hive.serde2.avro.AvroSerDe";

    /// <summary>SerDe classes by the format they read.</summary>
    private static readonly Dictionary<string, string> Serdes = new(StringComparer.Ordinal)
    {
        [ParquetSerde] = "parquet",
        [OrcSerde] = "orc",
        [LazySimpleSerde] = "text",
        ["org.apache.hadoop.hive.serde2.OpenCSVSerde"] = "csv",
        ["org.apache.hive.hcatalog.data.JsonSerDe"] = "json",
        ["org.apache.hadoop.hive.serde2.JsonSerDe"] = "json",
        ["org.openx.data.jsonserde.JsonSerDe"] = "json",
        [AvroSerde] = "avro",
        ["org.apache.hadoop.hive.serde2.RegexSerDe"] = "regex",
    };

    /// <summary>Input format classes by the container they read (text containers hold text, csv or json, as the SerDe says).</summary>
    private static readonly Dictionary<string, string> InputFormats = new(StringComparer.Ordinal)
    {
        [ParquetInput] = "parquet",
        [OrcInput] = "orc",
        [TextInput] = "text",
        [AvroInput] = "avro",
        ["org.apache.hadoop.mapred.SequenceFileInputFormat"] = "sequencefile",
        ["org.apache.hadoop.hive.ql.io.RCFileInputFormat"] = "rcfile",
    };

    /// <summary>How each format is spelled in messages.</summary>
    public static string Display(string format) => format switch
    {
        "text" => "TEXTFILE",
        "csv" => "CSV (OpenCSVSerde)",
        "regex" => "RegexSerDe text",
        _ => format.ToUpperInvariant(),
    };

    /// <summary>The format the table's files are in, and the storage description the metastore keeps.</summary>
    public static MetastoreStorage Resolve(CreateExternalTableStatement create)
    {
        var stored = create.StoredAs;
        string container = stored.Kind switch
        {
            StorageFormatKind.Parquet => "parquet",
            StorageFormatKind.Orc => "orc",
            StorageFormatKind.TextFile => "text",
            StorageFormatKind.Avro => "avro",
            StorageFormatKind.Json => "json",
            StorageFormatKind.SequenceFile => "sequencefile",
            StorageFormatKind.RcFile => "rcfile",
            _ => InputFormats.TryGetValue(stored.InputFormat!.Value, out var byClass)
                ? byClass
                : throw new FederationException(ErrorCode.NotSupported, $"unknown INPUTFORMAT '{stored.InputFormat.Value}'"),
        };

        var format = container;
        string? serde = null;
        var serdeProperties = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (create.RowFormat)
        {
            case SerdeRowFormat row:
                serde = row.SerdeClass.Value;
                if (!Serdes.TryGetValue(serde, out var serdeFormat))
                {
                    throw new FederationException(ErrorCode.NotSupported, $"unknown ROW FORMAT SERDE '{serde}'");
                }

                // Text containers hold whatever the SerDe parses; binary containers need their own SerDe.
                if (container is "text" && serdeFormat is "text" or "csv" or "json" or "regex")
                {
                    format = serdeFormat;
                }
                else if (container == "json" && serdeFormat == "json")
                {
                    format = "json";
                }
                else if (serdeFormat != container)
                {
                    throw new FederationException(ErrorCode.InvalidArgument,
                        $"ROW FORMAT SERDE '{serde}' reads {Display(serdeFormat)} data, but the table is STORED AS {Display(container)}");
                }

                foreach (var property in row.Properties)
                {
                    serdeProperties[property.Key.Value] = property.Value.Value;
                }

                break;
            case DelimitedRowFormat delimited:
                if (container != "text")
                {
                    throw new FederationException(ErrorCode.InvalidArgument, $"ROW FORMAT DELIMITED applies to text files, but the table is STORED AS {Display(container)}");
                }

                // The SerDe property names Hive's DDL writes, so a table made here reads the same in Hive and Glue
                // ("colelction.delim" is Hive's own spelling).
                SetSerdeProperty(serdeProperties, "field.delim", delimited.FieldTerminator);
                SetSerdeProperty(serdeProperties, "escape.delim", delimited.EscapeCharacter);
                SetSerdeProperty(serdeProperties, "colelction.delim", delimited.CollectionItemTerminator);
                SetSerdeProperty(serdeProperties, "mapkey.delim", delimited.MapKeyTerminator);
                SetSerdeProperty(serdeProperties, "line.delim", delimited.LineTerminator);
                SetSerdeProperty(serdeProperties, "serialization.null.format", delimited.NullText);

                break;
        }

        var (input, output, defaultSerde) = format switch
        {
            "parquet" => (ParquetInput, ParquetOutput, ParquetSerde),
            "orc" => (OrcInput, OrcOutput, OrcSerde),
            "avro" => (AvroInput, AvroOutput, AvroSerde),
            "text" => (TextInput, TextOutput, LazySimpleSerde),
            _ => (stored.InputFormat?.Value ?? TextInput, stored.OutputFormat?.Value ?? TextOutput, (string?)null),
        };
        return new MetastoreStorage(format, stored.InputFormat?.Value ?? input, stored.OutputFormat?.Value ?? output, serde ?? defaultSerde, serdeProperties);
    }

    private static void SetSerdeProperty(Dictionary<string, string> properties, string key, StringLiteral? value)
    {
        if (value is not null)
        {
            properties[key] = value.Value;
        }
    }
}
