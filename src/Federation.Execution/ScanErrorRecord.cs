namespace Federation.Execution;

/// <summary>
/// One value or row a scan changed or skipped instead of failing: a row of SVL_SPECTRUM_SCAN_ERROR, with Redshift's
/// column names. <see cref="RowId"/> is the record's byte offset in the (decompressed) object, as Redshift's row_offset.
/// </summary>
/// <param name="Location">The object, as s3://bucket/key.</param>
/// <param name="RowId">Where the record starts: its byte offset in the object.</param>
/// <param name="Column">The column whose value was handled; empty for the whole row (a wrong column count).</param>
/// <param name="OriginalValue">The value as the file has it (at most <see cref="ValueLimit"/> characters).</param>
/// <param name="ModifiedValue">What the query read instead; null when the value became NULL or the row was dropped.</param>
/// <param name="Trigger">The table property or session setting that decided (numeric_overflow_handling, spectrum_query_maxerror, ...).</param>
/// <param name="Action">What was done: SET_TO_NULL, DROP_ROW, REPLACE, TRUNCATE, or SKIP_ROW under spectrum_query_maxerror.</param>
/// <param name="ActionValue">The action's parameter (the replacement character, the tolerance), or null.</param>
/// <param name="ErrorCode">What was wrong, as <see cref="ScanErrorCode"/>.</param>
public sealed record ScanErrorRecord(
    string Location,
    string RowId,
    string Column,
    string OriginalValue,
    string? ModifiedValue,
    string Trigger,
    string Action,
    string? ActionValue,
    ScanErrorCode ErrorCode)
{
    /// <summary>Redshift's view keeps values as character(128); longer ones are cut to this many characters.</summary>
    public const int ValueLimit = 128;

    /// <summary>A value cut to <see cref="ValueLimit"/> characters.</summary>
    public static string Clip(string value) => value.Length <= ValueLimit ? value : value[..ValueLimit];
}

/// <summary>What was wrong with a value a scan handled; the numbers are ours (README: SVL_SPECTRUM_SCAN_ERROR).</summary>
public enum ScanErrorCode
{
    /// <summary>A record has fewer or more fields than the table has columns.</summary>
    ColumnCountMismatch = 1,

    /// <summary>A text value is not valid UTF-8.</summary>
    InvalidCharacter = 2,

    /// <summary>A text value is longer than its varchar(n) or char(n) column.</summary>
    SurplusCharacters = 3,

    /// <summary>A number does not fit its integer or decimal column.</summary>
    NumericOverflow = 4,

    /// <summary>A value does not convert to its column's type at all (not a number, not a date, ...).</summary>
    InvalidValue = 5,

    /// <summary>A record cannot be parsed at all (a JSON line that is not an object it can read).</summary>
    MalformedRecord = 6,
}
