using System.Runtime.CompilerServices;
using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Execution;
using Federation.Physical.Expressions;

namespace Federation.Physical.Operators;

/// <summary>
/// Keeps rows where every conjunct is TRUE. Conjuncts run in order, each on the rows the previous ones kept,
/// so cheap selective predicates first make the rest cheaper (and a later conjunct never sees rejected rows).
/// </summary>
public sealed class FilterExec : PhysicalOperator
{
    public FilterExec(PhysicalOperator input, IReadOnlyList<PhysicalExpr> conjuncts)
        : base(input.Fields)
    {
        Input = input;
        Conjuncts = conjuncts;
    }

    public PhysicalOperator Input { get; }

    public IReadOnlyList<PhysicalExpr> Conjuncts { get; }

    public override string Name => "FilterExec";

    public override string Details => string.Join(" AND ", Conjuncts);

    public override int OutputPartitionCount => Input.OutputPartitionCount;

    public override IReadOnlyList<PhysicalOperator> Children => [Input];

    public override PhysicalOperator WithChildren(IReadOnlyList<PhysicalOperator> children) => new FilterExec(children[0], Conjuncts);

    protected override async IAsyncEnumerable<RecordBatch> ExecuteCore(int partition, TaskContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var evaluation = EvaluationContext.From(context);
        await foreach (var input in Input.ExecuteAsync(partition, context).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var batch = input;
            foreach (var conjunct in Conjuncts)
            {
                var result = conjunct.Evaluate(batch, evaluation);
                if (result.IsScalar)
                {
                    if (result.Scalar!.Value is not true)
                    {
                        batch = BatchOps.Slice(batch, 0, 0);
                    }
                }
                else
                {
                    batch = BatchOps.Filter(batch, (BooleanArray)result.Array!);
                }

                if (batch.Length == 0)
                {
                    break;
                }
            }

            if (batch.Length > 0)
            {
                yield return batch;
            }
        }
    }
}
