using System.Globalization;
using Federation.Catalog.Metastore;
using Federation.Common.Types;
using Federation.Engine.Workers;
using Federation.Exchange;
using Federation.Logical.Expressions;
using Federation.Logical.Plans;
using Federation.Logical.Tables;
using Federation.Physical;
using Federation.Physical.Files;
using Federation.Physical.Tables;
using Federation.Storage;

namespace Federation.Engine.External;

/// <summary>
/// An external table as the binder and the planner see it: the declared data columns, then the partition columns,
/// then the pseudocolumns "$path" and "$size", and the row count its 'numRows' property states. Nothing is listed or read when it is bound or planned: its scan
/// (<see cref="ExternalScanExec"/>) prunes partitions, lists and reads footers when it runs.
/// </summary>
internal sealed class ExternalTable : IPartialAggregateProvider
{
    public ExternalTable(string schema, MetastoreTable definition, IMetastore metastore, ObjectStoreRegistry stores, IFileFormat format,
        IFragmentDispatcher? dispatcher = null, TimeProvider? clock = null)
    {
        Dispatcher = dispatcher;
        Clock = clock ?? TimeProvider.System;
        Name = $"{schema}.{definition.Name}";
        Definition = definition;
        Metastore = metastore;
        Stores = stores;
        Format = format;
        var columns = new List<TableColumn>();
        var nested = new Dictionary<int, string>();
        foreach (var column in definition.Columns.Concat(definition.PartitionKeys))
        {
            // A nested column (struct, array, map) lists with its type text; the table's other columns are queryable, reading it is refused (Scan).
            if (ExternalTypes.IsNested(column.Type))
            {
                nested[columns.Count] = column.Type;
                columns.Add(new TableColumn(column.Name, SqlType.String, true));
                continue;
            }

            columns.Add(new TableColumn(column.Name, ExternalTypes.Resolve(column.Type, column.Name, Name), true));
        }

        NestedColumns = nested;

        PartitionColumns = definition.PartitionKeys.Count;
        columns.Add(new TableColumn(PathColumn, SqlType.String, false, Hidden: true));
        columns.Add(new TableColumn(SizeColumn, SqlType.Int64, false, Hidden: true));
        Columns = columns;
        DataColumns = definition.Columns.Count;
        FormatProperties = FormatPropertiesOf(definition);
        Projection = PartitionProjection.From(definition, Name);
        Statistics = NumRows(definition.Properties) is { } rows ? new TableStatistics(rows) : TableStatistics.Unknown;
    }

    /// <summary>The schema-qualified name (schema.table) errors and EXPLAIN show.</summary>
    public string Name { get; }

    public MetastoreTable Definition { get; }

    public IMetastore Metastore { get; }

    public ObjectStoreRegistry Stores { get; }

    public IFileFormat Format { get; }

    /// <summary>The pool of workers its scans send fragments to while a worker is alive; null: scans run in this process.</summary>
    public IFragmentDispatcher? Dispatcher { get; }

    /// <summary>The pseudocolumn holding each row's object URL, as Spectrum names it; selected only by name.</summary>
    public const string PathColumn = "$path";

    /// <summary>The pseudocolumn holding the size in bytes of each row's object.</summary>
    public const string SizeColumn = "$size";

    /// <summary>Data columns, then partition columns, then the hidden pseudocolumns "$path" and "$size".</summary>
    public IReadOnlyList<TableColumn> Columns { get; }

    /// <summary>How many of <see cref="Columns"/> are read from the files.</summary>
    public int DataColumns { get; }

    /// <summary>How many of <see cref="Columns"/>, after the data columns, are partition columns.</summary>
    public int PartitionColumns { get; }

    public TableStatistics Statistics { get; }

    /// <summary>What the format reads from the definition: the table properties, with the SerDe properties over them.</summary>
    public IReadOnlyDictionary<string, string> FormatProperties { get; }

    private static Dictionary<string, string> FormatPropertiesOf(MetastoreTable definition)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in definition.Properties)
        {
            properties[key] = value;
        }

        foreach (var (key, value) in definition.Storage.SerdeProperties)
        {
            properties[key] = value;
        }

        return properties;
    }

    /// <summary>The table's partition projection ('projection.enabled'), or null: its partitions come from the metastore.</summary>
    public PartitionProjection? Projection { get; }

    /// <summary>What NOW means in a date projection's range.</summary>
    public TimeProvider Clock { get; }

    /// <summary>Columns of nested types (by index in <see cref="Columns"/>, with their type text), which scans cannot read yet.</summary>
    public IReadOnlyDictionary<int, string> NestedColumns { get; }

    /// <summary>The table property 'numRows' (Spectrum's way to tell the planner a table's size), when it is a number.</summary>
    public static double? NumRows(IReadOnlyDictionary<string, string> properties) =>
        properties.FirstOrDefault(p => string.Equals(p.Key, "numRows", StringComparison.OrdinalIgnoreCase)).Value is { } text
        && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var rows) && rows >= 0
            ? rows
            : null;

    /// <summary>
    /// Filters prune partitions (those over partition columns only), files and row groups, but rows are not
    /// filtered by the scan: always Inexact, so the engine applies every filter again.
    /// </summary>
    public FilterPushdown SupportsFilter(Expr filter, IReadOnlyList<ScanColumn> columns) => FilterPushdown.Inexact;

    public PhysicalOperator Scan(ScanRequest request)
    {
        RefuseNested(request);
        return new ExternalScanExec(this, request);
    }

    private void RefuseNested(ScanRequest request)
    {
        foreach (var column in request.Columns)
        {
            if (NestedColumns.TryGetValue(column.SourceIndex, out var type))
            {
                throw new Common.FederationException(Common.ErrorCode.NotSupported,
                    $"column \"{Columns[column.SourceIndex].Name}\" of {Name} has the nested type {type}, which cannot be read yet; select the table's other columns");
            }
        }
    }

    /// <summary>
    /// With a pool to send fragments to, every fragment computes the partial aggregate and returns groups and states
    /// (a handful of rows where it would return the rows it kept), when a worker can evaluate every filter, group key
    /// and argument. Without a pool there is nothing to gain: the engine's own plan is the same work.
    /// </summary>
    public PhysicalOperator? ScanPartialAggregate(ScanRequest request, PartialAggregation aggregation, PhysicalOperator local)
    {
        if (Dispatcher is null || !ShippableFilters.CanShip(aggregation))
        {
            return null;
        }

        RefuseNested(request);
        return new ExternalScanExec(this, request, aggregation, local);
    }
}
