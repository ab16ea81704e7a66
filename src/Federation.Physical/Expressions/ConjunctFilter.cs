using Apache.Arrow;
using Federation.Common;
using Federation.Common.Arrow;
using Federation.Common.Types;
using Federation.Functions;
using Federation.Logical.Expressions;
using Federation.Logical.Statistics;

namespace Federation.Physical.Expressions;

/// <summary>
/// Keeps the rows of a batch where every conjunct is TRUE. Conjuncts run in order, each only over the columns it reads
/// and, unless it cannot fail (<see cref="PhysicalExpr.CannotFail"/>), only on the rows the previous ones kept (so
/// a division in a later conjunct never sees a rejected row); the surviving row numbers are composed, and the output
/// takes every column once at the end. FilterExec applies one; a file scan
/// applies one to the batches it decodes, before copying them out of the reader's memory.
///
/// A scan may leave low-cardinality string columns dictionary-encoded: a conjunct that reads only such a column is
/// evaluated once per distinct value (and once for NULL) and each row looks its answer up, so a filter like
/// l_shipmode IN ('MAIL', 'SHIP') compares seven strings instead of six million. Dictionary columns come out still
/// encoded (taken by index); the scan decodes the rows that survive.
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

    /// <summary>
    /// A conjunct that cannot fail runs on the same rows as the one before, its answer ANDed into theirs, unless
    /// those kept fewer than one row in this many: gathering the survivors' columns costs more than comparing the
    /// rows already rejected again (TPC-H Q6's five range conjuncts each keep 15-70%).
    /// </summary>
    private const int NarrowBelowOneIn = 4;

    /// <summary>The kept rows (the batch itself when all are kept), or null when none is.</summary>
    public RecordBatch? Apply(RecordBatch batch, EvaluationContext evaluation)
    {
        var selection = Select(batch, evaluation, out var count);
        return count == 0 ? null : selection is null ? batch : BatchOps.Take(batch, selection.AsSpan(0, count));
    }

    /// <summary>
    /// The row numbers of the kept rows, ascending, in the first <paramref name="count"/> entries; null when every row
    /// is kept (<paramref name="count"/> is then the batch's length). For a caller that takes the rows its own way.
    /// </summary>
    public int[]? Select(RecordBatch batch, EvaluationContext evaluation, out int count)
    {
        count = 0;
        int[]? selection = null; // row numbers of the input batch still in; null: all of them
        var selected = batch.Length;
        var current = batch;
        byte[]? kept = null; // over current's rows: those every conjunct since current was made keeps; null: all
        var keptCount = current.Length;
        for (var k = 0; k < Conjuncts.Count; k++)
        {
            var result = Evaluate(k, current, evaluation);
            if (result.IsScalar)
            {
                if (result.Scalar!.Value is true)
                {
                    continue;
                }

                return null;
            }

            var bits = BatchOps.TrueBits((BooleanArray)result.Array!);
            if (kept is not null)
            {
                Bitmap.And(kept, bits, kept);
            }
            else
            {
                kept = bits;
            }

            keptCount = Bitmap.CountSet(kept, current.Length);
            if (keptCount == 0)
            {
                return null;
            }

            if (keptCount == current.Length)
            {
                kept = null;
                continue;
            }

            var last = k == Conjuncts.Count - 1;
            if (!last && Conjuncts[k + 1].CannotFail && (long)keptCount * NarrowBelowOneIn >= current.Length)
            {
                continue;
            }

            selection = Compose(selection, kept, current.Length, keptCount);
            selected = keptCount;
            kept = null;
            if (!last)
            {
                current = Narrow(batch, selection.AsSpan(0, selected), k + 1);
            }
        }

        if (kept is not null)
        {
            selection = Compose(selection, kept, current.Length, keptCount);
            selected = keptCount;
        }

        count = selected;
        return selection;
    }

    /// <summary>The input batch's row numbers of the rows <paramref name="kept"/> marks among those <paramref name="selection"/> holds.</summary>
    private static int[] Compose(int[]? selection, byte[] kept, int length, int keptCount)
    {
        var local = new int[keptCount];
        Bitmap.SetIndices(kept, length, local);
        if (selection is not null)
        {
            for (var i = 0; i < keptCount; i++)
            {
                local[i] = selection[local[i]];
            }
        }

        return local;
    }

    /// <summary>Conjunct <paramref name="k"/> over <paramref name="batch"/>, through the dictionary when it reads one dictionary column only.</summary>
    private ColumnarValue Evaluate(int k, RecordBatch batch, EvaluationContext evaluation)
    {
        var reads = _conjunctColumns[k];
        var encoded = false;
        foreach (var c in reads)
        {
            encoded |= batch.Column(c) is DictionaryArray;
        }

        if (!encoded)
        {
            return Conjuncts[k].Evaluate(batch, evaluation);
        }

        if (reads.Count == 1)
        {
            return EvaluateOverDictionary(Conjuncts[k], batch, reads[0], evaluation);
        }

        // Reads an encoded column with others: decode the encoded ones for this conjunct.
        var columns = new IArrowArray[batch.ColumnCount];
        for (var c = 0; c < columns.Length; c++)
        {
            columns[c] = batch.Column(c);
        }

        foreach (var c in reads)
        {
            if (columns[c] is DictionaryArray)
            {
                columns[c] = ArrowNormalizer.Normalize(columns[c]);
            }
        }

        return Conjuncts[k].Evaluate(new RecordBatch(batch.Schema, columns, batch.Length), evaluation);
    }

    private static ColumnarValue EvaluateOverDictionary(PhysicalExpr conjunct, RecordBatch batch, int column, EvaluationContext evaluation)
    {
        var encoded = (DictionaryArray)batch.Column(column);
        var values = ArrowNormalizer.Normalize(encoded.Dictionary);
        var type = ArrowTypes.FromArrow(values.Data.DataType) ?? throw FederationException.Internal($"no SQL type for {values.Data.DataType.Name}");

        // One row per distinct value, then one NULL row for the rows whose index is NULL.
        var distinct = values.Length;
        var columns = new IArrowArray[batch.ColumnCount];
        for (var c = 0; c < columns.Length; c++)
        {
            columns[c] = new NullArray(distinct + 1);
        }

        columns[column] = ArrayConcat.Concat([values, ArrayFactory.Nulls(type, 1)]);
        var perValue = conjunct.Evaluate(new RecordBatch(batch.Schema, columns, distinct + 1), evaluation);
        if (perValue.IsScalar)
        {
            return perValue;
        }

        // Each distinct value's answer as 0 (FALSE), 1 (TRUE) or 2 (NULL), the NULL row last.
        var answers = (BooleanArray)perValue.Array!;
        var answerOf = new byte[distinct + 1];
        for (var v = 0; v <= distinct; v++)
        {
            answerOf[v] = answers.GetValue(v) switch { true => 1, false => 0, null => 2 };
        }

        var positions = DictionaryIndices.Positions(encoded);
        var rows = batch.Length;
        var bits = new byte[Bitmap.BytesFor(rows)];
        byte[]? validity = null;
        for (var i = 0; i < rows; i++)
        {
            var position = positions[i];
            var answer = answerOf[position < 0 ? distinct : position];
            if (answer == 1)
            {
                Bitmap.Set(bits, i);
            }
            else if (answer == 2)
            {
                validity ??= Bitmap.AllSet(rows);
                Bitmap.Clear(validity, i);
            }
        }

        return ColumnarValue.FromArray(ArrayFactory.Boolean(bits, rows, validity));
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
