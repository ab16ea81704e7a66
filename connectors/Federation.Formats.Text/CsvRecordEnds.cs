namespace Federation.Formats.Text;

/// <summary>
/// Where the last whole CSV record of a window ends, walking fields as <see cref="TextRecordDecoder"/> does: a field
/// that starts with the quote runs to its closing quote (an escape keeps the next byte, a doubled quote is one
/// quote), line breaks inside it included; a line break outside quotes ends a record.
/// </summary>
public static class CsvRecordEnds
{
    /// <summary>The position after the last line break that ends a record of <paramref name="data"/> (which starts at a record); 0 when none does.</summary>
    public static int Last(ReadOnlySpan<byte> data, TextLayout layout)
    {
        var delimiter = layout.FieldDelimiter;
        var lineDelimiter = layout.LineDelimiter;
        var quote = layout.Quote ?? (byte)'"';
        var escape = layout.Escape ?? quote;
        var last = 0;
        var p = 0;
        while (p < data.Length)
        {
            if (data[p] == quote)
            {
                var q = p + 1;
                while (true)
                {
                    var hit = data[q..].IndexOfAny(quote, escape);
                    if (hit < 0)
                    {
                        return last;
                    }

                    q += hit;
                    if (data[q] == escape && escape != quote)
                    {
                        q += 2;
                        continue;
                    }

                    if (q + 1 >= data.Length)
                    {
                        // A quote at the window's end may be the first of a doubled one.
                        return last;
                    }

                    if (data[q + 1] == quote)
                    {
                        q += 2;
                        continue;
                    }

                    break;
                }

                p = q + 1;
            }

            var end = data[p..].IndexOfAny(delimiter, lineDelimiter);
            if (end < 0)
            {
                return last;
            }

            p += end;
            if (data[p] == lineDelimiter)
            {
                last = p + 1;
            }

            p++;
        }

        return last;
    }
}
