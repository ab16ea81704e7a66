using Federation.Logical.Plans;
using Federation.Logical.Expressions;
using Federation.Logical.Tables;
using Federation.Physical.Pruning;

namespace Federation.Physical.Files;

/// <summary>
/// What a file scan reads: the table's declared columns (<see cref="DataColumns"/> data columns, read from the files
/// by name, then the partition columns, whose values each file carries), the files, and what the query asks: the
/// projected columns, the pushed filters (which the format may use to skip data but the engine applies again) and a
/// row limit, and the keys of hash joins above that the scan may filter by (<see cref="JoinKeyFilters"/>).
/// </summary>
public sealed record FileScanConfig(
    string Table,
    IReadOnlyList<TableColumn> TableColumns,
    int DataColumns,
    IReadOnlyList<PartitionedFile> Files,
    IReadOnlyList<ScanColumn> Columns,
    IReadOnlyList<Expr> Filters,
    long? Limit,
    int TargetPartitions)
{
    /// <summary>Dynamic filters from hash joins above, with the positions of their key columns in <see cref="Columns"/>.</summary>
    public IReadOnlyList<(JoinKeyFilter Filter, IReadOnlyList<int> Columns)> JoinKeyFilters { get; init; } = [];

    /// <summary>
    /// What the table says about its files' layout (SerDe properties, then the table properties text formats read,
    /// such as skip.header.line.count): delimiters, quoting, NULL spelling. Formats that need none ignore them.
    /// </summary>
    public IReadOnlyDictionary<string, string> FormatProperties { get; init; } = new Dictionary<string, string>();
}
