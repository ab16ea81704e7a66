using System.Runtime.CompilerServices;
using Apache.Arrow;
using Federation.Execution;
using Federation.Logical.Plans;
using Federation.Physical;

namespace Federation.Engine.External;

/// <summary>Scans a <see cref="SystemTable"/>: asks its source for the rows when it runs and returns them as one batch.</summary>
internal sealed class SystemTableExec : PhysicalOperator
{
    private readonly string _table;
    private readonly IReadOnlyList<ScanColumn> _columns;
    private readonly Func<CancellationToken, Task<IReadOnlyList<object?[]>>> _rows;

    public SystemTableExec(string table, IReadOnlyList<ScanColumn> columns, Func<CancellationToken, Task<IReadOnlyList<object?[]>>> rows)
        : base(columns.Select(c => new PhysicalField(c.Column.Name, c.Column.Type, c.Column.Nullable)).ToArray())
    {
        _table = table;
        _columns = columns;
        _rows = rows;
    }

    public override string Name => "SystemTableExec";

    public override string Details => $"{_table} projection=[{string.Join(", ", Fields.Select(f => f.Name))}]";

    public override int OutputPartitionCount => 1;

    public override IReadOnlyList<PhysicalOperator> Children => [];

    public override PhysicalOperator WithChildren(IReadOnlyList<PhysicalOperator> children) => this;

    protected override async IAsyncEnumerable<RecordBatch> ExecuteCore(int partition, TaskContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var rows = await _rows(cancellationToken).ConfigureAwait(false);
        if (rows.Count > 0)
        {
            yield return SystemTable.Build(Schema, _columns, rows);
        }
    }
}
