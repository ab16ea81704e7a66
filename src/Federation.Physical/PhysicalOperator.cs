using System.Diagnostics;
using System.Runtime.CompilerServices;
using Apache.Arrow;
using Federation.Common.Types;
using Federation.Execution;

namespace Federation.Physical;

/// <summary>
/// A physical operator: immutable planning facts (fields, partition count, children) and one async batch stream
/// per output partition. All per-execution state is created inside <see cref="ExecuteAsync"/> or kept in the
/// <see cref="TaskContext"/>, so one plan can run many times, on any thread, and be shipped to a worker.
/// </summary>
public abstract class PhysicalOperator
{
    private Schema? _schema;

    protected PhysicalOperator(IReadOnlyList<PhysicalField> fields)
    {
        Fields = fields;
    }

    public abstract string Name { get; }

    public IReadOnlyList<PhysicalField> Fields { get; }

    public Schema Schema => _schema ??= BuildSchema(Fields);

    public abstract int OutputPartitionCount { get; }

    public abstract IReadOnlyList<PhysicalOperator> Children { get; }

    public abstract PhysicalOperator WithChildren(IReadOnlyList<PhysicalOperator> children);

    /// <summary>The operator's arguments for EXPLAIN (after the name).</summary>
    public virtual string Details => string.Empty;

    /// <summary>Runs one output partition. Counts the rows it produces in the context's metrics.</summary>
    public IAsyncEnumerable<RecordBatch> ExecuteAsync(int partition, TaskContext context)
    {
        if (partition < 0 || partition >= OutputPartitionCount)
        {
            throw new ArgumentOutOfRangeException(nameof(partition), $"{Name} has {OutputPartitionCount} partitions, not {partition + 1}");
        }

        return Counted(ExecuteCore(partition, context, context.CancellationToken), context.MetricsFor(this), context.CancellationToken);
    }

    protected abstract IAsyncEnumerable<RecordBatch> ExecuteCore(int partition, TaskContext context, CancellationToken cancellationToken);

    // Times every pull, children included (EXPLAIN ANALYZE subtracts the children's share); one timestamp pair
    // per batch, not per row.
    private static async IAsyncEnumerable<RecordBatch> Counted(IAsyncEnumerable<RecordBatch> source, OperatorMetrics metrics,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var enumerator = source.GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                // Every operator checks once per batch, so a cancelled query stops within a batch of work wherever
                // it is (a cross join yields many batches per input batch and would otherwise never look).
                cancellationToken.ThrowIfCancellationRequested();
                var started = Stopwatch.GetTimestamp();
                var more = await enumerator.MoveNextAsync().ConfigureAwait(false);
                metrics.AddElapsed(Stopwatch.GetTimestamp() - started);
                if (!more)
                {
                    break;
                }

                var batch = enumerator.Current;
                if (batch.Length == 0)
                {
                    continue;
                }

                metrics.AddOutput(batch.Length);
                yield return batch;
            }
        }
        finally
        {
            await enumerator.DisposeAsync().ConfigureAwait(false);
        }
    }

    public static Schema BuildSchema(IReadOnlyList<PhysicalField> fields)
    {
        var builder = new Schema.Builder();
        foreach (var f in fields)
        {
            builder.Field(ArrowTypes.Field(f.Name, f.Type, f.Nullable));
        }

        return builder.Build();
    }

    public override string ToString() => Details.Length == 0 ? Name : $"{Name}: {Details}";
}
