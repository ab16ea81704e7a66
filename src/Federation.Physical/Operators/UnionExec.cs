using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Execution;

namespace Federation.Physical.Operators;

/// <summary>UNION ALL: the inputs' partitions one after another (partition i of the union is some input's partition).</summary>
public sealed class UnionExec : PhysicalOperator
{
    public UnionExec(IReadOnlyList<PhysicalOperator> inputs, IReadOnlyList<PhysicalField> fields)
        : base(fields)
    {
        Inputs = inputs;
    }

    public IReadOnlyList<PhysicalOperator> Inputs { get; }

    public override string Name => "UnionExec";

    public override int OutputPartitionCount => Inputs.Sum(i => i.OutputPartitionCount);

    public override IReadOnlyList<PhysicalOperator> Children => Inputs;

    public override PhysicalOperator WithChildren(IReadOnlyList<PhysicalOperator> children) => new UnionExec(children, Fields);

    protected override async IAsyncEnumerable<RecordBatch> ExecuteCore(int partition, TaskContext context, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var input in Inputs)
        {
            if (partition < input.OutputPartitionCount)
            {
                await foreach (var batch in input.ExecuteAsync(partition, context).WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    // Inputs name their columns differently; the union's schema is the first input's names.
                    yield return BatchOps.WithSchema(batch, Schema);
                }

                yield break;
            }

            partition -= input.OutputPartitionCount;
        }
    }
}
