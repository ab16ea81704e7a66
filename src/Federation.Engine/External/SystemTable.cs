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

    /// <summary>A bigint (long), timestamp (DateTime, UTC) or boolean (bool) column; anything else in a row is NULL.</summary>
    private static IArrowArray BuildWide(SqlType type, IReadOnlyList<object?[]> rows, int source)
    {
        var validity = Bitmap.AllClear(rows.Count);
        if (type.Kind == TypeKind.Boolean)
        {
            var bits = Bitmap.AllClear(rows.Count);
            for (var r = 0; r < rows.Count; r++)
            {
                if (rows[r][source] is bool value)
                {
                    Bitmap.Set(validity, r);
                    if (value)
                    {
                        Bitmap.Set(bits, r);
                    }
                }
            }

            return ArrayFactory.Boolean(bits, rows.Count, validity);
        }

        var buffer = ArrayFactory.AllocateValues<long>(rows.Count);
        var values = ArrayFactory.ValuesOf<long>(buffer);
        for (var r = 0; r < rows.Count; r++)
        {
            long? value = rows[r][source] switch
            {
                long l => l,
                DateTime t => (t - DateTime.UnixEpoch).Ticks / 10,
                _ => null,
            };
            if (value is { } v)
            {
                values[r] = v;
                Bitmap.Set(validity, r);
            }
        }

        return ArrayFactory.Fixed(type, buffer, rows.Count, validity);
    }

    /// <summary>The projected columns of rows holding string or int values (null for NULL), as one batch.</summary>
    public static RecordBatch Build(Schema schema, IReadOnlyList<ScanColumn> columns, IReadOnlyList<object?[]> rows)
    {
        var arrays = new IArrowArray[columns.Count];
        for (var c = 0; c < columns.Count; c++)
        {
            var source = columns[c].SourceIndex;
            var kind = columns[c].Column.Type.Kind;
            if (kind is TypeKind.Int64 or TypeKind.Timestamp or TypeKind.Boolean)
            {
                arrays[c] = BuildWide(columns[c].Column.Type, rows, source);
                continue;
            }

            if (kind == TypeKind.Int32)
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
