using System.Globalization;
using System.Text;
using System.Text.Unicode;
using Apache.Arrow;
using Federation.Common;
using Federation.Common.Arrow;
using Federation.Common.Types;
using Federation.Execution;
using Federation.Functions.Kernels;
using Federation.Logical.Plans;
using Federation.Physical.Files;

namespace Federation.Formats.Text;

/// <summary>
/// Converts the text of a batch's columns to their declared types, with a table's bad-data handling
/// (<see cref="BadDataHandling"/>): values that are not UTF-8, longer than their varchar(n)/char(n), numbers that
/// overflow, and values that do not convert at all, each handled as the table's properties say or, under
/// spectrum_query_maxerror, its row skipped; every one recorded for SVL_SPECTRUM_SCAN_ERROR. Text, CSV and JSON scans
/// share it, so that a bad value means the same in each.
/// </summary>
public sealed class TextValueConverter
{
    private readonly string _kind;
    private readonly string _table;
    private readonly SqlType[] _slotTypes;
    private readonly string[] _slotNames;
    private readonly BadDataHandling _handling;

    /// <param name="kind">The format as messages name it ("text", "JSON").</param>
    public TextValueConverter(string kind, string table, SqlType[] slotTypes, string[] slotNames, BadDataHandling handling)
    {
        _kind = kind;
        _table = table;
        _slotTypes = slotTypes;
        _slotNames = slotNames;
        _handling = handling;
    }

    /// <summary>For each slot, whether an empty field reads NULL: the column is not text, so it has no other reading.</summary>
    public bool[] EmptyIsNull()
    {
        var empty = new bool[_slotTypes.Length];
        for (var s = 0; s < empty.Length; s++)
        {
            empty[s] = _slotTypes[s].Kind != TypeKind.String;
        }

        return empty;
    }

    /// <summary>
    /// The scan's batch of <paramref name="count"/> decoded records: the slots converted, the partition columns from
    /// the object's values, and the rows a handling dropped left out.
    /// </summary>
    /// <param name="slotOfField">For each data column, its slot, as the scan assigned them.</param>
    public RecordBatch Assemble(IArrowArray[] text, int count, TextBatchRows rows, TextPart part, Schema schema, IReadOnlyList<ScanColumn> columns,
        int[] slotOfField, int dataColumns)
    {
        var converted = Convert(text, rows, part);
        var arrays = new IArrowArray[columns.Count];
        for (var c = 0; c < arrays.Length; c++)
        {
            var source = columns[c].SourceIndex;
            arrays[c] = source < dataColumns
                ? converted[slotOfField[source]]
                : ArrayFactory.FromScalar(part.File.PartitionValues[source - dataColumns], count);
        }

        var batch = new RecordBatch(schema, arrays, count);
        return rows.AnyDropped(count) ? BatchOps.Filter(batch, rows.Kept(count)) : batch;
    }

    /// <summary>Each slot's text converted; rows a handling drops are marked in <paramref name="rows"/>.</summary>
    public IArrowArray[] Convert(IArrowArray[] text, TextBatchRows rows, TextPart part)
    {
        var converted = new IArrowArray[text.Length];
        for (var s = 0; s < text.Length; s++)
        {
            var type = _slotTypes[s];
            var column = (StringArray)text[s];
            if (part.CheckValues && type.Kind == TypeKind.String)
            {
                column = HandleInvalidCharacters(column, s, rows, part);
            }

            if (type.Kind == TypeKind.String && type.Length >= 0 && _handling.SurplusCharacters != BadDataAction.Disabled)
            {
                column = HandleSurplusCharacters(column, s, rows, part);
            }

            converted[s] = type.Kind == TypeKind.String && !type.IsChar && type.Length < 0 ? column : Convert(column, s, rows, part);
        }

        return converted;
    }

