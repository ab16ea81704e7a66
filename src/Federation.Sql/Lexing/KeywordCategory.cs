namespace Federation.Sql.Lexing;

/// <summary>
/// PostgreSQL's keyword classes, which decide where a keyword may also serve as a name.
/// PostgreSQL's fourth class (column-name keywords such as BETWEEN, POSITION, TIMESTAMP) is folded into
/// <see cref="Unreserved"/>: the parser recognises their special syntax from the tokens that follow.
/// </summary>
internal enum KeywordCategory
{
    /// <summary>Usable as any name: column, table, alias, function, type (for example DAY, FIRST, ROWS, TIMESTAMP).</summary>
    Unreserved,

    /// <summary>Usable as a function or type name but not as a column, table or alias (LEFT, RIGHT, JOIN, LIKE, IS).</summary>
    TypeOrFunctionName,

    /// <summary>Usable as a name only when quoted, or as a label after AS or a dot (SELECT, FROM, WHERE, ORDER).</summary>
    Reserved,
}
