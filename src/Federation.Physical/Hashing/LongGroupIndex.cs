using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Physical.Hashing;

/// <summary>
/// Open-addressing hash table from one integral key to a group id; NULL is its own group. A row whose key equals the
/// previous row's skips the table, which makes input clustered on the key (line items by order) cost a compare per row.
/// </summary>
public sealed class LongGroupIndex : GroupIndex
{
    private readonly SqlType _type;
    private long[] _keys;
    private int[] _ids;
    private int _mask;

    /// <summary>The size the first growth goes to (the estimate's), 0 once grown.</summary>
    private int _firstGrowth;
    private int _used;
    private int _nullGroup = -1;
    private long _lastKey;

    /// <summary>The previous non-null row's group, -1 before the first.</summary>
    private int _lastId = -1;

    /// <param name="initialGroups">Groups its first growth sizes the table for (0: it doubles); it grows past them.</param>
    public LongGroupIndex(SqlType type, int initialGroups = 0)
    {
        _type = type;
        // The table starts small all the same: its first growth goes straight to the estimate's size (an estimate of
        // a million groups for what turns out to be four would otherwise clear 24 MiB per partition for nothing).
        _firstGrowth = SlotsFor(initialGroups);
        _keys = new long[1024];
        _ids = CreateIds(1024);
        _mask = 1023;
    }

    private static int[] CreateIds(int size)
    {
        var ids = new int[size];
        ids.AsSpan().Fill(-1);
        return ids;
    }

    public override long SizeInBytes => _keys.Length * 12L;

    public override void Intern(IReadOnlyList<IArrowArray> keys, int rows, Span<int> groupIds, List<int> newGroupRows)
    {
        var column = keys[0];
        var values = LongKeys.View(column, _type, rows);
        var validity = Validity.Bits(column);
        for (var i = 0; i < rows; i++)
        {
            if (!validity.IsEmpty && !Bitmap.Get(validity, i))
            {
                if (_nullGroup < 0)
                {
                    _nullGroup = GroupCount++;
                    newGroupRows.Add(i);
                }

                groupIds[i] = _nullGroup;
                continue;
            }

            var key = values[i];
            if (_lastId >= 0 && key == _lastKey)
            {
                groupIds[i] = _lastId;
                continue;
            }

            _lastKey = key;
            var slot = (int)KeyHash.Mix((ulong)key) & _mask;
            while (true)
            {
                var id = _ids[slot];
                if (id < 0)
                {
                    id = GroupCount++;
                    _ids[slot] = id;
                    _keys[slot] = key;
                    newGroupRows.Add(i);
                    groupIds[i] = id;
                    _lastId = id;
                    if (++_used * 2 > _ids.Length)
                    {
                        Grow();
                    }

                    break;
                }

                if (_keys[slot] == key)
                {
                    groupIds[i] = id;
                    _lastId = id;
                    break;
                }

                slot = (slot + 1) & _mask;
            }
        }
    }

    private void Grow()
    {
        var oldKeys = _keys;
        var oldIds = _ids;
        var size = Math.Max(oldIds.Length * 2, _firstGrowth);
        _firstGrowth = 0;
        _keys = new long[size];
        _ids = CreateIds(size);
        _mask = size - 1;
        for (var s = 0; s < oldIds.Length; s++)
        {
            if (oldIds[s] < 0)
            {
                continue;
            }

            var slot = (int)KeyHash.Mix((ulong)oldKeys[s]) & _mask;
            while (_ids[slot] >= 0)
            {
                slot = (slot + 1) & _mask;
            }

            _ids[slot] = oldIds[s];
            _keys[slot] = oldKeys[s];
        }
    }
}