    /// <summary>The column with each value that is not UTF-8 handled as invalid_char_handling says (or skipped under the tolerance).</summary>
    private StringArray HandleInvalidCharacters(StringArray column, int slot, TextBatchRows rows, TextPart part)
    {
        var any = false;
        for (var r = 0; r < column.Length && !any; r++)
        {
            any = !column.IsNull(r) && !rows.Dropped[r] && !Utf8.IsValid(column.GetBytes(r));
        }

        if (!any)
        {
            return column;
        }

        var action = _handling.InvalidCharacters;
        var replacement = _handling.ReplacementCharacter.ToString();
        var builder = VariableWidthBuilder.Utf8(column.Length);
        for (var r = 0; r < column.Length; r++)
        {
            var bytes = column.GetBytes(r);
            if (column.IsNull(r) || rows.Dropped[r] || Utf8.IsValid(bytes))
            {
                AppendValue(builder, column, r);
                continue;
            }

            // Decoding replaces each invalid sequence with U+FFFD; REPLACE swaps those for the table's character.
            var original = Encoding.UTF8.GetString(bytes);
            var error = new FederationException(ErrorCode.CorruptObject,
                $"cannot read {_kind} file {part.Path}: {LineRangeReader.Where(part.Unit, rows.Lines[r])}, column \"{_slotNames[slot]}\" of {_table}: the value is not valid UTF-8");
            switch (action)
            {
                case BadDataAction.Fail:
                    throw error;
                case BadDataAction.Disabled:
                    part.Errors.SkipOrThrow(ErrorRecord(part, rows, r, _slotNames[slot], original, null, "", action, null, ScanErrorCode.InvalidCharacter), error);
                    rows.Dropped[r] = true;
                    builder.AppendNull();
                    break;
                case BadDataAction.SetToNull:
                    part.Errors.Record(ErrorRecord(part, rows, r, _slotNames[slot], original, null, BadDataHandling.InvalidCharactersProperty, action, null, ScanErrorCode.InvalidCharacter));
                    builder.AppendNull();
                    break;
                case BadDataAction.DropRow:
                    part.Errors.Record(ErrorRecord(part, rows, r, _slotNames[slot], original, null, BadDataHandling.InvalidCharactersProperty, action, null, ScanErrorCode.InvalidCharacter));
                    rows.Dropped[r] = true;
                    builder.AppendNull();
                    break;
                default:
                    var replaced = original.Replace("\uFFFD", replacement, StringComparison.Ordinal);
                    part.Errors.Record(ErrorRecord(part, rows, r, _slotNames[slot], original, replaced, BadDataHandling.InvalidCharactersProperty, action, replacement,
                        ScanErrorCode.InvalidCharacter));
                    builder.Append(replaced);
                    break;
            }
        }

        return (StringArray)builder.Build();
    }

    /// <summary>The column with each value longer than its varchar(n) or char(n) handled as surplus_char_handling says.</summary>
    private StringArray HandleSurplusCharacters(StringArray column, int slot, TextBatchRows rows, TextPart part)
    {
        var type = _slotTypes[slot];
        var limit = type.Length;
        var any = false;
        for (var r = 0; r < column.Length && !any; r++)
        {
            any = !column.IsNull(r) && !rows.Dropped[r] && CharacterCount(column.GetBytes(r), type.IsChar) > limit;
        }

        if (!any)
        {
            return column;
        }

        var action = _handling.SurplusCharacters;
        var builder = VariableWidthBuilder.Utf8(column.Length);
        for (var r = 0; r < column.Length; r++)
        {
            var bytes = column.GetBytes(r);
            if (column.IsNull(r) || rows.Dropped[r] || CharacterCount(bytes, type.IsChar) <= limit)
            {
                AppendValue(builder, column, r);
                continue;
            }

            var original = Encoding.UTF8.GetString(bytes);
            if (action == BadDataAction.Fail)
            {
                throw new FederationException(ErrorCode.InvalidArgument,
                    $"cannot read {_kind} file {part.Path}: {LineRangeReader.Where(part.Unit, rows.Lines[r])}, column \"{_slotNames[slot]}\" of {_table}: '{ScanErrorRecord.Clip(original)}' "
                    + $"is longer than {type} ({BadDataHandling.SurplusCharactersProperty} is FAIL)");
            }

            string? modified = null;
            if (action == BadDataAction.Truncate)
            {
                modified = Encoding.UTF8.GetString(bytes[..PrefixBytes(bytes, limit)]);
                builder.Append(modified);
            }
            else
            {
                rows.Dropped[r] |= action == BadDataAction.DropRow;
                builder.AppendNull();
            }

            part.Errors.Record(ErrorRecord(part, rows, r, _slotNames[slot], original, modified, BadDataHandling.SurplusCharactersProperty, action, null,
                ScanErrorCode.SurplusCharacters));
        }

        return (StringArray)builder.Build();
    }

