using System.Globalization;
using System.Text;
using Federation.Common;
using Federation.Execution;
using Federation.Physical.Files;

namespace Federation.Formats.Avro;

/// <summary>
/// What an Avro scan does with a value that does not fit its column, as Redshift Spectrum's table properties say: a
/// number out of its integer or decimal column's range (numeric_overflow_handling), a string that is not UTF-8
/// (invalid_char_handling, with replacement_char for REPLACE). SET_TO_NULL reads NULL, DROP_ROW drops the record,
/// FAIL fails the query (whatever the tolerance); with no handling the value fails the query unless
/// spectrum_query_maxerror lets the record be skipped. Every value handled or record skipped is a row of
/// SVL_SPECTRUM_SCAN_ERROR whose rowid is "byte offset of the block:record index in it". column_count_mismatch_handling
/// does not apply (columns are matched to the writer's fields by name), nor surplus_char_handling (Avro text is not
/// length-checked). Only reached on a bad value, so the decoder's good path is unchanged.
/// </summary>
internal sealed class AvroBadValues(BadDataHandling handling, ScanErrors errors, string path, int capacity)
{
    /// <summary>Which records of the batch being decoded are dropped.</summary>
    public bool[] Dropped { get; } = new bool[capacity];

    public bool AnyDropped { get; private set; }

    /// <summary>The byte offset of the block being decoded.</summary>
    public long Block { get; set; }

    /// <summary>The index in its block of the record decoded into batch row <see cref="FirstRow"/>.</summary>
    public long FirstRecord { get; set; }

    public int FirstRow { get; set; }

    /// <summary>Whether any value could be handled rather than fail: a property is set or the query tolerates bad rows.</summary>
    public static bool Applies(BadDataHandling handling, ScanErrors errors) =>
        handling.NumericOverflow != BadDataAction.Disabled || handling.InvalidCharacters != BadDataAction.Disabled || errors.Tolerates;

    /// <summary>Handles a number out of its column's range in batch row <paramref name="row"/>; appends what the row reads (NULL) or throws.</summary>
    public void Overflow(AvroColumnBuilder builder, AvroFieldStep step, int row, string value, string message)
    {
        var action = handling.NumericOverflow;
        Handle(builder, step, row, value, message, action, BadDataHandling.NumericOverflowProperty, ScanErrorCode.NumericOverflow, ErrorCode.NumericOverflow, null);
    }

    /// <summary>Handles a string that is not UTF-8; REPLACE appends it with each bad sequence replaced.</summary>
    public void InvalidText(AvroColumnBuilder builder, AvroFieldStep step, int row, ReadOnlySpan<byte> bytes, string message)
    {
        var original = Encoding.UTF8.GetString(bytes);
        var action = handling.InvalidCharacters;
        if (action == BadDataAction.Replace)
        {
            var replaced = Replace(bytes, handling.ReplacementCharacter);
            builder.AppendBytes(Encoding.UTF8.GetBytes(replaced));
            errors.Record(Record(step, row, original, replaced, BadDataHandling.InvalidCharactersProperty, action, handling.ReplacementCharacter.ToString(),
                ScanErrorCode.InvalidCharacter));
            return;
        }

        Handle(builder, step, row, original, message, action, BadDataHandling.InvalidCharactersProperty, ScanErrorCode.InvalidCharacter, ErrorCode.CorruptObject, null);
    }

    /// <summary>Forgets the batch's dropped records (after it was assembled).</summary>
    public void Reset()
    {
        if (AnyDropped)
        {
            System.Array.Clear(Dropped);
            AnyDropped = false;
        }
    }

    private void Handle(AvroColumnBuilder builder, AvroFieldStep step, int row, string value, string message, BadDataAction action, string property,
        ScanErrorCode code, ErrorCode errorCode, string? actionValue)
    {
        var where = $"cannot read Avro file {path}: record {Record(row)} of the block at byte {Block}: {message}";
        switch (action)
        {
            case BadDataAction.Fail:
                throw new FederationException(errorCode, $"{where} ({property} is FAIL)");
            case BadDataAction.Disabled:
                errors.SkipOrThrow(Record(step, row, value, null, "", action, null, code), new FederationException(errorCode, where));
                Drop(row);
                break;
            default:
                if (action == BadDataAction.DropRow)
                {
                    Drop(row);
                }

                errors.Record(Record(step, row, value, null, property, action, actionValue, code));
                break;
        }

        builder.AppendNull();
    }

    private void Drop(int row)
    {
        Dropped[row] = true;
        AnyDropped = true;
    }

    private long Record(int row) => FirstRecord + (row - FirstRow);

    private ScanErrorRecord Record(AvroFieldStep step, int row, string original, string? modified, string trigger, BadDataAction action, string? actionValue,
        ScanErrorCode code) =>
        new(path, $"{Block.ToString(CultureInfo.InvariantCulture)}:{Record(row).ToString(CultureInfo.InvariantCulture)}", step.Column,
            ScanErrorRecord.Clip(original), modified is null ? null : ScanErrorRecord.Clip(modified), trigger, BadDataHandling.Spell(action), actionValue, code);

    private static string Replace(ReadOnlySpan<byte> bytes, Rune replacement)
    {
        var text = new StringBuilder();
        while (!bytes.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(bytes, out var rune, out var consumed) == System.Buffers.OperationStatus.Done)
            {
                text.Append(rune.ToString());
            }
            else
            {
                text.Append(replacement.ToString());
            }

            bytes = bytes[consumed..];
        }

        return text.ToString();
    }
}
