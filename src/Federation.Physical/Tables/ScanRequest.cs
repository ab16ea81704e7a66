using Federation.Logical.Expressions;
using Federation.Logical.Plans;

namespace Federation.Physical.Tables;

/// <summary>
/// What a scan must produce: the projected columns (in this order), the pushed filters (over those columns'
/// ids, see Columns) the source may use, and a row limit it may stop at.
/// </summary>
public sealed record ScanRequest(IReadOnlyList<ScanColumn> Columns, IReadOnlyList<Expr> Filters, long? Limit, int TargetPartitions);
