using Apache.Arrow;

namespace Federation.Formats.Text;

/// <summary>
/// Cuts records of delimited text or CSV into fields, straight from the UTF-8 bytes into one Arrow string builder per
/// projected column (fields of other columns are skipped, never copied). Fields past the last one declared are ignored
/// (the trailing delimiter of TPC-H's .tbl files makes an empty one), missing ones read NULL. The field that spells
/// the table's NULL (\N by default for text) is NULL; so is an empty field of a column that is not text, which has no
/// other reading. Escapes (ESCAPED BY, OpenCSVSerde's escapeChar) keep the next byte as it is; in CSV a doubled quote
/// inside quotes is one quote, and quoted fields may hold delimiters and line breaks.
/// </summary>
internal sealed class TextRecordDecoder
{
    private readonly TextLayout _layout;
    private readonly int[] _slotOfField;
    private readonly bool[] _emptyIsNull;
    private readonly int _lastField;
    private readonly bool _countFields;
    private readonly TextColumnBuilders _builders;
    private byte[] _scratch = new byte[256];

    /// <param name="slotOfField">For each declared data column, the builder it fills, or -1 when the query does not read it.</param>
    /// <param name="emptyIsNull">For each builder, whether an empty field reads NULL (the column is not text).</param>
    /// <param name="countFields">Whether to count every field of a record (<see cref="FieldCount"/>), past the last one read.</param>
    public TextRecordDecoder(TextLayout layout, int[] slotOfField, bool[] emptyIsNull, bool countFields = false)
    {
        _layout = layout;
        _countFields = countFields;
        _slotOfField = slotOfField;
        _emptyIsNull = emptyIsNull;
        _lastField = -1;
        for (var f = 0; f < slotOfField.Length; f++)
        {
            if (slotOfField[f] >= 0)
            {
                _lastField = f;
            }
        }

        _builders = new TextColumnBuilders(emptyIsNull.Length);
    }

    /// <summary>Records decoded since the last <see cref="TakeColumns"/>.</summary>
    public int Rows { get; private set; }

    /// <summary>The fields of the record last decoded, when counting; without, only up to the last field read.</summary>
    public int FieldCount { get; private set; }

    /// <summary>
    /// Whether the record last decoded ends in a field delimiter, whose empty last field may be no field at all (TPC-H's
    /// .tbl files end every line with one).
    /// </summary>
    public bool EndsWithDelimiter { get; private set; }

    /// <summary>The decoded columns (one string array per builder), and fresh builders for the next batch.</summary>
    public IArrowArray[] TakeColumns()
    {
        Rows = 0;
        return _builders.Take();
    }

    /// <summary>The position just past the record starting at <paramref name="position"/> (past its line break, or the end of the data).</summary>
    public static int SkipLine(ReadOnlySpan<byte> data, int position, byte lineDelimiter)
    {
        var cut = data[position..].IndexOf(lineDelimiter);
        return cut < 0 ? data.Length : position + cut + 1;
    }

    /// <summary>Decodes the record starting at <paramref name="position"/>; returns the position just past it.</summary>
    public int Decode(ReadOnlySpan<byte> data, int position)
    {
        Rows++;
        return _layout.Csv ? DecodeCsv(data, position) : DecodeDelimited(data, position);
    }

