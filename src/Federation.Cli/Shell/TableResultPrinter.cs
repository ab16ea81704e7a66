using System.Globalization;
using System.Text;
using Apache.Arrow;

namespace Federation.Cli.Shell;

/// <summary>
/// psql's aligned format: centered column names, a dashed rule, one space of padding around every cell, "|"
/// between columns, numbers aligned right and everything else left, then "(N rows)" and a blank line. NULL shows as
/// NULL. A value with line breaks spans several lines, each unfinished line marked with "+" as psql marks it.
/// Trailing blanks are not printed.
/// </summary>
public sealed class TableResultPrinter(TextWriter output) : ResultPrinter(output)
{
    public const string NullText = "NULL";

    private readonly List<string[]> _rows = [];
    private string[] _names = [];
    private bool[] _rightAligned = [];

    public override void WriteHeader(Schema schema)
    {
        _names = schema.FieldsList.Select(f => f.Name).ToArray();
        _rightAligned = schema.FieldsList.Select(f => ValueRenderer.IsNumeric(f.DataType)).ToArray();
        _rows.Clear();
    }

    public override void WriteBatch(RecordBatch batch)
    {
        for (var row = 0; row < batch.Length; row++)
        {
            var cells = new string[batch.ColumnCount];
            for (var c = 0; c < cells.Length; c++)
            {
                cells[c] = (ValueRenderer.Render(batch.Column(c), row) ?? NullText).Replace("\r", string.Empty, StringComparison.Ordinal);
            }

            _rows.Add(cells);
        }
    }

    public override void WriteFooter(long rowCount)
    {
        var widths = _names.Select(n => n.Length).ToArray();
        foreach (var row in _rows)
        {
            for (var c = 0; c < widths.Length && c < row.Length; c++)
            {
                foreach (var line in row[c].Split('\n'))
                {
                    widths[c] = Math.Max(widths[c], line.Length);
                }
            }
        }

        var sb = new StringBuilder();
        if (_names.Length > 0)
        {
            for (var c = 0; c < _names.Length; c++)
            {
                if (c > 0)
                {
                    sb.Append('|');
                }

                var padding = widths[c] - _names[c].Length;
                sb.Append(' ', 1 + (padding / 2)).Append(_names[c]).Append(' ', 1 + padding - (padding / 2));
            }

            EndLine(sb);
            for (var c = 0; c < widths.Length; c++)
            {
                sb.Append(c > 0 ? "+" : string.Empty).Append('-', widths[c] + 2);
            }

            EndLine(sb);
        }

        foreach (var row in _rows)
        {
            var lines = row.Select(cell => cell.Split('\n')).ToArray();
            var height = lines.Length == 0 ? 1 : lines.Max(l => l.Length);
            for (var lineIndex = 0; lineIndex < height; lineIndex++)
            {
                for (var c = 0; c < lines.Length; c++)
                {
                    if (c > 0)
                    {
                        sb.Append('|');
                    }

                    var text = lineIndex < lines[c].Length ? lines[c][lineIndex] : string.Empty;
                    var continues = lineIndex < lines[c].Length - 1;
                    sb.Append(' ').Append(_rightAligned[c] ? text.PadLeft(widths[c]) : text.PadRight(widths[c])).Append(continues ? '+' : ' ');
                }

                EndLine(sb);
            }
        }

        sb.Append(CultureInfo.InvariantCulture, $"({rowCount} {(rowCount == 1 ? "row" : "rows")})");
        EndLine(sb);
        EndLine(sb);
        Output.Write(sb.ToString());
        _rows.Clear();
    }

    private static void EndLine(StringBuilder sb)
    {
        var end = sb.Length;
        while (end > 0 && sb[end - 1] == ' ')
        {
            end--;
        }

        sb.Length = end;
        sb.Append('\n');
    }
}
