using System.Runtime.CompilerServices;
using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Execution;
using Federation.Physical.Expressions;

namespace Federation.Physical.Operators;

/// <summary>
/// Keeps rows where every conjunct is TRUE (see <see cref="ConjunctFilter"/> for the order they run in).
/// </summary>
public sealed class FilterExec : PhysicalOperator
{
    private readonly ConjunctFilter _filter;

    public FilterExec(PhysicalOperator input, ConjunctFilter filter)
        : base(input.Fields)
    {
        Input = input;
        _filter = filter;
    }

    public PhysicalOperator Input { get; }

    public IReadOnlyList<PhysicalExpr> Conjuncts => _filter.Conjuncts;

    public override string Name => "FilterExec";

    public override string Details => _filter.ToString();

    public override int OutputPartitionCount => Input.OutputPartitionCount;

    public override IReadOnlyList<PhysicalOperator> Children => [Input];

    public override PhysicalOperator WithChildren(IReadOnlyList<PhysicalOperator> children) => new FilterExec(children[0], _filter);

    protected override async IAsyncEnumerable<RecordBatch> ExecuteCore(int partition, TaskContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var evaluation = EvaluationContext.From(context);
        var coalescer = new BatchCoalescer(context.BatchSize);
        await foreach (var batch in Input.ExecuteAsync(partition, context).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (coalescer.Push(_filter.Apply(batch, evaluation)) is { } output)
            {
                yield return output;
            }
        }

        if (coalescer.Flush() is { } rest)
        {
            yield return rest;
        }
    }
}
