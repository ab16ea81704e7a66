namespace Federation.Physical.Tables;

/// <summary>
/// A table that can compute the partial half of an aggregate where its rows are read (Trino's applyAggregation,
/// for the half that can be merged): an external table whose scan runs on workers returns each fragment's groups
/// and states instead of its rows, so the leader receives a few rows per fragment, not the table.
/// </summary>
public interface IPartialAggregateProvider : ITableProvider
{
    /// <summary>
    /// The scan with <paramref name="aggregation"/> computed by the source, producing exactly the columns of
    /// <paramref name="local"/> (group columns, then every aggregate's state columns); or null when the source cannot
    /// (an expression it cannot evaluate where it reads). <paramref name="local"/> is the same partial aggregate as
    /// the engine plans it over the plain scan: the source runs it whenever it decides, at run time, to read the rows
    /// here after all.
    /// </summary>
    PhysicalOperator? ScanPartialAggregate(ScanRequest request, PartialAggregation aggregation, PhysicalOperator local);
}
