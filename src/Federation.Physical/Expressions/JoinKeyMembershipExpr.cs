using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Common.Types;
using Federation.Functions;
using Federation.Physical.Pruning;

namespace Federation.Physical.Expressions;

/// <summary>
/// TRUE where the row's key columns are among a hash join's build-side keys (a <see cref="JoinKeyFilter"/> at run
/// time); TRUE everywhere while the keys are not published or once the filter has proved useless. Only as a
/// conjunct of a scan's filter: rows it rejects are rows the join would discard.
/// </summary>
public sealed class JoinKeyMembershipExpr(JoinKeySlot slot, IReadOnlyList<PhysicalExpr> keys, string description) : PhysicalExpr
{
    public override SqlType Type => SqlType.Boolean;

    public override ColumnarValue Evaluate(RecordBatch batch, EvaluationContext context)
    {
        var table = slot.Table;
        if (table is null)
        {
            return ScalarValue.Boolean(true);
        }

        var rows = batch.Length;
        var arrays = new IArrowArray[keys.Count];
        for (var k = 0; k < arrays.Length; k++)
        {
            arrays[k] = keys[k].EvaluateToArray(batch, context);
        }

        var found = new bool[rows];
        table.ProbeExists(arrays, rows, found);
        var values = new byte[Bitmap.BytesFor(rows)];
        var kept = 0;
        for (var i = 0; i < rows; i++)
        {
            if (found[i])
            {
                Bitmap.Set(values, i);
                kept++;
            }
        }

        slot.Record(rows, kept);
        return ColumnarValue.FromArray(ArrayFactory.Boolean(values, rows, null));
    }

    public override string ToString() => $"join keys ({description})";
}
