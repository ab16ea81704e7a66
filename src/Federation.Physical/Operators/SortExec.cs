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
        var spill = context.Spill;
        using var reservation = spill is null ? context.Memory.Reserve(Name) : context.Memory.ReserveSpillable(Name);
        var buffer = new List<RecordBatch>();
        var runs = new List<SpillFile>();
        long bufferedRows = 0;
        long bytes = 0;
        var compactAt = Fetch is { } f ? Math.Max(f * 2, context.BatchSize * 4L) : long.MaxValue;
        try
        {
            await foreach (var batch in CoalescePartitionsExec.Merge(Input, context, cancellationToken).ConfigureAwait(false))
            {
                buffer.Add(batch);
                bufferedRows += batch.Length;
                bytes += BatchOps.ByteSize(batch);
                if (spill is null)
                {
                    reservation.Resize(bytes);
                }
                else if (!reservation.TryResize(bytes * 2))
                {
                    // With spilling on, what sorting the buffer will take (a second copy) is held from the start, so the
                    // buffer can always be sorted. When that no longer fits, the buffer becomes a sorted run on disk.
                    runs.Add(await WriteRunAsync(buffer, spill, context, evaluation, cancellationToken).ConfigureAwait(false));
                    buffer.Clear();
                    bufferedRows = 0;
                    bytes = 0;
                    reservation.Resize(0);
                    continue;
                }

                if (bufferedRows >= compactAt)
                {
                    var kept = SortAndCut(buffer, Keys, Fetch, evaluation);
                    buffer.Clear();
                    buffer.Add(kept);
                    bufferedRows = kept.Length;
                    bytes = BatchOps.ByteSize(kept);
                    if (spill is null)
                    {
                        reservation.Resize(bytes);
                    }
                    else
                    {
                        reservation.Resize(Math.Min(reservation.Size, bytes * 2));
                    }
                }
            }

            if (runs.Count == 0)
            {
                if (buffer.Count == 0)
                {
                    yield break;
                }

                if (spill is null)
                {
                    // Sorting copies the rows twice over (into one batch, then in order) while the input is still held.
                    reservation.Resize(bytes * 2);
                }

                var sorted = SortAndCut(buffer, Keys, Fetch, evaluation);
                buffer.Clear();
                for (var start = 0; start < sorted.Length; start += context.BatchSize)
                {
                    yield return BatchOps.Slice(sorted, start, Math.Min(context.BatchSize, sorted.Length - start));
                }

                yield break;
            }

            if (buffer.Count > 0)
            {
                runs.Add(await WriteRunAsync(buffer, spill!, context, evaluation, cancellationToken).ConfigureAwait(false));
                buffer.Clear();
            }

            reservation.Resize(0);
            await foreach (var batch in SortedRunMerge.MergeAsync(runs, Keys, evaluation, Schema, context.BatchSize, Fetch, cancellationToken).ConfigureAwait(false))
            {
                yield return batch;
            }
        }
        finally
        {
            foreach (var run in runs)
            {
                run.Delete();
            }
        }
    }

    /// <summary>Sorts the buffered rows and writes them as one run (cut to Fetch rows for a top-N).</summary>
    private async Task<SpillFile> WriteRunAsync(List<RecordBatch> buffer, QuerySpill spill, TaskContext context, EvaluationContext evaluation,
        CancellationToken cancellationToken)
    {
        var sorted = SortAndCut(buffer, Keys, Fetch, evaluation);
        var writer = spill.CreateWriter(Schema, context.MetricsFor(this));
        await using (writer.ConfigureAwait(false))
        {
            for (var start = 0; start < sorted.Length; start += context.BatchSize)
            {
                await writer.WriteAsync(BatchOps.Slice(sorted, start, Math.Min(context.BatchSize, sorted.Length - start)), cancellationToken).ConfigureAwait(false);
            }

            return await writer.FinishAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private RecordBatch SortAndCut(List<RecordBatch> batches, IReadOnlyList<SortField> keys, long? fetch, EvaluationContext evaluation)
    {
        var all = BatchOps.Concat(Schema, batches);
        var order = RowOrder.Sort(all, keys, evaluation);
        var count = fetch is { } n ? (int)Math.Min(n, order.Length) : order.Length;
        return BatchOps.Take(all, order.AsSpan(0, count));
    }
}
