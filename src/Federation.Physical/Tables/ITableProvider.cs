using Federation.Logical.Tables;

namespace Federation.Physical.Tables;

/// <summary>
/// A table that can be scanned: planning facts from <see cref="ITableSource"/> plus the scan itself.
/// Filters the source reported as Exact need not be applied again; any other filter is re-applied by the engine.
/// </summary>
public interface ITableProvider : ITableSource
{
    PhysicalOperator Scan(ScanRequest request);
}
