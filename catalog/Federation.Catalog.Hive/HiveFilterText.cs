using Federation.Catalog.Metastore;

namespace Federation.Catalog.Hive;

/// <summary>
/// A partition predicate as the filter string get_partitions_by_filter takes (Hive's Filter.g grammar):
/// <c>key = "value"</c> for keys compared as text (single quotes when the value holds a double one), <c>key = 5</c>
/// for numeric keys, and/or in lower case with OR groups in parentheses, IN as an OR of equalities (older
/// metastores have no IN). Null when something cannot be written in that grammar (a value holding both kinds of
/// quote, a numeric key with a non-numeric value).
/// </summary>
public static class HiveFilterText
{
    public static readonly PartitionFilterDialect Dialect = new("and", "or", HasInList: false, Quotes: "\"'", LowerCaseKeys: false, ParenthesizeAndInAnd: false);

    public static string? Render(PartitionPredicate predicate) => PartitionFilterPrinter.Print(predicate, Dialect);
}
