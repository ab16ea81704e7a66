namespace Federation.Cli.Shell;

/// <summary>How the shell prints result rows.</summary>
public enum ResultFormat
{
    /// <summary>Aligned columns under a header, then "(N rows)", as psql prints them; NULL shows as NULL.</summary>
    Table,

    /// <summary>RFC 4180: a header record, comma-separated fields, CRLF line ends; NULL is an empty field, '' is "".</summary>
    Csv,

    /// <summary>JSON lines: one object per row, keyed by column name; NULL is null, numbers are JSON numbers.</summary>
    Json,
}
