using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Apache.Arrow;

namespace Federation.Cli.Shell;

/// <summary>
/// JSON lines (one object per row, "\n" after each), which streams and suits jq and log tools better than one big
/// array. Keys are column names in column order; NULL is null; integers, decimals (with their scale) and finite
/// floats are JSON numbers; booleans are true/false; everything else (dates, timestamps, intervals, binary as \x hex,
/// NaN and infinities) is the same text the table format shows, as a JSON string.
/// </summary>
public sealed class JsonResultPrinter(TextWriter output) : ResultPrinter(output)
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ArrayBufferWriter<byte> _buffer = new();
    private string[] _names = [];

    public override void WriteHeader(Schema schema) => _names = schema.FieldsList.Select(f => f.Name).ToArray();

    public override void WriteBatch(RecordBatch batch)
    {
        for (var row = 0; row < batch.Length; row++)
        {
            _buffer.ResetWrittenCount();
            using (var json = new Utf8JsonWriter(_buffer, WriterOptions))
            {
                json.WriteStartObject();
                for (var c = 0; c < batch.ColumnCount; c++)
                {
                    var array = batch.Column(c);
                    json.WritePropertyName(c < _names.Length ? _names[c] : batch.Schema.FieldsList[c].Name);
                    var value = ValueRenderer.Render(array, row);
                    if (value is null)
                    {
                        json.WriteNullValue();
                    }
                    else if (ValueRenderer.IsBoolean(array.Data.DataType))
                    {
                        json.WriteBooleanValue(value == "true");
                    }
                    else if (ValueRenderer.IsNumeric(array.Data.DataType) && IsJsonNumber(value))
                    {
                        json.WriteRawValue(value, skipInputValidation: true);
                    }
                    else
                    {
                        json.WriteStringValue(value);
                    }
                }

                json.WriteEndObject();
            }

            Output.Write(Encoding.UTF8.GetString(_buffer.WrittenSpan));
            Output.Write('\n');
        }
    }

    public override void WriteFooter(long rowCount)
    {
    }

    /// <summary>Rendered numbers are JSON numbers except NaN and the infinities, which JSON cannot write.</summary>
    private static bool IsJsonNumber(string value) => value is not ("NaN" or "Infinity" or "-Infinity");
}
