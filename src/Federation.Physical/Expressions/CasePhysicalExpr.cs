using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Common.Types;
using Federation.Functions;

namespace Federation.Physical.Expressions;

/// <summary>
/// Searched CASE. Each WHEN is evaluated only on the rows no earlier WHEN took, and each THEN only on the rows
/// its WHEN took, so a branch never sees rows it would fail on (CASE WHEN x = 0 THEN 0 ELSE 1 / x END).
/// </summary>
public sealed class CasePhysicalExpr(IReadOnlyList<(PhysicalExpr When, PhysicalExpr Then)> whens, PhysicalExpr? elseExpr, SqlType type) : PhysicalExpr
{
    public override SqlType Type { get; } = type;

    public override ColumnarValue Evaluate(RecordBatch batch, EvaluationContext context)
    {
        var n = batch.Length;
        var parts = new List<IArrowArray>();
        var assignment = new int[n];
        var partOffset = 0;
        int[]? remaining = null; // null: every row, in order
        var current = batch;
        foreach (var (when, then) in whens)
        {
            if (current.Length == 0)
            {
                break;
            }

            var condition = when.Evaluate(current, context);
            int[] selected;
            int selectedCount;
            if (condition.IsScalar)
            {
                var taken = condition.Scalar!.Value is true;
                selectedCount = taken ? current.Length : 0;
                selected = taken ? Enumerable.Range(0, current.Length).ToArray() : [];
            }
            else
            {
                selected = BatchOps.Selection((BooleanArray)condition.Array!, out selectedCount);
            }

            if (selectedCount == 0)
            {
                continue;
            }

            if (selectedCount == current.Length && remaining is null)
            {
                // Every row takes this branch.
                return then.Evaluate(current, context);
            }

            var thenBatch = selectedCount == current.Length ? current : BatchOps.Take(current, selected.AsSpan(0, selectedCount));
            parts.Add(then.EvaluateToArray(thenBatch, context));
            for (var k = 0; k < selectedCount; k++)
            {
                var row = remaining is null ? selected[k] : remaining[selected[k]];
                assignment[row] = partOffset + k;
            }

            partOffset += selectedCount;

            // Rows not taken continue to the next WHEN.
            var rest = new int[current.Length - selectedCount];
            var r = 0;
            var s = 0;
            for (var i = 0; i < current.Length; i++)
            {
                if (s < selectedCount && selected[s] == i)
                {
                    s++;
                    continue;
                }

                rest[r++] = remaining is null ? i : remaining[i];
            }

            remaining = rest;
            current = BatchOps.Take(batch, rest);
        }

        if (current.Length > 0)
        {
            var elseArray = elseExpr is null ? ArrayFactory.Nulls(Type, current.Length) : elseExpr.EvaluateToArray(current, context);
            if (remaining is null)
            {
                return ColumnarValue.FromArray(elseArray);
            }

            parts.Add(elseArray);
            for (var k = 0; k < remaining.Length; k++)
            {
                assignment[remaining[k]] = partOffset + k;
            }
        }

        if (parts.Count == 0)
        {
            return ColumnarValue.FromArray(ArrayFactory.Nulls(Type, n));
        }

        var all = parts.Count == 1 ? parts[0] : ArrayConcat.Concat(parts);
        return ColumnarValue.FromArray(ArrayTake.Take(all, assignment));
    }

    public override string ToString() =>
        "CASE " + string.Join(" ", whens.Select(w => $"WHEN {w.When} THEN {w.Then}")) + (elseExpr is null ? string.Empty : $" ELSE {elseExpr}") + " END";
}
