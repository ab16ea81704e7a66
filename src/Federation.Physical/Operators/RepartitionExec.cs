using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Execution;
using Federation.Physical.Expressions;
using Federation.Physical.Hashing;

namespace Federation.Physical.Operators;

/// <summary>
/// Redistributes rows into N partitions by a hash of key expressions, so that equal keys meet in one partition
/// (a final aggregate or a join can then run N-way parallel). Every input partition is read by its own task;
/// rows are split and written into one bounded channel per output partition. Output partitions must be read
/// concurrently (every consumer in this engine does), or a full channel would stall the producers.
/// </summary>
public sealed class RepartitionExec : PhysicalOperator
{
    private const int ChannelCapacity = 16;

    public RepartitionExec(PhysicalOperator input, IReadOnlyList<PhysicalExpr> keys, int partitions)
        : base(input.Fields)
    {
        Input = input;
        Keys = keys;
        Partitions = Math.Max(1, partitions);
    }

    public PhysicalOperator Input { get; }

    public IReadOnlyList<PhysicalExpr> Keys { get; }

    public int Partitions { get; }

    public override string Name => "RepartitionExec";

    public override string Details => $"partitioning=Hash([{string.Join(", ", Keys)}], {Partitions}), input_partitions={Input.OutputPartitionCount}";

    public override int OutputPartitionCount => Partitions;

    public override IReadOnlyList<PhysicalOperator> Children => [Input];

    public override PhysicalOperator WithChildren(IReadOnlyList<PhysicalOperator> children) => new RepartitionExec(children[0], Keys, Partitions);

    private sealed class State
    {
        public required Channel<RecordBatch>[] Channels { get; init; }

        public required Task Producers { get; init; }

        /// <summary>The batches written to the channels and not yet read, held against the query's memory.</summary>
        public required ExchangeBufferMemory Buffered { get; init; }
    }

    protected override async IAsyncEnumerable<RecordBatch> ExecuteCore(int partition, TaskContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var state = context.GetOrCreateState(this, () => new Lazy<State>(() => Start(context))).Value;
        var reader = state.Channels[partition].Reader;
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (reader.TryRead(out var batch))
            {
                state.Buffered.Remove(BatchOps.ByteSize(batch));
                yield return batch;
            }
        }
    }

    private State Start(TaskContext context)
    {
        var channels = new Channel<RecordBatch>[Partitions];
        for (var p = 0; p < channels.Length; p++)
        {
            channels[p] = Channel.CreateBounded<RecordBatch>(new BoundedChannelOptions(ChannelCapacity) { SingleReader = true });
        }

        var inputs = Input.OutputPartitionCount;
        var remaining = inputs;
        var evaluation = EvaluationContext.From(context);
        var types = Keys.Select(k => k.Type).ToArray();
        var producers = new Task[inputs];
        var buffered = new ExchangeBufferMemory(context.Memory, $"batches waiting in {Name}");
        for (var i = 0; i < inputs; i++)
        {
            var inputPartition = i;
            producers[i] = Task.Run(async () =>
            {
                try
                {
                    await foreach (var batch in Input.ExecuteAsync(inputPartition, context).WithCancellation(context.CancellationToken).ConfigureAwait(false))
                    {
                        var parts = Split(batch, types, evaluation);
                        for (var p = 0; p < parts.Length; p++)
                        {
                            if (parts[p] is { } part)
                            {
                                await buffered.AddAsync(BatchOps.ByteSize(part), context.CancellationToken).ConfigureAwait(false);
                                await channels[p].Writer.WriteAsync(part, context.CancellationToken).ConfigureAwait(false);
                            }
                        }
                    }
                }
                catch (Exception e)
                {
                    foreach (var channel in channels)
                    {
                        channel.Writer.TryComplete(e);
                    }

                    return;
                }

                if (Interlocked.Decrement(ref remaining) == 0)
                {
                    foreach (var channel in channels)
                    {
                        channel.Writer.TryComplete();
                    }
                }
            }, CancellationToken.None);
        }

        return new State { Channels = channels, Producers = Task.WhenAll(producers), Buffered = buffered };
    }

    private RecordBatch?[] Split(RecordBatch batch, IReadOnlyList<Common.Types.SqlType> types, EvaluationContext evaluation)
    {
        var n = batch.Length;
        var keys = Keys.Select(k => k.EvaluateToArray(batch, evaluation)).ToArray();
        var hashes = RowHasher.Hash(keys, types, n);
        var counts = new int[Partitions];
        var target = new int[n];
        for (var i = 0; i < n; i++)
        {
            // High bits: the low ones also index hash tables downstream.
            var p = (int)((hashes[i] >> 32) % (ulong)Partitions);
            target[i] = p;
            counts[p]++;
        }

        var parts = new RecordBatch?[Partitions];
        var rows = new int[Partitions][];
        for (var p = 0; p < Partitions; p++)
        {
            rows[p] = new int[counts[p]];
            counts[p] = 0;
        }

        for (var i = 0; i < n; i++)
        {
            var p = target[i];
            rows[p][counts[p]++] = i;
        }

        for (var p = 0; p < Partitions; p++)
        {
            if (rows[p].Length > 0)
            {
                parts[p] = rows[p].Length == n ? batch : BatchOps.Take(batch, rows[p]);
            }
        }

        return parts;
    }
}
