using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Physical.Hashing;

/// <summary>
/// Join hash table for one integral key: open addressing from key to the first row, then a row chain. When the keys
/// span a small range it also keeps a bitset over that range, so that existence tests (semi joins, the dynamic filters
/// scans run over every probe row, most of them misses) cost a range check and a bit test instead of a hash lookup.
/// </summary>
public sealed class LongJoinHashTable : JoinHashTable
{
    /// <summary>The widest key range given a bitset: 2^23 bits, 1 MiB.</summary>
    private const long MaxBitsetRange = 1L << 23;

    private readonly ulong[]? _bits;
    private readonly long _min;

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
        var values = LongKeys.View(column, type, rows);
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

        (_bits, _min) = Bitset(values, validity, rows);
    }

    private static (ulong[]? Bits, long Min) Bitset(ReadOnlySpan<long> values, ReadOnlySpan<byte> validity, int rows)
    {
        long min = long.MaxValue, max = long.MinValue;
        for (var i = 0; i < rows; i++)
        {
            if (validity.IsEmpty || Bitmap.Get(validity, i))
            {
                min = Math.Min(min, values[i]);
                max = Math.Max(max, values[i]);
            }
        }

        if (min > max || (ulong)(max - min) >= MaxBitsetRange)
        {
            return (null, 0);
        }

        var bits = new ulong[((max - min) >> 6) + 1];
        for (var i = 0; i < rows; i++)
        {
            if (validity.IsEmpty || Bitmap.Get(validity, i))
            {
                var offset = (ulong)(values[i] - min);
                bits[offset >> 6] |= 1UL << (int)(offset & 63);
            }
        }

        return (bits, min);
    }

    public override long SizeInBytes => (_keys.Length * 12L) + (_next.Length * 4L) + ((_bits?.Length ?? 0) * 8L);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
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

    private protected override int[] NextRows => _next;

    public override void FindFirst(IReadOnlyList<IArrowArray> keys, int rows, Span<int> first)
    {
        var column = keys[0];
        var values = LongKeys.View(column, _type, rows);
        var validity = Validity.Bits(column);
        if (validity.IsEmpty)
        {
            for (var i = 0; i < rows; i++)
            {
                first[i] = Find(values[i]);
            }

            return;
        }

        for (var i = 0; i < rows; i++)
        {
            first[i] = Bitmap.Get(validity, i) ? Find(values[i]) : _nullsEqual ? _nullHead : -1;
        }
    }

    public override void ProbeExists(IReadOnlyList<IArrowArray> keys, int rows, Span<bool> found)
    {
        var column = keys[0];
        var validity = Validity.Bits(column);
        if (validity.IsEmpty && _bits is { } bits)
        {
            // The dynamic join filters' path: every probe row of a scan, most of them misses.
            if (_type.Kind is TypeKind.Int32 or TypeKind.Date)
            {
                InBitset(ArrayFactory.FixedValues<int>(column)[..rows], bits, found);
            }
            else
            {
                InBitset(LongKeys.View(column, _type, rows), bits, found);
            }

            return;
        }

        var values = LongKeys.View(column, _type, rows);

        if (validity.IsEmpty)
        {
            for (var i = 0; i < rows; i++)
            {
                found[i] = Find(values[i]) >= 0;
            }

            return;
        }

        for (var i = 0; i < rows; i++)
        {
            if (!Bitmap.Get(validity, i))
            {
                found[i] = _nullsEqual && _nullHead >= 0;
                continue;
            }

            found[i] = Find(values[i]) >= 0;
        }
    }

    private void InBitset<T>(ReadOnlySpan<T> values, ulong[] bits, Span<bool> found)
        where T : unmanaged, System.Numerics.IBinaryInteger<T>
    {
        var range = (ulong)bits.Length << 6;
        for (var i = 0; i < values.Length; i++)
        {
            var offset = (ulong)(long.CreateTruncating(values[i]) - _min);
            found[i] = offset < range && (bits[offset >> 6] & (1UL << (int)(offset & 63))) != 0;
        }
    }
}
