using System.Runtime.CompilerServices;
using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Execution;

namespace Federation.Physical.Operators;

/// <summary>
/// OFFSET/LIMIT over a single partition. It stops pulling as soon as the limit is reached, which cancels
/// everything upstream (scans stop reading).
/// </summary>
public sealed class LimitExec : PhysicalOperator
{
    public LimitExec(PhysicalOperator input, long skip, long? fetch)
        : base(input.Fields)
    {
        Input = input;
        Skip = skip;
        Fetch = fetch;
    }

    public PhysicalOperator Input { get; }

    public long Skip { get; }

    public long? Fetch { get; }

    public override string Name => "GlobalLimitExec";

    public override string Details => $"skip={Skip}, fetch={(Fetch is null ? "None" : Fetch.ToString())}";

    public override int OutputPartitionCount => 1;

    public override IReadOnlyList<PhysicalOperator> Children => [Input];

    public override PhysicalOperator WithChildren(IReadOnlyList<PhysicalOperator> children) => new LimitExec(children[0], Skip, Fetch);

    protected override async IAsyncEnumerable<RecordBatch> ExecuteCore(int partition, TaskContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (Fetch == 0)
        {
            yield break;
        }

        var toSkip = Skip;
        var remaining = Fetch ?? long.MaxValue;
        await foreach (var batch in CoalescePartitionsExec.Merge(Input, context, cancellationToken).ConfigureAwait(false))
        {
            var start = 0;
            if (toSkip > 0)
            {
                var skipped = (int)Math.Min(toSkip, batch.Length);
                toSkip -= skipped;
                start = skipped;
                if (start == batch.Length)
                {
                    continue;
                }
            }

            var take = (int)Math.Min(remaining, batch.Length - start);
            yield return BatchOps.Slice(batch, start, take);
            remaining -= take;
            if (remaining == 0)
            {
                yield break;
            }
        }
    }
}
