using Federation.Catalog.Metastore;

namespace Federation.Catalog.Glue;

/// <summary>
/// A partition predicate as GetPartitions' Expression (Glue's SQL-like filter): <c>key = 'value'</c> for keys
/// compared as text, bare numbers for numeric keys, IN lists, AND/OR with every compound operand in parentheses,
/// keys lower-cased as Glue stores them. Null when something cannot be written (a quote inside a value, a numeric
/// key with a non-numeric value, a key that is not a plain identifier): then the names are pruned here.
/// </summary>
public static class GlueExpression
{
    public static readonly PartitionFilterDialect Dialect = new("AND", "OR", HasInList: true, Quotes: "'", LowerCaseKeys: true, ParenthesizeAndInAnd: true);

    public static string? Render(PartitionPredicate predicate) => PartitionFilterPrinter.Print(predicate, Dialect);
}
