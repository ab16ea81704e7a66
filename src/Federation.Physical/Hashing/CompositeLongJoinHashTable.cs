using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Physical.Hashing;

/// <summary>
/// Join hash table for keys of several integral (or narrow decimal) columns, e.g. TPC-H's (partkey, supplycost):
/// keys compared as longs column by column, with no row encoding. Open addressing from the hash to the first
/// row, then a row chain, as in <see cref="LongJoinHashTable"/>. Only for joins where NULL matches nothing (not
/// the IS NOT DISTINCT FROM of set operations): a row with a NULL in any key column is left out.
/// </summary>
public sealed class CompositeLongJoinHashTable : JoinHashTable
{
    private readonly IReadOnlyList<SqlType> _types;
    private readonly long[][] _columns;
    private readonly ulong[] _hashes;
    private readonly int[] _heads;
    private readonly int[] _next;
    private readonly int _mask;

    public CompositeLongJoinHashTable(IReadOnlyList<IArrowArray> keys, IReadOnlyList<SqlType> types, int rows)
    {
        _types = types;
        _columns = Read(keys, types, rows);
        var anyNull = KeyNulls.AnyNullPerRow(keys, rows);
        var size = SlotCount(rows);

        _hashes = new ulong[size];
        _heads = new int[size];
        _heads.AsSpan().Fill(-1);
        _next = new int[Math.Max(rows, 1)];
        _mask = size - 1;
        var hashes = Hash(_columns, rows);

        // Insert in reverse so each chain lists rows in ascending order.
        for (var i = rows - 1; i >= 0; i--)
        {
            if (anyNull is not null && anyNull[i])
            {
                HasNullKey = true;
                continue;
            }

            var hash = hashes[i];
            var slot = (int)hash & _mask;
            while (_heads[slot] >= 0 && !(_hashes[slot] == hash && Equal(_columns, _heads[slot], i)))
            {
                slot = (slot + 1) & _mask;
            }

            _hashes[slot] = hash;
            _next[i] = _heads[slot];
            _heads[slot] = i;
        }
    }

    public override long SizeInBytes => (_hashes.Length * 12L) + (_next.Length * (4L + (8L * _columns.Length)));

    private protected override int[] NextRows => _next;

    public override void FindFirst(IReadOnlyList<IArrowArray> keys, int rows, Span<int> first)
    {
        var columns = Read(keys, _types, rows);
        var anyNull = KeyNulls.AnyNullPerRow(keys, rows);
        var hashes = Hash(columns, rows);
        for (var i = 0; i < rows; i++)
        {
            first[i] = anyNull is not null && anyNull[i] ? -1 : Find(columns, i, hashes[i]);
        }
    }

    public override void ProbeExists(IReadOnlyList<IArrowArray> keys, int rows, Span<bool> found)
    {
        var columns = Read(keys, _types, rows);
        var anyNull = KeyNulls.AnyNullPerRow(keys, rows);
        var hashes = Hash(columns, rows);
        for (var i = 0; i < rows; i++)
        {
            found[i] = (anyNull is null || !anyNull[i]) && Find(columns, i, hashes[i]) >= 0;
        }
    }

    private int Find(long[][] columns, int row, ulong hash)
    {
        var slot = (int)hash & _mask;
        while (true)
        {
            var head = _heads[slot];
            if (head < 0 || (_hashes[slot] == hash && EqualProbe(columns, row, head)))
            {
                return head;
            }

            slot = (slot + 1) & _mask;
        }
    }

    private bool EqualProbe(long[][] columns, int row, int buildRow)
    {
        for (var c = 0; c < columns.Length; c++)
        {
            if (columns[c][row] != _columns[c][buildRow])
            {
                return false;
            }
        }

        return true;
    }

    private static bool Equal(long[][] columns, int a, int b)
    {
        for (var c = 0; c < columns.Length; c++)
        {
            if (columns[c][a] != columns[c][b])
            {
                return false;
            }
        }

        return true;
    }

    private static long[][] Read(IReadOnlyList<IArrowArray> keys, IReadOnlyList<SqlType> types, int rows)
    {
        var columns = new long[keys.Count][];
        for (var c = 0; c < columns.Length; c++)
        {
            columns[c] = LongKeys.Read(keys[c], types[c], rows);
        }

        return columns;
    }

    private static ulong[] Hash(long[][] columns, int rows)
    {
        var hashes = new ulong[rows];
        for (var c = 0; c < columns.Length; c++)
        {
            var column = columns[c];
            for (var i = 0; i < rows; i++)
            {
                hashes[i] = KeyHash.Mix(hashes[i] ^ (ulong)column[i]) + (ulong)c;
            }
        }

        return hashes;
    }
}
