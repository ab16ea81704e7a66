using System.Text;

namespace Federation.Formats.Text;

/// <summary>
/// The first records of a CSV sample as field texts, for read_csv's inference (not a hot path): quoted fields keep
/// their delimiters and line breaks, an escape keeps the next character, a doubled quote is one; an unquoted field
/// spelled as the NULL text is null. A trailing CR before the line feed is dropped.
/// </summary>
public static class CsvSample
{
    public static List<string?[]> Records(byte[] sample, CsvOptions options, int count)
    {
        var text = Encoding.UTF8.GetString(sample);
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var delimiter = (char)options.Delimiter;
        var quote = (char)options.Quote;
        var escape = (char)options.Escape;
        var records = new List<string?[]>();
        var fields = new List<string?>();
        var field = new StringBuilder();
        var p = 0;
        while (p < text.Length && records.Count < count)
        {
            var quoted = text[p] == quote;
            field.Clear();
            if (quoted)
            {
                p++;
                while (p < text.Length)
                {
                    var c = text[p];
                    if (c == escape && escape != quote && p + 1 < text.Length)
                    {
                        field.Append(text[p + 1]);
                        p += 2;
                    }
                    else if (c == quote && p + 1 < text.Length && text[p + 1] == quote)
                    {
                        field.Append(quote);
                        p += 2;
                    }
                    else if (c == quote)
                    {
                        p++;
                        break;
                    }
                    else
                    {
                        field.Append(c);
                        p++;
                    }
                }

                while (p < text.Length && text[p] != delimiter && text[p] != '\n')
                {
                    p++;
                }
            }
            else
            {
                while (p < text.Length && text[p] != delimiter && text[p] != '\n')
                {
                    field.Append(text[p++]);
                }

                if (field.Length > 0 && field[^1] == '\r' && (p == text.Length || text[p] == '\n'))
                {
                    field.Length--;
                }
            }

            var value = field.ToString();
            fields.Add(!quoted && value == options.NullText ? null : value);
            if (p >= text.Length || text[p] == '\n')
            {
                if (!(fields.Count == 1 && fields[0] is null or ""))
                {
                    records.Add([.. fields]);
                }

                fields.Clear();
            }

            p++;
        }

        return records;
    }
}
