using System.Runtime.CompilerServices;
using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Execution;
using Federation.Physical.Expressions;

namespace Federation.Physical.Operators;

/// <summary>
/// Keeps rows where every conjunct is TRUE. Conjuncts run in order, each only on the rows the previous ones
/// kept (so a later conjunct never sees a rejected row) and only over the columns it reads; the surviving row
/// numbers are composed, and the output takes every column once at the end.
/// </summary>
public sealed class FilterExec : PhysicalOperator
{
    private readonly IReadOnlyList<IReadOnlyList<int>> _conjunctColumns;

    /// <param name="conjunctColumns">For each conjunct, the input columns it reads (null: assume all).</param>
    public FilterExec(PhysicalOperator input, IReadOnlyList<PhysicalExpr> conjuncts, IReadOnlyList<IReadOnlyList<int>>? conjunctColumns = null)
        : base(input.Fields)
    {
        Input = input;
        Conjuncts = conjuncts;
        var all = Enumerable.Range(0, input.Fields.Count).ToArray();
        _conjunctColumns = conjunctColumns ?? conjuncts.Select(_ => (IReadOnlyList<int>)all).ToArray();
    }

    public PhysicalOperator Input { get; }

    public IReadOnlyList<PhysicalExpr> Conjuncts { get; }

    public override string Name => "FilterExec";

    public override string Details => string.Join(" AND ", Conjuncts);

    public override int OutputPartitionCount => Input.OutputPartitionCount;

    public override IReadOnlyList<PhysicalOperator> Children => [Input];

    public override PhysicalOperator WithChildren(IReadOnlyList<PhysicalOperator> children) => new FilterExec(children[0], Conjuncts, _conjunctColumns);

    protected override async IAsyncEnumerable<RecordBatch> ExecuteCore(int partition, TaskContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var evaluation = EvaluationContext.From(context);
        await foreach (var batch in Input.ExecuteAsync(partition, context).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var output = Apply(batch, evaluation);
            if (output is not null && output.Length > 0)
            {
                yield return output;
            }
        }
    }

    private RecordBatch? Apply(RecordBatch batch, EvaluationContext evaluation)
    {
        int[]? selection = null; // row numbers of the input batch still in; null: all of them
        var selected = batch.Length;
        var current = batch;
        for (var k = 0; k < Conjuncts.Count; k++)
        {
            var result = Conjuncts[k].Evaluate(current, evaluation);
            int[] local;
            int count;
            if (result.IsScalar)
            {
                if (result.Scalar!.Value is true)
                {
                    continue;
                }

                return null;
            }

            local = BatchOps.Selection((BooleanArray)result.Array!, out count);
            if (count == 0)
            {
                return null;
            }

            if (count == current.Length)
            {
                continue;
            }

            if (selection is null)
            {
                selection = local;
            }
            else
            {
                for (var i = 0; i < count; i++)
                {
                    local[i] = selection[local[i]];
                }

                selection = local;
            }

            selected = count;
            if (k < Conjuncts.Count - 1)
            {
                current = Narrow(batch, selection.AsSpan(0, selected), k + 1);
            }
        }

        return selection is null ? batch : BatchOps.Take(batch, selection.AsSpan(0, selected));
    }

    /// <summary>The selected rows of only the columns the remaining conjuncts read; other columns are placeholders.</summary>
    private RecordBatch Narrow(RecordBatch batch, ReadOnlySpan<int> rows, int fromConjunct)
    {
        var columns = new IArrowArray[batch.ColumnCount];
        for (var k = fromConjunct; k < Conjuncts.Count; k++)
        {
            foreach (var c in _conjunctColumns[k])
            {
                columns[c] ??= ArrayTake.Take(batch.Column(c), rows);
            }
        }

        for (var c = 0; c < columns.Length; c++)
        {
            // Never read by the remaining conjuncts: a typeless placeholder of the right length costs nothing.
            columns[c] ??= new NullArray(rows.Length);
        }

        return new RecordBatch(batch.Schema, columns, rows.Length);
    }
}