    private int DecodeDelimited(ReadOnlySpan<byte> data, int position)
    {
        var lineDelimiter = _layout.LineDelimiter;
        var rest = data[position..];
        var length = rest.IndexOf(lineDelimiter);
        var next = length < 0 ? data.Length : position + length + 1;
        var line = length < 0 ? rest : rest[..length];
        if (lineDelimiter == (byte)'\n' && line.Length > 0 && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        var delimiter = _layout.FieldDelimiter;
        var field = 0;
        var whole = line;
        if (_layout.Escape is not { } escape)
        {
            while (field <= _lastField)
            {
                var cut = line.IndexOf(delimiter);
                var value = cut < 0 ? line : line[..cut];
                if (_slotOfField[field] is var slot and >= 0)
                {
                    Append(slot, value, false);
                }

                field++;
                if (cut < 0)
                {
                    break;
                }

                line = line[(cut + 1)..];
            }
        }
        else
        {
            while (field <= _lastField)
            {
                // Past escaped delimiters: the escape and the byte after it stay in the field until it is unescaped.
                var cut = 0;
                var escaped = false;
                while (true)
                {
                    var hit = line[cut..].IndexOfAny(delimiter, escape);
                    if (hit < 0)
                    {
                        cut = -1;
                        break;
                    }

                    cut += hit;
                    if (line[cut] == delimiter)
                    {
                        break;
                    }

                    escaped = true;
                    cut += 2;
                    if (cut >= line.Length)
                    {
                        cut = -1;
                        break;
                    }
                }

                var value = cut < 0 ? line : line[..cut];
                if (_slotOfField[field] is var slot and >= 0)
                {
                    Append(slot, value, escaped);
                }

                field++;
                if (cut < 0)
                {
                    break;
                }

                line = line[(cut + 1)..];
            }
        }

        FillMissing(field);
        if (_countFields)
        {
            (FieldCount, EndsWithDelimiter) = CountFields(whole, delimiter, _layout.Escape);
        }
        else
        {
            FieldCount = field;
        }

        return next;
    }

    /// <summary>The fields of a delimited record (one more than its unescaped delimiters), and whether it ends in one.</summary>
    private static (int Count, bool Trailing) CountFields(ReadOnlySpan<byte> line, byte delimiter, byte? escape)
    {
        var count = 1;
        var trailing = false;
        for (var i = 0; i < line.Length; i++)
        {
            var b = line[i];
            if (escape is { } e && b == e)
            {
                i++;
                trailing = false;
                continue;
            }

            if (b == delimiter)
            {
                count++;
                trailing = i == line.Length - 1;
            }
        }

        return (count, trailing);
    }

    private int DecodeCsv(ReadOnlySpan<byte> data, int position)
    {
        var delimiter = _layout.FieldDelimiter;
        var lineDelimiter = _layout.LineDelimiter;
        var quote = _layout.Quote ?? (byte)'"';
        var escape = _layout.Escape ?? quote;
        var field = 0;
        var p = position;
        while (true)
        {
            int start;
            int end;
            var escaped = false;
            var quoted = p < data.Length && data[p] == quote;
            if (quoted)
            {
                // The closing quote: an escape keeps the byte after it, a doubled quote is one quote.
                start = p + 1;
                var q = start;
                while (true)
                {
                    var hit = data[q..].IndexOfAny(quote, escape);
                    if (hit < 0)
                    {
                        throw new TextFormatException("a quoted field is not closed before the end of the file", position);
                    }

                    q += hit;
                    if (data[q] == escape && escape != quote)
                    {
                        escaped = true;
                        q += 2;
                        continue;
                    }

                    if (q + 1 < data.Length && data[q + 1] == quote)
                    {
                        escaped = true;
                        q += 2;
                        continue;
                    }

                    break;
                }

                end = q;
                p = q + 1;
                // Whatever follows the closing quote up to the delimiter is dropped, as OpenCSV does.
                var tail = data[p..].IndexOfAny(delimiter, lineDelimiter);
                p = tail < 0 ? data.Length : p + tail;
            }
            else
            {
                start = p;
                var hit = data[p..].IndexOfAny(delimiter, lineDelimiter);
                end = hit < 0 ? data.Length : p + hit;
                p = end;
            }

            var value = data[start..end];
            if (!quoted && lineDelimiter == (byte)'\n' && value.Length > 0 && value[^1] == (byte)'\r' && (p >= data.Length || data[p] == lineDelimiter))
            {
                value = value[..^1];
            }

            if (field < _slotOfField.Length && _slotOfField[field] is var slot and >= 0)
            {
                AppendCsv(slot, value, escaped, quoted, quote, escape);
            }

            field++;
            if (p >= data.Length)
            {
                FillMissing(field);
                (FieldCount, EndsWithDelimiter) = (field, value.IsEmpty && !quoted && field > 1 && data[start - 1] == delimiter);
                return data.Length;
            }

            if (data[p] == lineDelimiter)
            {
                FillMissing(field);
                (FieldCount, EndsWithDelimiter) = (field, value.IsEmpty && !quoted && field > 1 && data[start - 1] == delimiter);
                return p + 1;
            }

            p++;
            if (p >= data.Length)
            {
                // A record ending in a delimiter has one more, empty, field.
                if (field < _slotOfField.Length && _slotOfField[field] is var last and >= 0)
                {
                    Append(last, [], false);
                }

                FillMissing(field + 1);
                (FieldCount, EndsWithDelimiter) = (field + 1, true);
                return data.Length;
            }
        }
    }

    private void FillMissing(int field)
    {
        for (var f = field; f < _slotOfField.Length; f++)
        {
            if (_slotOfField[f] is var slot and >= 0)
            {
                _builders[slot].AppendNull();
            }
        }
    }

    private void Append(int slot, ReadOnlySpan<byte> value, bool escaped)
    {
        if (IsNull(slot, value))
        {
            _builders[slot].AppendNull();
            return;
        }

        if (!escaped)
        {
            _builders[slot].Append(value);
            return;
        }

        var escape = _layout.Escape!.Value;
        var target = _builders[slot].Reserve(value.Length);
        var written = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var b = value[i];
            if (b == escape && i + 1 < value.Length)
            {
                b = value[++i];
            }

            target[written++] = b;
        }

        _builders[slot].Commit(written);
    }

    private void AppendCsv(int slot, ReadOnlySpan<byte> value, bool escaped, bool quoted, byte quote, byte escape)
    {
        if (!quoted && IsNull(slot, value))
        {
            _builders[slot].AppendNull();
            return;
        }

        if (value.IsEmpty && _emptyIsNull[slot])
        {
            _builders[slot].AppendNull();
            return;
        }

        if (!escaped)
        {
            _builders[slot].Append(value);
            return;
        }

        if (_scratch.Length < value.Length)
        {
            _scratch = new byte[value.Length * 2];
        }

        var written = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var b = value[i];
            if ((b == escape || b == quote) && i + 1 < value.Length)
            {
                b = value[++i];
            }

            _scratch[written++] = b;
        }

        _builders[slot].Append(_scratch.AsSpan(0, written));
    }

    private bool IsNull(int slot, ReadOnlySpan<byte> value) =>
        (_layout.NullText is { } text && value.SequenceEqual(text)) || (value.IsEmpty && _emptyIsNull[slot]);
}
