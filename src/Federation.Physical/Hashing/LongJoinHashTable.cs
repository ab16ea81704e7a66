using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Physical.Hashing;

/// <summary>Join hash table for one integral key: open addressing from key to the first row, then a row chain.</summary>
public sealed class LongJoinHashTable : JoinHashTable
{
    private readonly SqlType _type;
    private readonly long[] _keys;
    private readonly int[] _heads;
    private readonly int[] _next;
    private readonly int _mask;
    private readonly int _nullHead = -1;
    private readonly bool _nullsEqual;

    public LongJoinHashTable(IArrowArray column, SqlType type, int rows, bool nullsEqual)
    {
        _type = type;
        _nullsEqual = nullsEqual;
        var size = SlotCount(rows);

        _keys = new long[size];
        _heads = new int[size];
        _heads.AsSpan().Fill(-1);
        _next = new int[Math.Max(rows, 1)];
        _mask = size - 1;
        var values = LongKeys.Read(column, type, rows);
        var validity = Validity.Bits(column);
        // Insert in reverse so each chain lists rows in ascending order.
        for (var i = rows - 1; i >= 0; i--)
        {
            if (!validity.IsEmpty && !Bitmap.Get(validity, i))
            {
                HasNullKey = true;
                if (nullsEqual)
                {
                    _next[i] = _nullHead;
                    _nullHead = i;
                }

                continue;
            }

            var key = values[i];
            var slot = (int)KeyHash.Mix((ulong)key) & _mask;
            while (_heads[slot] >= 0 && _keys[slot] != key)
            {
                slot = (slot + 1) & _mask;
            }

            _keys[slot] = key;
            _next[i] = _heads[slot];
            _heads[slot] = i;
        }
    }

    public override long SizeInBytes => (_keys.Length * 12L) + (_next.Length * 4L);

    private int Find(long key)
    {
        var slot = (int)KeyHash.Mix((ulong)key) & _mask;
        while (true)
        {
            var head = _heads[slot];
            if (head < 0 || _keys[slot] == key)
            {
                return head;
            }

            slot = (slot + 1) & _mask;
        }
    }

    public override void Probe(IReadOnlyList<IArrowArray> keys, int rows, List<int> probeRows, List<int> buildRows)
    {
        var column = keys[0];
        var values = LongKeys.Read(column, _type, rows);
        var validity = Validity.Bits(column);
        for (var i = 0; i < rows; i++)
        {
            int row;
            if (!validity.IsEmpty && !Bitmap.Get(validity, i))
            {
                if (!_nullsEqual)
                {
                    continue;
                }

                row = _nullHead;
            }
            else
            {
                row = Find(values[i]);
            }

            for (; row >= 0; row = _next[row])
            {
                probeRows.Add(i);
                buildRows.Add(row);
            }
        }
    }

    public override void ProbeExists(IReadOnlyList<IArrowArray> keys, int rows, Span<bool> found)
    {
        var column = keys[0];
        var values = LongKeys.Read(column, _type, rows);
        var validity = Validity.Bits(column);
        for (var i = 0; i < rows; i++)
        {
            if (!validity.IsEmpty && !Bitmap.Get(validity, i))
            {
                found[i] = _nullsEqual && _nullHead >= 0;
                continue;
            }

            found[i] = Find(values[i]) >= 0;
        }
    }
}
