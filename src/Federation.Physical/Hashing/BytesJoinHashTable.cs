using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Physical.Hashing;

/// <summary>
/// Join hash table over encoded composite or text keys. Each key compares with = or with IS NOT DISTINCT FROM on its
/// own: a row with NULL in an = key matches nothing, while NULLs in the other keys are encoded like any value.
/// </summary>
public sealed class BytesJoinHashTable : JoinHashTable
{
    private readonly IReadOnlyList<SqlType> _types;
    private readonly IReadOnlyList<bool> _nullsEqual;
    private readonly RowEncoder.EncodedRows _rows;
    private readonly ulong[] _hashes;
    private readonly int[] _heads;
    private readonly int[] _next;
    private readonly int _mask;

    /// <param name="nullsEqual">Per key, whether NULL matches NULL (IS NOT DISTINCT FROM).</param>
    public BytesJoinHashTable(IReadOnlyList<IArrowArray> keys, IReadOnlyList<SqlType> types, int rows, IReadOnlyList<bool> nullsEqual)
    {
        _types = types;
        _nullsEqual = nullsEqual;
        _rows = RowEncoder.Encode(keys, types, rows);
        var anyNull = KeyNulls.AnyNullPerRow(keys, rows);
        var unmatchable = KeyNulls.AnyNullPerRow(keys, rows, nullsEqual);
        var size = SlotCount(rows);

        _hashes = new ulong[size];
        _heads = new int[size];
        _heads.AsSpan().Fill(-1);
        _next = new int[Math.Max(rows, 1)];
        _mask = size - 1;
        for (var i = rows - 1; i >= 0; i--)
        {
            HasNullKey |= anyNull is not null && anyNull[i];
            if (unmatchable is not null && unmatchable[i])
            {
                continue;
            }

            var row = _rows.Row(i);
            var hash = KeyHash.Bytes(row);
            var slot = (int)hash & _mask;
            while (_heads[slot] >= 0 && !(_hashes[slot] == hash && _rows.Row(_heads[slot]).SequenceEqual(row)))
            {
                slot = (slot + 1) & _mask;
            }

            _hashes[slot] = hash;
            _next[i] = _heads[slot];
            _heads[slot] = i;
        }
    }

    public override long SizeInBytes => (_hashes.Length * 12L) + _rows.Data.Length + (_next.Length * 8L);

    private int Find(ReadOnlySpan<byte> row, ulong hash)
    {
        var slot = (int)hash & _mask;
        while (true)
        {
            var head = _heads[slot];
            if (head < 0 || (_hashes[slot] == hash && _rows.Row(head).SequenceEqual(row)))
            {
                return head;
            }

            slot = (slot + 1) & _mask;
        }
    }

    private protected override int[] NextRows => _next;

    public override void FindFirst(IReadOnlyList<IArrowArray> keys, int rows, Span<int> first)
    {
        var encoded = RowEncoder.Encode(keys, _types, rows);
        var unmatchable = KeyNulls.AnyNullPerRow(keys, rows, _nullsEqual);
        for (var i = 0; i < rows; i++)
        {
            if (unmatchable is not null && unmatchable[i])
            {
                first[i] = -1;
                continue;
            }

            var row = encoded.Row(i);
            first[i] = Find(row, KeyHash.Bytes(row));
        }
    }

    public override void ProbeExists(IReadOnlyList<IArrowArray> keys, int rows, Span<bool> found)
    {
        var encoded = RowEncoder.Encode(keys, _types, rows);
        var unmatchable = KeyNulls.AnyNullPerRow(keys, rows, _nullsEqual);
        for (var i = 0; i < rows; i++)
        {
            if (unmatchable is not null && unmatchable[i])
            {
                found[i] = false;
                continue;
            }

            var row = encoded.Row(i);
            found[i] = Find(row, KeyHash.Bytes(row)) >= 0;
        }
    }
}
