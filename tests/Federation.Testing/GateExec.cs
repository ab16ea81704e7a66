using System.Runtime.CompilerServices;
using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Common.Types;
using Federation.Execution;
using Federation.Logical.Plans;
using Federation.Physical;

namespace Federation.Testing;

/// <summary>The scan of <see cref="GateTableFunction"/>'s table: waits at the gate, then returns its one row.</summary>
internal sealed class GateExec : PhysicalOperator
{
    private readonly GateTableFunction _gate;

    public GateExec(GateTableFunction gate, IReadOnlyList<ScanColumn> columns)
        : base(columns.Select(c => new PhysicalField(c.Column.Name, c.Column.Type, c.Column.Nullable)).ToArray())
    {
        _gate = gate;
    }

    public override string Name => "GateExec";

    public override int OutputPartitionCount => 1;

    public override IReadOnlyList<PhysicalOperator> Children => [];

    public override PhysicalOperator WithChildren(IReadOnlyList<PhysicalOperator> children) => this;

    protected override async IAsyncEnumerable<RecordBatch> ExecuteCore(int partition, TaskContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await _gate.PassAsync(cancellationToken).ConfigureAwait(false);
        var columns = new IArrowArray[Fields.Count];
        for (var c = 0; c < columns.Length; c++)
        {
            columns[c] = ArrayFactory.FromScalar(ScalarValue.Int64(1), 1);
        }

        yield return new RecordBatch(Schema, columns, 1);
    }
}
