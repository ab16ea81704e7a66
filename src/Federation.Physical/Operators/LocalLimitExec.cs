using System.Runtime.CompilerServices;
using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Execution;

namespace Federation.Physical.Operators;

/// <summary>At most Fetch rows from each partition: pushed below a coalesce so partitions stop early.</summary>
public sealed class LocalLimitExec : PhysicalOperator
{
    public LocalLimitExec(PhysicalOperator input, long fetch)
        : base(input.Fields)
    {
        Input = input;
        Fetch = fetch;
    }

    public PhysicalOperator Input { get; }

    public long Fetch { get; }

    public override string Name => "LocalLimitExec";

    public override string Details => $"fetch={Fetch}";

    public override int OutputPartitionCount => Input.OutputPartitionCount;

    public override IReadOnlyList<PhysicalOperator> Children => [Input];

    public override PhysicalOperator WithChildren(IReadOnlyList<PhysicalOperator> children) => new LocalLimitExec(children[0], Fetch);

    protected override async IAsyncEnumerable<RecordBatch> ExecuteCore(int partition, TaskContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var remaining = Fetch;
        if (remaining == 0)
        {
            yield break;
        }

        await foreach (var batch in Input.ExecuteAsync(partition, context).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var take = (int)Math.Min(remaining, batch.Length);
            yield return BatchOps.Slice(batch, 0, take);
            remaining -= take;
            if (remaining == 0)
            {
                yield break;
            }
        }
    }
}
