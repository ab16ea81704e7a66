using Federation.Common;
using Federation.Logical.Expressions;
using Federation.Logical.Plans;
using Federation.Logical.Tables;
using Federation.Physical;
using Federation.Physical.Files;
using Federation.Physical.Tables;
using Federation.Storage;

namespace Federation.Formats.Orc;

/// <summary>
/// The ORC objects at a location (one object, the visible objects under a prefix, or a glob) as a table: its
/// columns are the first object's top-level columns, typed by <see cref="OrcSchema.SqlTypeOf"/>; the others are read
/// by name. A nested column is listed (as text, so that the table can be described) and refused, by name, only when
/// a query reads it.
/// </summary>
public sealed class OrcTable : ITableProvider
{
    private readonly IReadOnlyList<PartitionedFile> _files;
    private readonly OrcTailCache _tails;

    private OrcTable(string name, IReadOnlyList<PartitionedFile> files, IReadOnlyList<TableColumn> columns, long? rows, OrcTailCache tails)
    {
        Name = name;
        _files = files;
        Columns = columns;
        _tails = tails;
        Statistics = new TableStatistics(rows, files.Sum(f => f.Meta.Size));
    }

    public string Name { get; }

    public IReadOnlyList<TableColumn> Columns { get; }

    public TableStatistics Statistics { get; }

    /// <summary>Filters skip stripes but are not applied to rows: the engine applies them.</summary>
    public FilterPushdown SupportsFilter(Expr filter, IReadOnlyList<ScanColumn> columns) => FilterPushdown.Inexact;

    public PhysicalOperator Scan(ScanRequest request) =>
        new OrcScanExec(Name, _files, Columns, Columns.Count, request.Columns, request.Filters, request.Limit, Math.Max(1, request.TargetPartitions), false, _tails);

    public static async Task<OrcTable> OpenAsync(string location, ObjectStoreRegistry stores, CancellationToken cancellationToken)
    {
        var (store, key) = stores.Resolve(location);
        var objects = await DataObjects.AtLocationAsync(store, key, "ORC files", cancellationToken).ConfigureAwait(false);
        var files = objects.Select(o => new PartitionedFile(store, o, [])).ToList();
        var tails = new OrcTailCache();
        var tail = await tails.GetAsync(files[0], cancellationToken).ConfigureAwait(false);
        var columns = tail.Schema.Fields.Select(f => new TableColumn(f.Name, OrcSchema.SqlTypeOf(f.Type) ?? Common.Types.SqlType.String)).ToList();
        long? rows = files.Count == 1 ? (long)tail.Footer.NumberOfRows : null;
        return new OrcTable(location, files, columns, rows, tails);
    }
}