    /// <summary>Characters in a value; a char(n) value's trailing spaces do not count, as PostgreSQL's char input drops them.</summary>
    private static int CharacterCount(ReadOnlySpan<byte> bytes, bool isChar)
    {
        if (isChar)
        {
            bytes = bytes.TrimEnd((byte)' ');
        }

        var count = 0;
        while (!bytes.IsEmpty)
        {
            System.Text.Rune.DecodeFromUtf8(bytes, out _, out var used);
            bytes = bytes[used..];
            count++;
        }

        return count;
    }

    /// <summary>How many bytes the first <paramref name="characters"/> characters take.</summary>
    private static int PrefixBytes(ReadOnlySpan<byte> bytes, int characters)
    {
        var position = 0;
        for (var c = 0; c < characters && position < bytes.Length; c++)
        {
            System.Text.Rune.DecodeFromUtf8(bytes[position..], out _, out var used);
            position += used;
        }

        return position;
    }

    private static void AppendValue(VariableWidthBuilder builder, StringArray column, int row)
    {
        if (column.IsNull(row))
        {
            builder.AppendNull();
        }
        else
        {
            builder.Append(column.GetBytes(row));
        }
    }

    /// <summary>
    /// The text converted to the slot's declared type. When some value does not convert, each is tried alone: an
    /// overflow is handled as numeric_overflow_handling says, any other bad value (and an overflow without handling)
    /// fails the query naming the object, the line, the column and the value, or under spectrum_query_maxerror
    /// skips its row.
    /// </summary>
    private IArrowArray Convert(StringArray text, int slot, TextBatchRows rows, TextPart part)
    {
        var type = _slotTypes[slot];
        if (TextColumnParser.TryConvert(text, type) is { } parsed)
        {
            return parsed;
        }

        try
        {
            return CastKernel.Cast(text, SqlType.String, type, SessionTimeZone.Utc);
        }
        catch (FederationException)
        {
            // Each value alone, below.
        }

        var builder = VariableWidthBuilder.Utf8(text.Length);
        for (var r = 0; r < text.Length; r++)
        {
            if (text.IsNull(r) || rows.Dropped[r])
            {
                builder.AppendNull();
                continue;
            }

            try
            {
                CastKernel.Cast(ArrowArrayFactory.Slice(text, r, 1), SqlType.String, type, SessionTimeZone.Utc);
                AppendValue(builder, text, r);
                continue;
            }
            catch (FederationException e)
            {
                var value = Encoding.UTF8.GetString(text.GetBytes(r));
                var error = new FederationException(e.Code,
                    $"cannot read {_kind} file {part.Path}: {LineRangeReader.Where(part.Unit, rows.Lines[r])}, column \"{_slotNames[slot]}\" of {_table}: '{value}' is not a valid {type} ({e.Message})");
                var overflow = e.Code == ErrorCode.NumericOverflow;
                var action = overflow ? _handling.NumericOverflow : BadDataAction.Disabled;
                var code = overflow ? ScanErrorCode.NumericOverflow : ScanErrorCode.InvalidValue;
                switch (action)
                {
                    case BadDataAction.Fail:
                        throw error;
                    case BadDataAction.Disabled:
                        part.Errors.SkipOrThrow(ErrorRecord(part, rows, r, _slotNames[slot], value, null, "", action, null, code), error);
                        rows.Dropped[r] = true;
                        break;
                    default:
                        rows.Dropped[r] |= action == BadDataAction.DropRow;
                        part.Errors.Record(ErrorRecord(part, rows, r, _slotNames[slot], value, null, BadDataHandling.NumericOverflowProperty, action, null, code));
                        break;
                }

                builder.AppendNull();
            }
        }

        return CastKernel.Cast(builder.Build(), SqlType.String, type, SessionTimeZone.Utc);
    }

    public static ScanErrorRecord ErrorRecord(TextPart part, TextBatchRows rows, int row, string column, string original, string? modified, string trigger,
        BadDataAction action, string? actionValue, ScanErrorCode code) =>
        new(part.Path, rows.Offsets[row].ToString(CultureInfo.InvariantCulture), column, ScanErrorRecord.Clip(original),
            modified is null ? null : ScanErrorRecord.Clip(modified), trigger, BadDataHandling.Spell(action), actionValue, code);
}
