using Federation.Logical.Plans;
using Federation.Logical.Expressions;
using Federation.Logical.Tables;

namespace Federation.Physical.Files;

/// <summary>
/// What a file scan reads: the table's declared columns (<see cref="DataColumns"/> data columns, read from the files
/// by name, then the partition columns, whose values each file carries), the files, and what the query asks: the
/// projected columns, the pushed filters (which the format may use to skip data but the engine applies again) and a
/// row limit.
/// </summary>
public sealed record FileScanConfig(
    string Table,
    IReadOnlyList<TableColumn> TableColumns,
    int DataColumns,
    IReadOnlyList<PartitionedFile> Files,
    IReadOnlyList<ScanColumn> Columns,
    IReadOnlyList<Expr> Filters,
    long? Limit,
    int TargetPartitions);
