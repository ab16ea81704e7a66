using Federation.Logical.Expressions;
using Federation.Logical.Plans;

namespace Federation.Logical.Tables;

/// <summary>
/// What planning sees of a table: its columns, its statistics, and how it takes filters. The executable
/// side (scans) is the physical layer's table provider, which implements this too.
/// </summary>
public interface ITableSource
{
    /// <summary>The qualified display name.</summary>
    string Name { get; }

    IReadOnlyList<TableColumn> Columns { get; }

    TableStatistics Statistics { get; }

    /// <summary>
    /// How the source would apply each filter; filters refer to the scan's columns (see <paramref name="columns"/>
    /// for the source index of each column id).
    /// </summary>
    FilterPushdown SupportsFilter(Expr filter, IReadOnlyList<ScanColumn> columns);
}
