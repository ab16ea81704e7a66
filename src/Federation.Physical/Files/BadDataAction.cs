namespace Federation.Physical.Files;

/// <summary>What a scan does with a bad value, as Redshift Spectrum's data handling table properties name it.</summary>
public enum BadDataAction
{
    /// <summary>No handling: the format's own behaviour (a bad value fails the query; see <see cref="BadDataHandling"/>).</summary>
    Disabled,

    /// <summary>The query fails, naming the object, the line, the column and the value.</summary>
    Fail,

    /// <summary>The value reads NULL (for a wrong column count: missing fields NULL, extra ones ignored).</summary>
    SetToNull,

    /// <summary>The row is left out.</summary>
    DropRow,

    /// <summary>Each invalid character is replaced by replacement_char (invalid_char_handling only).</summary>
    Replace,

    /// <summary>The value is cut to its column's length (surplus_char_handling only).</summary>
    Truncate,
}
