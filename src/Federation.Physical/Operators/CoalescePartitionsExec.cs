using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Execution;

namespace Federation.Physical.Operators;

/// <summary>
/// Merges every input partition into one stream. Each input partition runs as its own task (this is where a
/// query's parallelism comes from), feeding a bounded channel so a slow consumer holds the producers back.
/// Stopping early (LIMIT) or failing cancels the producers.
/// </summary>
public sealed class CoalescePartitionsExec : PhysicalOperator
{
    public CoalescePartitionsExec(PhysicalOperator input)
        : base(input.Fields)
    {
        Input = input;
    }

    public PhysicalOperator Input { get; }

    public override string Name => "CoalescePartitionsExec";

    public override int OutputPartitionCount => 1;

    public override IReadOnlyList<PhysicalOperator> Children => [Input];

    public override PhysicalOperator WithChildren(IReadOnlyList<PhysicalOperator> children) => new CoalescePartitionsExec(children[0]);

    protected override IAsyncEnumerable<RecordBatch> ExecuteCore(int partition, TaskContext context, CancellationToken cancellationToken) =>
        Input.OutputPartitionCount == 1 ? Input.ExecuteAsync(0, context) : Merge(Input, context, cancellationToken);

    /// <summary>Runs all partitions of an operator concurrently and yields their batches as they come.</summary>
    public static async IAsyncEnumerable<RecordBatch> Merge(PhysicalOperator input, TaskContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var partitions = input.OutputPartitionCount;
        var channel = Channel.CreateBounded<RecordBatch>(new BoundedChannelOptions(Math.Max(2, partitions * 2))
        {
            SingleReader = true,
            SingleWriter = false,
        });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var buffered = new ExchangeBufferMemory(context.Memory, $"batches waiting in the merge of {input.Name}");
        var remaining = partitions;
        var producers = new Task[partitions];
        for (var p = 0; p < partitions; p++)
        {
            var partition = p;
            producers[p] = Task.Run(async () =>
            {
                try
                {
                    await foreach (var batch in input.ExecuteAsync(partition, context).WithCancellation(stop.Token).ConfigureAwait(false))
                    {
                        await buffered.AddAsync(BatchOps.ByteSize(batch), stop.Token).ConfigureAwait(false);
                        await channel.Writer.WriteAsync(batch, stop.Token).ConfigureAwait(false);
                    }
                }
                catch (Exception e)
                {
                    channel.Writer.TryComplete(e);
                    stop.Cancel();
                    return;
                }

                if (Interlocked.Decrement(ref remaining) == 0)
                {
                    channel.Writer.TryComplete();
                }
            }, CancellationToken.None);
        }

        try
        {
            while (await channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out var batch))
                {
                    buffered.Remove(BatchOps.ByteSize(batch));
                    yield return batch;
                }
            }
        }
        finally
        {
            stop.Cancel();
            try
            {
                await Task.WhenAll(producers).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Producers stopped because we stopped reading.
            }
        }
    }
}
