namespace Federation.Fuzz.Tests;

/// <summary>What a generated case checks beyond "no crash, no hang, no internal error".</summary>
public enum FuzzCheck
{
    /// <summary>A query compared with DuckDB when it is portable.</summary>
    Query,

    /// <summary>Ternary logic partitioning of WHERE: rows of Q = rows of Q WHERE p ∪ Q WHERE NOT p ∪ Q WHERE p IS NULL (as multisets).</summary>
    TlpWhere,

    /// <summary>The same for SELECT DISTINCT or GROUP BY without aggregates: as sets.</summary>
    TlpDistinct,

    /// <summary>Partitioning of HAVING over the groups of an aggregate query.</summary>
    TlpHaving,

    /// <summary>MIN/MAX/COUNT/SUM of Q equals that aggregate over the three partitions' aggregates.</summary>
    TlpAggregate,
}
