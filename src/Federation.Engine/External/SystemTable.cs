using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Common.Types;
using Federation.Logical.Expressions;
using Federation.Logical.Plans;
using Federation.Logical.Tables;
using Federation.Physical;
using Federation.Physical.Tables;

namespace Federation.Engine.External;

/// <summary>
/// A small read-only table computed when it is scanned (the SVV_EXTERNAL_* views): text and integer columns whose
/// rows come from an asynchronous source, so they show the catalog as it is when the query runs.
/// </summary>
internal sealed class SystemTable : ITableProvider
{
    private readonly Func<CancellationToken, Task<IReadOnlyList<object?[]>>> _rows;

    public SystemTable(string name, IReadOnlyList<TableColumn> columns, Func<CancellationToken, Task<IReadOnlyList<object?[]>>> rows)
    {
        Name = name;
        Columns = columns;
        _rows = rows;
    }

    public string Name { get; }

    public IReadOnlyList<TableColumn> Columns { get; }

    public TableStatistics Statistics => TableStatistics.Unknown;

    public FilterPushdown SupportsFilter(Expr filter, IReadOnlyList<ScanColumn> columns) => FilterPushdown.Unsupported;

    public PhysicalOperator Scan(ScanRequest request) => new SystemTableExec(Name, request.Columns, _rows);

    /// <summary>The projected columns of rows holding string or int values (null for NULL), as one batch.</summary>
    public static RecordBatch Build(Schema schema, IReadOnlyList<ScanColumn> columns, IReadOnlyList<object?[]> rows)
    {
        var arrays = new IArrowArray[columns.Count];
        for (var c = 0; c < columns.Count; c++)
        {
            var source = columns[c].SourceIndex;
            if (columns[c].Column.Type.Kind == TypeKind.Int32)
            {
                var builder = new Int32Array.Builder();
                foreach (var row in rows)
                {
                    if (row[source] is int value)
                    {
                        builder.Append(value);
                    }
                    else
                    {
                        builder.AppendNull();
                    }
                }

                arrays[c] = builder.Build();
            }
            else
            {
                var builder = VariableWidthBuilder.Utf8(rows.Count);
                foreach (var row in rows)
                {
                    if (row[source] is string value)
                    {
                        builder.Append(value);
                    }
                    else
                    {
                        builder.AppendNull();
                    }
                }

                arrays[c] = builder.Build();
            }
        }

        return new RecordBatch(schema, arrays, rows.Count);
    }
}
