using System.Runtime.CompilerServices;
using Apache.Arrow;
using Federation.Execution;
using Federation.Physical.Expressions;

namespace Federation.Physical.Operators;

/// <summary>Computes one output column per expression; plain column references pass arrays through untouched.</summary>
public sealed class ProjectionExec : PhysicalOperator
{
    public ProjectionExec(PhysicalOperator input, IReadOnlyList<PhysicalExpr> expressions, IReadOnlyList<PhysicalField> fields)
        : base(fields)
    {
        Input = input;
        Expressions = expressions;
    }

    public PhysicalOperator Input { get; }

    public IReadOnlyList<PhysicalExpr> Expressions { get; }

    public override string Name => "ProjectionExec";

    public override string Details => string.Join(", ", Expressions.Select((e, i) => e is ColumnExpr c && c.Name == Fields[i].Name ? e.ToString()! : $"{e} as {Fields[i].Name}"));

    public override int OutputPartitionCount => Input.OutputPartitionCount;

    public override IReadOnlyList<PhysicalOperator> Children => [Input];

    public override PhysicalOperator WithChildren(IReadOnlyList<PhysicalOperator> children) => new ProjectionExec(children[0], Expressions, Fields);

    protected override async IAsyncEnumerable<RecordBatch> ExecuteCore(int partition, TaskContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var evaluation = EvaluationContext.From(context);
        await foreach (var batch in Input.ExecuteAsync(partition, context).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var columns = new IArrowArray[Expressions.Count];
            for (var i = 0; i < columns.Length; i++)
            {
                columns[i] = Expressions[i].EvaluateToArray(batch, evaluation);
            }

            yield return new RecordBatch(Schema, columns, batch.Length);
        }
    }
}
