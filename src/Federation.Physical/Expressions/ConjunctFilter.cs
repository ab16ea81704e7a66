using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Logical.Expressions;
using Federation.Logical.Statistics;

namespace Federation.Physical.Expressions;

/// <summary>
/// Keeps the rows of a batch where every conjunct is TRUE. Conjuncts run in order, each only on the rows the previous
/// ones kept (so a later conjunct never sees a rejected row) and only over the columns it reads; the surviving row
/// numbers are composed, and the output takes every column once at the end. FilterExec applies one; a file scan
/// applies one to the batches it decodes, before copying them out of the reader's memory.
/// </summary>
public sealed class ConjunctFilter
{
    private readonly IReadOnlyList<IReadOnlyList<int>> _conjunctColumns;

    /// <param name="conjunctColumns">For each conjunct, the input columns it reads.</param>
    public ConjunctFilter(IReadOnlyList<PhysicalExpr> conjuncts, IReadOnlyList<IReadOnlyList<int>> conjunctColumns)
    {
        Conjuncts = conjuncts;
        _conjunctColumns = conjunctColumns;
    }

    public IReadOnlyList<PhysicalExpr> Conjuncts { get; }

    /// <summary>
    /// Compiles <paramref name="conjuncts"/> against an input's columns (column id → position), cheaper and more
    /// selective conjuncts first, so that later ones run on fewer rows.
    /// </summary>
    public static ConjunctFilter Compile(IEnumerable<Expr> conjuncts, IReadOnlyDictionary<int, int> columns)
    {
        var ordered = conjuncts.OrderBy(CardinalityEstimator.Selectivity).ThenBy(c => ExprVisitor.Walk(c).Count()).ToArray();
        var compiled = ordered.Select(c => ExprCompiler.Compile(c, columns)).ToArray();
        var reads = ordered.Select(c => (IReadOnlyList<int>)ExprVisitor.ColumnIds(c).Select(id => columns[id]).Order().ToArray()).ToArray();
        return new ConjunctFilter(compiled, reads);
    }

    /// <summary>This filter with <paramref name="conjunct"/> (reading <paramref name="columns"/>) run after the others.</summary>
    public ConjunctFilter Append(PhysicalExpr conjunct, IReadOnlyList<int> columns) =>
        new([.. Conjuncts, conjunct], [.. _conjunctColumns, columns]);

    public override string ToString() => string.Join(" AND ", Conjuncts);

    /// <summary>The kept rows (the batch itself when all are kept), or null when none is.</summary>
    public RecordBatch? Apply(RecordBatch batch, EvaluationContext evaluation)
    {
        int[]? selection = null; // row numbers of the input batch still in; null: all of them
        var selected = batch.Length;
        var current = batch;
        for (var k = 0; k < Conjuncts.Count; k++)
        {
            var result = Conjuncts[k].Evaluate(current, evaluation);
            if (result.IsScalar)
            {
                if (result.Scalar!.Value is true)
                {
                    continue;
                }

                return null;
            }

            var local = BatchOps.Selection((BooleanArray)result.Array!, out var count);
            if (count == 0)
            {
                return null;
            }

            if (count == current.Length)
            {
                continue;
            }

            if (selection is not null)
            {
                for (var i = 0; i < count; i++)
                {
                    local[i] = selection[local[i]];
                }
            }

            selection = local;
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
