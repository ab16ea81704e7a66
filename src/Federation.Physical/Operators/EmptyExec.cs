using System.Runtime.CompilerServices;
using Apache.Arrow;
using Federation.Execution;

namespace Federation.Physical.Operators;

/// <summary>No rows, or one row without columns (the input of SELECT 1).</summary>
public sealed class EmptyExec : PhysicalOperator
{
    private readonly bool _oneRow;

    public EmptyExec(IReadOnlyList<PhysicalField> fields, bool oneRow)
        : base(fields)
    {
        _oneRow = oneRow;
    }

    public override string Name => _oneRow ? "PlaceholderRowExec" : "EmptyExec";

    public override int OutputPartitionCount => 1;

    public override IReadOnlyList<PhysicalOperator> Children => [];

    public override PhysicalOperator WithChildren(IReadOnlyList<PhysicalOperator> children) => this;

    protected override async IAsyncEnumerable<RecordBatch> ExecuteCore(int partition, TaskContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        if (_oneRow)
        {
            yield return new RecordBatch(Schema, [], 1);
        }
    }
}
