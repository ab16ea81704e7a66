using System.Runtime.CompilerServices;
using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Execution;
using Federation.Physical.Expressions;
using Federation.Physical.Sorting;

namespace Federation.Physical.Operators;

/// <summary>
/// ORDER BY over all input partitions. With Fetch set it is a top-N: the buffer is cut back to the best Fetch
/// rows whenever it grows well past them, so memory stays proportional to N, not to the input.
/// </summary>
public sealed class SortExec : PhysicalOperator
{
    public SortExec(PhysicalOperator input, IReadOnlyList<SortField> keys, long? fetch)
        : base(input.Fields)
    {
        Input = input;
        Keys = keys;
        Fetch = fetch;
    }

    public PhysicalOperator Input { get; }

    public IReadOnlyList<SortField> Keys { get; }

    public long? Fetch { get; }

    public override string Name => "SortExec";

    public override string Details => $"{(Fetch is null ? string.Empty : $"TopK(fetch={Fetch}), ")}expr=[{string.Join(", ", Keys)}]";

    public override int OutputPartitionCount => 1;

    public override IReadOnlyList<PhysicalOperator> Children => [Input];

    public override PhysicalOperator WithChildren(IReadOnlyList<PhysicalOperator> children) => new SortExec(children[0], Keys, Fetch);

    protected override async IAsyncEnumerable<RecordBatch> ExecuteCore(int partition, TaskContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var evaluation = EvaluationContext.From(context);
        using var reservation = context.Memory.Reserve(Name);
        var buffer = new List<RecordBatch>();
        long bufferedRows = 0;
        long bytes = 0;
        var compactAt = Fetch is { } f ? Math.Max(f * 2, context.BatchSize * 4L) : long.MaxValue;
        await foreach (var batch in CoalescePartitionsExec.Merge(Input, context, cancellationToken).ConfigureAwait(false))
        {
            buffer.Add(batch);
            bufferedRows += batch.Length;
            bytes += BatchOps.ByteSize(batch);
            reservation.Resize(bytes);
            if (bufferedRows >= compactAt)
            {
                var kept = SortAndCut(buffer, Fetch);
                buffer.Clear();
                buffer.Add(kept);
                bufferedRows = kept.Length;
                bytes = BatchOps.ByteSize(kept);
                reservation.Resize(bytes);
            }
        }

        if (buffer.Count == 0)
        {
            yield break;
        }

        // Sorting copies the rows twice over (into one batch, then in order) while the input is still held.
        reservation.Resize(bytes * 2);
        var sorted = SortAndCut(buffer, Fetch);
        buffer.Clear();
        for (var start = 0; start < sorted.Length; start += context.BatchSize)
        {
            yield return BatchOps.Slice(sorted, start, Math.Min(context.BatchSize, sorted.Length - start));
        }

        RecordBatch SortAndCut(List<RecordBatch> batches, long? fetch)
        {
            var all = BatchOps.Concat(Schema, batches);
            var order = RowOrder.Sort(all, Keys, evaluation);
            var count = fetch is { } n ? (int)Math.Min(n, order.Length) : order.Length;
            return BatchOps.Take(all, order.AsSpan(0, count));
        }
    }

}
