using System.Text.Json;
using Apache.Arrow;
using Federation.Formats.Text;

namespace Federation.Formats.Json;

/// <summary>
/// Decodes JSON lines with <see cref="Utf8JsonReader"/> over their UTF-8 bytes, straight into one Arrow string builder
/// per projected column: a string's unescaped text, a number's text as written, true/false, or the exact bytes of a
/// nested object or array (kept as JSON text); the scan converts them to the declared types afterwards. Keys no
/// projected column reads are skipped (<see cref="Utf8JsonReader.Skip"/>), a missing key reads NULL, and of a key
/// given twice the last value counts. A line's values are only noted while it is read and appended once the whole
/// line has parsed, so a malformed line leaves the builders as they were. A line holding a value other than an
/// object is malformed, unless the table has exactly one column: that column reads the value (as DuckDB reads
/// arrays of scalars).
/// </summary>
internal sealed class JsonRecordDecoder
{
    private const byte None = 0;
    private const byte Line = 1;
    private const byte Unescaped = 2;
    private const byte True = 3;
    private const byte False = 4;

    private static readonly JsonReaderOptions Options = new() { CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false, MaxDepth = 256 };

    private readonly JsonKeyMatcher _keys;
    private readonly bool[] _emptyIsNull;
    private readonly int _onlyColumnSlot;
    private readonly bool _oneColumn;
    private readonly TextColumnBuilders _builders;

    // What the current line holds for each slot: the kind of value and where its bytes are (in the line, or in _unescaped).
    private readonly byte[] _kind;
    private readonly int[] _start;
    private readonly int[] _length;
    private byte[] _unescaped = new byte[256];
    private int _unescapedLength;
    private byte[] _keyScratch = new byte[256];

    /// <param name="keys">The JSON key of each projected data column, with the builder slot it fills.</param>
    /// <param name="emptyIsNull">For each slot, whether an empty string reads NULL (the column is not text).</param>
    /// <param name="dataColumns">The table's data columns: with one, a line that is not an object fills it.</param>
    /// <param name="onlyColumnSlot">With one data column, its slot, or -1 when the query does not read it.</param>
    public JsonRecordDecoder(JsonLayout layout, IReadOnlyList<(string Key, int Slot)> keys, bool[] emptyIsNull, int dataColumns, int onlyColumnSlot)
    {
        _keys = new JsonKeyMatcher(keys, layout.CaseInsensitive, layout.DotsInKeys);
        _emptyIsNull = emptyIsNull;
        _oneColumn = dataColumns == 1;
        _onlyColumnSlot = onlyColumnSlot;
        var slots = emptyIsNull.Length;
        _kind = new byte[slots];
        _start = new int[slots];
        _length = new int[slots];
        _builders = new TextColumnBuilders(slots);
    }

    /// <summary>Records decoded since the last <see cref="TakeColumns"/>.</summary>
    public int Rows { get; private set; }

    /// <summary>The decoded columns (one string array per builder), and fresh builders for the next batch.</summary>
    public IArrowArray[] TakeColumns()
    {
        Rows = 0;
        return _builders.Take();
    }

    /// <summary>A row of NULLs (a malformed line, under ignore.malformed.json).</summary>
    public void AppendNulls()
    {
        for (var s = 0; s < _builders.Count; s++)
        {
            _builders[s].AppendNull();
        }

        Rows++;
    }

    /// <summary>Decodes one line (without its line break); a line that is not a readable JSON object throws <see cref="JsonLineException"/>.</summary>
    public void Decode(ReadOnlySpan<byte> line)
    {
        System.Array.Clear(_kind);
        _unescapedLength = 0;
        var reader = new Utf8JsonReader(line, isFinalBlock: true, new JsonReaderState(Options));
        try
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                if (_kind.Length == 0)
                {
                    // Nothing to read (count(*)): the line is still checked to be JSON.
                    reader.Skip();
                }
                else
                {
                    ReadObject(ref reader);
                }
            }
            else if (_oneColumn)
            {
                if (_onlyColumnSlot >= 0)
                {
                    Note(ref reader, _onlyColumnSlot);
                }
                else
                {
                    reader.Skip();
                }
            }
            else
            {
                throw new JsonLineException($"it holds a JSON {Describe(reader.TokenType)}, not an object");
            }

