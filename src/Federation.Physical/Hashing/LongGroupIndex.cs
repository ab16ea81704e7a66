using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Physical.Hashing;

/// <summary>
/// Open-addressing hash table from one integral key to a group id; NULL is its own group. Each slot holds its key
/// beside its id, so a probe touches one cache line; a row whose key equals the previous row's skips the table, which
/// makes input clustered on the key (line items by order) cost a compare per row.
/// </summary>
public sealed class LongGroupIndex : GroupIndex
{
    private const int InitialSlots = 1024;

    private readonly SqlType _type;
    private Slot[] _slots = new Slot[InitialSlots];
    private int _mask = InitialSlots - 1;
    private int _used;
    private int _nullGroup = -1;
    private bool _hasLast;
    private long _lastKey;
    private int _lastId;

    public LongGroupIndex(SqlType type)
    {
        _type = type;
    }

    private struct Slot
    {
        public long Key;

        /// <summary>The group id plus one: 0 marks an empty slot, so a new table needs no filling.</summary>
        public int IdPlusOne;
    }

    public override long SizeInBytes => _slots.Length * (long)System.Runtime.CompilerServices.Unsafe.SizeOf<Slot>();

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
            if (_hasLast && key == _lastKey)
            {
                groupIds[i] = _lastId;
                continue;
            }

            var id = Find(key, i, newGroupRows);
            groupIds[i] = id;
            _hasLast = true;
            _lastKey = key;
            _lastId = id;
        }
    }

    private int Find(long key, int row, List<int> newGroupRows)
    {
        var slots = _slots;
        var slot = (int)KeyHash.Mix((ulong)key) & _mask;
        while (true)
        {
            ref var entry = ref slots[slot];
            if (entry.IdPlusOne == 0)
            {
                var id = GroupCount++;
                entry.Key = key;
                entry.IdPlusOne = id + 1;
                newGroupRows.Add(row);
                if (++_used * 2 > slots.Length)
                {
                    Grow();
                }

                return id;
            }

            if (entry.Key == key)
            {
                return entry.IdPlusOne - 1;
            }

            slot = (slot + 1) & _mask;
        }
    }

    private void Grow()
    {
        var old = _slots;
        var size = old.Length * 2;
        var slots = new Slot[size];
        var mask = size - 1;
        for (var s = 0; s < old.Length; s++)
        {
            if (old[s].IdPlusOne == 0)
            {
                continue;
            }

            var slot = (int)KeyHash.Mix((ulong)old[s].Key) & mask;
            while (slots[slot].IdPlusOne != 0)
            {
                slot = (slot + 1) & mask;
            }

            slots[slot] = old[s];
        }

        _slots = slots;
        _mask = mask;
    }
}
