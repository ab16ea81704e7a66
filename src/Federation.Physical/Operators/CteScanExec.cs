using System.Runtime.CompilerServices;
using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Execution;

namespace Federation.Physical.Operators;

/// <summary>
/// Reads a WITH query shared by several references: the first reader runs it and buffers its batches (held
/// against the memory limit), every reader then reads the buffer. Partition p reads batches p, p+N, ...
/// </summary>
public sealed class CteScanExec : PhysicalOperator
{
    private readonly string _name;
    private readonly int _partitions;

    public CteScanExec(string name, PhysicalOperator definition, IReadOnlyList<PhysicalField> fields, int partitions)
        : base(fields)
    {
        _name = name;
        Definition = definition;
        _partitions = Math.Max(1, partitions);
    }

    /// <summary>The shared plan; the same instance for every reference, which keys the shared buffer.</summary>
    public PhysicalOperator Definition { get; }

    public override string Name => "CteScanExec";

    public override string Details => _name;

    public override int OutputPartitionCount => _partitions;

    public override IReadOnlyList<PhysicalOperator> Children => [Definition];

    public override PhysicalOperator WithChildren(IReadOnlyList<PhysicalOperator> children) => new CteScanExec(_name, children[0], Fields, _partitions);

    protected override async IAsyncEnumerable<RecordBatch> ExecuteCore(int partition, TaskContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var shared = context.GetOrCreateState(Definition, () => new Lazy<Task<List<RecordBatch>>>(() => MaterializeAsync(context)));
        var batches = await shared.Value.ConfigureAwait(false);
        for (var b = partition; b < batches.Count; b += _partitions)
        {
            yield return BatchOps.WithSchema(batches[b], Schema);
        }
    }

    private async Task<List<RecordBatch>> MaterializeAsync(TaskContext context)
    {
        var reservation = context.Memory.Reserve($"{Name} {_name}");
        var batches = new List<RecordBatch>();
        long bytes = 0;
        await foreach (var batch in CoalescePartitionsExec.Merge(Definition, context, context.CancellationToken).ConfigureAwait(false))
        {
            batches.Add(batch);
            bytes += BatchOps.ByteSize(batch);

            reservation.Resize(bytes);
        }

        return batches;
    }
}
