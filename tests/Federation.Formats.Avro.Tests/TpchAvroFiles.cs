using Apache.Arrow;
using Apache.Arrow.Types;
using Federation.Common.Arrow;

namespace Federation.Formats.Avro.Tests;

/// <summary>TPC-H tables (as the generator writes them to Parquet, read back as batches) rewritten as Avro with <see cref="AvroTestWriter"/>.</summary>
public static class TpchAvroFiles
{
    /// <summary>The column's Avro type: comments as ["null", "string"] unions, decimals as bytes, dates as int date.</summary>
    private static string AvroType(Field field) => field.DataType switch
    {
        Int32Type => "\"int\"",
        Int64Type => "\"long\"",
        Decimal128Type d => $"{{\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": {d.Precision}, \"scale\": {d.Scale}}}",
        Date32Type => "{\"type\": \"int\", \"logicalType\": \"date\"}",
        StringType when field.Name.EndsWith("_comment", StringComparison.Ordinal) => "[\"null\", \"string\"]",
        StringType => "\"string\"",
        _ => throw new NotSupportedException(field.DataType.Name),
    };

    /// <summary>Rows [<paramref name="from"/>, <paramref name="to"/>) of the batches as one Avro file of blocks of <paramref name="recordsPerBlock"/> records.</summary>
    public static byte[] Write(Schema schema, IReadOnlyList<RecordBatch> batches, long from, long to, string codec, int recordsPerBlock)
    {
        var json = "{\"type\": \"record\", \"name\": \"row\", \"fields\": [" +
                   string.Join(", ", schema.FieldsList.Select(f => $"{{\"name\": \"{f.Name}\", \"type\": {AvroType(f)}}}")) + "]}";
        var output = new MemoryStream();
        var writer = new AvroTestWriter(output, json, codec, recordsPerBlock);
        var row = 0L;
        foreach (var batch in batches)
        {
            for (var r = 0; r < batch.Length; r++, row++)
            {
                if (row < from || row >= to)
                {
                    continue;
                }

                var e = writer.Record;
                for (var c = 0; c < batch.ColumnCount; c++)
                {
                    var column = batch.Column(c);
                    switch (column)
                    {
                        case Int32Array ints:
                            e.WriteLong(ints.GetValue(r)!.Value);
                            break;
                        case Int64Array longs:
                            e.WriteLong(longs.GetValue(r)!.Value);
                            break;
                        case Date32Array dates:
                            e.WriteLong(dates.Values[r]);
                            break;
                        case Decimal128Array:
                            e.WriteDecimal(ArrayFactory.DecimalValues(column)[r]);
                            break;
                        case StringArray strings:
                            if (schema.FieldsList[c].Name.EndsWith("_comment", StringComparison.Ordinal))
                            {
                                e.WriteLong(1);
                            }

                            e.WriteString(strings.GetString(r));
                            break;
                        default:
                            throw new NotSupportedException(column.GetType().Name);
                    }
                }

                writer.EndRecord();
            }
        }

        writer.Flush();
        return output.ToArray();
    }
}
