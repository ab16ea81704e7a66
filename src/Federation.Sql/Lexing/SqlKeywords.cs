namespace Federation.Sql.Lexing;

/// <summary>The keyword lists clients ask for (Flight SQL's SQL_KEYWORDS, JDBC's getSQLKeywords).</summary>
public static class SqlKeywords
{
    /// <summary>
    /// The keywords that must be quoted to serve as a table or column name, in lower case and sorted: the reserved
    /// ones and those usable only as a function or type name. Clients use this list to decide what to quote, so
    /// unreserved keywords (DAY, FIRST) are left out: they work as names unquoted.
    /// </summary>
    public static IReadOnlyList<string> Reserved { get; } = Enum.GetValues<Keyword>()
        .Where(k => k != Keyword.None && KeywordTable.CategoryOf(k) != KeywordCategory.Unreserved && !string.IsNullOrEmpty(KeywordTable.TextOf(k)))
        .Select(KeywordTable.TextOf)
        .Order(StringComparer.Ordinal)
        .ToArray();
}
