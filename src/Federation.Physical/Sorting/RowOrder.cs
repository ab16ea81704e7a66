using Apache.Arrow;
using Federation.Physical.Expressions;

namespace Federation.Physical.Sorting;

/// <summary>Computes the sorted order of a batch's rows for a list of sort keys.</summary>
public static class RowOrder
{
    private readonly struct KeyComparer(RowsBytes keys) : IComparer<int>
    {
        public int Compare(int x, int y)
        {
            var c = keys.Row(x).SequenceCompareTo(keys.Row(y));
            return c != 0 ? c : x.CompareTo(y);
        }
    }

    /// <summary>Row indices in sorted order (ties keep their input order).</summary>
    public static int[] Sort(RecordBatch batch, IReadOnlyList<SortField> fields, EvaluationContext evaluation)
    {
        var n = batch.Length;
        var columns = new IArrowArray[fields.Count];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = fields[i].Expr.EvaluateToArray(batch, evaluation);
        }

        var indices = new int[n];
        for (var i = 0; i < n; i++)
        {
            indices[i] = i;
        }

        if (fields.Count == 1 && TrySortSingleInteger(columns[0], fields[0], indices))
        {
            return indices;
        }

        var keys = SortKeyEncoder.Encode(columns, fields.Select(f => f.Expr.Type).ToArray(), fields.Select(f => (f.Ascending, f.NullsFirst)).ToArray(), n);
        indices.AsSpan().Sort(new KeyComparer(keys));
        return indices;
    }

    /// <summary>One non-null integral key: sort (key, index) pairs of primitives directly.</summary>
    private static bool TrySortSingleInteger(IArrowArray column, SortField field, int[] indices)
    {
        if (column.NullCount != 0 || !Hashing.LongKeys.Supports(field.Expr.Type))
        {
            return false;
        }

        var n = indices.Length;
        var values = Hashing.LongKeys.Read(column, field.Expr.Type, n);
        var keys = new ulong[n];
        for (var i = 0; i < n; i++)
        {
            var k = (ulong)(values[i] ^ long.MinValue);
            keys[i] = field.Ascending ? k : ~k;
        }

        // Stable: break ties by position by sorting (key, index) as one 128-bit value.
        var combined = new UInt128[n];
        for (var i = 0; i < n; i++)
        {
            combined[i] = ((UInt128)keys[i] << 32) | (uint)i;
        }

        System.Array.Sort(combined);
        for (var i = 0; i < n; i++)
        {
            indices[i] = (int)(uint)combined[i];
        }

        return true;
    }
}
