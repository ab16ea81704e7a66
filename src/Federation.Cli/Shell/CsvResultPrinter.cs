using System.Text;
using Apache.Arrow;

namespace Federation.Cli.Shell;

/// <summary>
/// RFC 4180 CSV: a header record of column names, CRLF after every record, fields quoted when they hold a comma, a
/// quote, CR or LF (quotes doubled). NULL is an empty field and the empty string a quoted empty field, so the two stay
/// apart.
/// </summary>
public sealed class CsvResultPrinter(TextWriter output) : ResultPrinter(output)
{
    private const string RecordEnd = "\r\n";

    private readonly StringBuilder _line = new();

    public override void WriteHeader(Schema schema)
    {
        _line.Clear();
        for (var c = 0; c < schema.FieldsList.Count; c++)
        {
            AppendField(c, schema.FieldsList[c].Name);
        }

        Output.Write(_line.Append(RecordEnd));
    }

    public override void WriteBatch(RecordBatch batch)
    {
        for (var row = 0; row < batch.Length; row++)
        {
            _line.Clear();
            for (var c = 0; c < batch.ColumnCount; c++)
            {
                AppendField(c, ValueRenderer.Render(batch.Column(c), row));
            }

            Output.Write(_line.Append(RecordEnd));
        }
    }

    public override void WriteFooter(long rowCount)
    {
    }

    private void AppendField(int column, string? value)
    {
        if (column > 0)
        {
            _line.Append(',');
        }

        if (value is null)
        {
            return;
        }

        if (value.Length == 0 || value.AsSpan().IndexOfAny(",\"\r\n") >= 0)
        {
            _line.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }
        else
        {
            _line.Append(value);
        }
    }
}