            // Anything but white space after the value is an error the reader reports.
            if (reader.Read())
            {
                throw new JsonLineException($"more follows the JSON value at byte {reader.TokenStartIndex} of the line");
            }
        }
        catch (JsonException e)
        {
            throw new JsonLineException(e.Message);
        }
        catch (InvalidOperationException e)
        {
            // A string whose escapes are not valid UTF-16 (a lone surrogate) cannot be unescaped.
            throw new JsonLineException(e.Message);
        }

        Append(line);
    }

    private void ReadObject(ref Utf8JsonReader reader)
    {
        var position = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var length = reader.ValueSpan.Length;
            if (_keyScratch.Length < length * 2)
            {
                _keyScratch = new byte[length * 2];
            }

            // The unescaped key at the front of the scratch when it has escapes; its dots.in.keys copy after it.
            var key = reader.ValueIsEscaped ? _keyScratch.AsSpan(0, reader.CopyString(_keyScratch)) : reader.ValueSpan;
            var slot = _keys.Find(key, position++, _keyScratch.AsSpan(length));
            reader.Read();
            if (slot < 0)
            {
                reader.Skip();
                continue;
            }

            Note(ref reader, slot);
        }
    }

    /// <summary>Notes where the value at the reader is, for <paramref name="slot"/>; the reader ends on its last token.</summary>
    private void Note(ref Utf8JsonReader reader, int slot)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String when !reader.ValueIsEscaped:
                Set(slot, Line, (int)reader.TokenStartIndex + 1, reader.ValueSpan.Length);
                break;
            case JsonTokenType.String:
            {
                var room = reader.ValueSpan.Length;
                if (_unescaped.Length - _unescapedLength < room)
                {
                    System.Array.Resize(ref _unescaped, Math.Max(_unescaped.Length * 2, _unescapedLength + room));
                }

                var written = reader.CopyString(_unescaped.AsSpan(_unescapedLength));
                Set(slot, Unescaped, _unescapedLength, written);
                _unescapedLength += written;
                break;
            }

            case JsonTokenType.Number:
                Set(slot, Line, (int)reader.TokenStartIndex, reader.ValueSpan.Length);
                break;
            case JsonTokenType.True:
                Set(slot, True, 0, 0);
                break;
            case JsonTokenType.False:
                Set(slot, False, 0, 0);
                break;
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
            {
                // Kept as JSON text: the exact bytes of the value.
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                Set(slot, Line, start, (int)reader.BytesConsumed - start);
                break;
            }

            default:
                Set(slot, None, 0, 0);
                break;
        }
    }

    private void Set(int slot, byte kind, int start, int length)
    {
        _kind[slot] = kind;
        _start[slot] = start;
        _length[slot] = length;
    }

    private void Append(ReadOnlySpan<byte> line)
    {
        for (var s = 0; s < _kind.Length; s++)
        {
            var builder = _builders[s];
            switch (_kind[s])
            {
                case Line:
                case Unescaped:
                    var value = _kind[s] == Line ? line.Slice(_start[s], _length[s]) : _unescaped.AsSpan(_start[s], _length[s]);
                    if (value.IsEmpty && _emptyIsNull[s])
                    {
                        builder.AppendNull();
                    }
                    else
                    {
                        builder.Append(value);
                    }

                    break;
                case True:
                    builder.Append("true"u8);
                    break;
                case False:
                    builder.Append("false"u8);
                    break;
                default:
                    builder.AppendNull();
                    break;
            }
        }

        Rows++;
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "array",
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}
