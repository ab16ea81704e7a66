using Apache.Arrow;
using Federation.Common;
using Federation.Common.Arrow;
using Federation.Logical.Expressions;
using Federation.Logical.Plans;
using Federation.Logical.Tables;
using Federation.Physical.Operators;

namespace Federation.Physical.Tables;

/// <summary>
/// A session table held in memory as Arrow batches. Inserts append whole batches under a lock and readers see a
/// snapshot, so a failed INSERT leaves the table as it was.
/// </summary>
public sealed class MemoryTable : IWritableTable
{
    private readonly object _lock = new();
    private IReadOnlyList<RecordBatch> _batches = [];
    private long _rows;

    public MemoryTable(string name, IReadOnlyList<TableColumn> columns)
    {
        Name = name;
        Columns = columns;
        Schema = PhysicalOperator.BuildSchema(columns.Select(c => new PhysicalField(c.Name, c.Type, c.Nullable)).ToArray());
    }

    public string Name { get; }

    public IReadOnlyList<TableColumn> Columns { get; }

    public Schema Schema { get; }

    public TableStatistics Statistics => new(Interlocked.Read(ref _rows));

    public IReadOnlyList<RecordBatch> Batches
    {
        get
        {
            lock (_lock)
            {
                return _batches;
            }
        }
    }

    public FilterPushdown SupportsFilter(Expr filter, IReadOnlyList<ScanColumn> columns) => FilterPushdown.Unsupported;

    /// <summary>Appends rows (already of the table's column types) atomically.</summary>
    public void Append(IReadOnlyList<RecordBatch> batches)
    {
        var rows = 0L;
        var renamed = new List<RecordBatch>(batches.Count);
        foreach (var batch in batches)
        {
            if (batch.ColumnCount != Columns.Count)
            {
                throw FederationException.Internal($"insert into {Name} with {batch.ColumnCount} columns");
            }

            if (batch.Length > 0)
            {
                renamed.Add(BatchOps.WithSchema(batch, Schema));
                rows += batch.Length;
            }
        }

        lock (_lock)
        {
            _batches = [.. _batches, .. renamed];
            _rows += rows;
        }
    }

    public ValueTask AppendAsync(IReadOnlyList<RecordBatch> batches, CancellationToken cancellationToken)
    {
        Append(batches);
        return ValueTask.CompletedTask;
    }

    public ValueTask TruncateAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _batches = [];
            _rows = 0;
        }

        return ValueTask.CompletedTask;
    }

    public PhysicalOperator Scan(ScanRequest request) =>
        new MemoryScanExec(Name, Batches, request.Columns.Select(c => c.SourceIndex).ToArray(),
            request.Columns.Select(c => new PhysicalField(c.Column.Name, c.Column.Type, c.Column.Nullable)).ToArray(),
            Math.Max(1, request.TargetPartitions));
}
