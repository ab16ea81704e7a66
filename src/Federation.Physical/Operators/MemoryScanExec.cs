using System.Runtime.CompilerServices;
using Apache.Arrow;
using Federation.Execution;

namespace Federation.Physical.Operators;

/// <summary>Reads batches held in memory, projecting columns; batches are dealt round-robin to partitions.</summary>
public sealed class MemoryScanExec : PhysicalOperator
{
    private readonly string _table;
    private readonly IReadOnlyList<RecordBatch> _batches;
    private readonly int[] _projection;
    private readonly int _partitions;

    public MemoryScanExec(string table, IReadOnlyList<RecordBatch> batches, int[] projection, IReadOnlyList<PhysicalField> fields, int partitions)
        : base(fields)
    {
        _table = table;
        _batches = batches;
        _projection = projection;
        _partitions = Math.Max(1, Math.Min(partitions, Math.Max(1, batches.Count)));
    }

    public override string Name => "MemoryScanExec";

    public override string Details => $"{_table} projection=[{string.Join(", ", Fields.Select(f => f.Name))}] batches={_batches.Count}";

    public override int OutputPartitionCount => _partitions;

    public override IReadOnlyList<PhysicalOperator> Children => [];

    public override PhysicalOperator WithChildren(IReadOnlyList<PhysicalOperator> children) => this;

    protected override async IAsyncEnumerable<RecordBatch> ExecuteCore(int partition, TaskContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        for (var b = partition; b < _batches.Count; b += _partitions)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = _batches[b];
            var columns = new IArrowArray[_projection.Length];
            for (var c = 0; c < columns.Length; c++)
            {
                columns[c] = batch.Column(_projection[c]);
            }

            yield return new RecordBatch(Schema, columns, batch.Length);
        }
    }
}
