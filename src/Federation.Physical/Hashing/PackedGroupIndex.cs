using System.Runtime.InteropServices;
using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Physical.Hashing;

/// <summary>
/// Group index for keys that pack into 16 bytes: small integers, dates and short strings (flags, codes,
/// two int keys). Each row's key becomes one 128-bit integer (a null flag and the bytes of every column, strings
/// with their length), so hashing and comparing is integer work. A row whose strings do not fit falls back to a
/// byte-string dictionary; whether a key fits depends only on the key, so each key lives in exactly one place.
/// </summary>
public sealed class PackedGroupIndex : GroupIndex
{
    private const int KeyBytes = 16;
    private readonly IReadOnlyList<SqlType> _types;
    // The packed keys by slot, as two halves rather than one UInt128[]: at 16 bytes a slot, a table of 262,144 slots
    // (Q16's count(DISTINCT) at SF 1) would be one 4 MiB array, bigger than a GC region, so it would go to the large
    // object heap whatever its threshold and force a full collection per query; two 2 MiB halves stay in gen0.
    private ulong[] _low;
    private ulong[] _high;
    private int[] _ids;
    private int _mask;

    /// <summary>The size the first growth goes to (the estimate's), 0 once grown.</summary>
    private int _firstGrowth;
    private int _used;
    /// <summary>Keys too long to pack, with their own dense ids, and the group id each of those ids stands for.</summary>
    private BytesGroupIndex? _overflow;
    private readonly List<int> _overflowGroups = [];

    /// <param name="initialGroups">Groups its first growth sizes the table for (0: it doubles); it grows past them.</param>
    public PackedGroupIndex(IReadOnlyList<SqlType> types, int initialGroups = 0)
    {
        _types = types;
        // The table starts small all the same: its first growth goes straight to the estimate's size (an estimate of
        // a million groups for what turns out to be four would otherwise clear 24 MiB per partition for nothing).
        _firstGrowth = SlotsFor(initialGroups);
        _low = new ulong[1024];
        _high = new ulong[1024];
        _ids = CreateIds(1024);
        _mask = 1023;
    }

    /// <summary>True when the fixed part of these key types leaves room to pack them.</summary>
    public static bool Supports(IReadOnlyList<SqlType> types)
    {
        var size = 0;
        foreach (var type in types)
        {
            size += FixedBytes(type);
        }

        return size <= KeyBytes;
    }

    /// <summary>The bytes a key column takes whatever its value: its null flag and value, or for a string the flag and length.</summary>
    private static int FixedBytes(SqlType type) => type.Kind switch
    {
        TypeKind.Boolean => 2,
        TypeKind.Int16 => 3,
        TypeKind.Int32 or TypeKind.Date => 5,
        TypeKind.Int64 or TypeKind.Timestamp or TypeKind.TimestampTz => 9,
        TypeKind.String or TypeKind.Binary => 2,
        _ => KeyBytes + 1,
    };

    private static int[] CreateIds(int size)
    {
        var ids = new int[size];
        ids.AsSpan().Fill(-1);
        return ids;
    }

    public override long SizeInBytes => (_ids.Length * 20L) + (_overflow?.SizeInBytes ?? 0) + (_overflowGroups.Count * 4L);

    public override void Intern(IReadOnlyList<IArrowArray> keys, int rows, Span<int> groupIds, List<int> newGroupRows)
    {
        var packed = new byte[rows * KeyBytes];
        var position = new byte[rows];
        var fits = new bool[rows];
        fits.AsSpan().Fill(true);
        // A string's bytes must leave room for the columns after it, packed into the same 16 bytes.
        var reserved = 0;
        for (var c = 0; c < keys.Count; c++)
        {
            reserved += FixedBytes(_types[c]);
        }

        for (var c = 0; c < keys.Count; c++)
        {
            reserved -= FixedBytes(_types[c]);
            Pack(keys[c], _types[c], rows, packed, position, fits, reserved);
        }

        var values = MemoryMarshal.Cast<byte, UInt128>(packed.AsSpan());
        var overflowIds = OverflowIds(keys, rows, fits);
        var nextOverflow = 0;
        for (var i = 0; i < rows; i++)
        {
            if (!fits[i])
            {
                // Overflow ids are dense in first-seen order, so the first row of a new one meets it here first.
                var overflowId = overflowIds[nextOverflow++];
                if (overflowId == _overflowGroups.Count)
                {
                    _overflowGroups.Add(GroupCount++);
                    newGroupRows.Add(i);
                }

                groupIds[i] = _overflowGroups[overflowId];
                continue;
            }

            var key = values[i];
            var low = (ulong)key;
            var high = (ulong)(key >> 64);
            var slot = (int)Hash(low, high) & _mask;
            while (true)
            {
                var id = _ids[slot];
                if (id < 0)
                {
                    id = GroupCount++;
                    _ids[slot] = id;
                    _low[slot] = low;
                    _high[slot] = high;
                    newGroupRows.Add(i);
                    groupIds[i] = id;
                    if (++_used * 2 > _ids.Length)
                    {
                        Grow();
                    }

                    break;
                }

                if (_low[slot] == low && _high[slot] == high)
                {
                    groupIds[i] = id;
                    break;
                }

                slot = (slot + 1) & _mask;
            }
        }
    }

    private static ulong Hash(ulong low, ulong high) => KeyHash.Mix(low ^ KeyHash.Mix(high));

    /// <param name="reserved">The fixed bytes of the key columns packed after this one.</param>
    private static void Pack(IArrowArray array, SqlType type, int rows, byte[] packed, byte[] position, bool[] fits, int reserved)
    {
        var validity = Validity.Bits(array);
        switch (type.Kind)
        {
            case TypeKind.String or TypeKind.Binary:
            {
                var strings = (BinaryArray)array;
                var offsets = strings.ValueOffsets;
                var data = strings.ValueBuffer.Span;
                for (var i = 0; i < rows; i++)
                {
                    if (!fits[i])
                    {
                        continue;
                    }

                    var at = (i * KeyBytes) + position[i];
                    if (!validity.IsEmpty && !Bitmap.Get(validity, i))
                    {
                        packed[at] = 0; // null
                        packed[at + 1] = 0;
                        position[i] += 2;
                        continue;
                    }

                    var start = offsets[i];
                    var length = offsets[i + 1] - start;
                    if (position[i] + 2 + length + reserved > KeyBytes)
                    {
                        fits[i] = false;
                        continue;
                    }

                    packed[at] = 1;
                    packed[at + 1] = (byte)length;
                    // Keys that fit here are at most 14 bytes: a byte loop beats a memmove call per row.
                    for (var b = 0; b < length; b++)
                    {
                        packed[at + 2 + b] = data[start + b];
                    }

                    position[i] += (byte)(2 + length);
                }

                return;
            }

            case TypeKind.Boolean:
            {
                var booleans = (BooleanArray)array;
                var bits = booleans.ValueBuffer.Span;
                for (var i = 0; i < rows; i++)
                {
                    var at = (i * KeyBytes) + position[i];
                    var valid = validity.IsEmpty || Bitmap.Get(validity, i);
                    packed[at] = valid ? (byte)1 : (byte)0;
                    packed[at + 1] = valid && Bitmap.Get(bits, booleans.Offset + i) ? (byte)1 : (byte)0;
                    position[i] += 2;
                }

                return;
            }

            case TypeKind.Int16:
                PackFixed(ArrayFactory.FixedValues<short>(array), validity, rows, packed, position);
                return;
            case TypeKind.Int32 or TypeKind.Date:
                PackFixed(ArrayFactory.FixedValues<int>(array), validity, rows, packed, position);
                return;
            default:
                PackFixed(ArrayFactory.FixedValues<long>(array), validity, rows, packed, position);
                return;
        }
    }

    private static void PackFixed<T>(ReadOnlySpan<T> values, ReadOnlySpan<byte> validity, int rows, byte[] packed, byte[] position)
        where T : unmanaged
    {
        var width = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        var raw = MemoryMarshal.AsBytes(values);
        for (var i = 0; i < rows; i++)
        {
            var at = (i * KeyBytes) + position[i];
            if (validity.IsEmpty || Bitmap.Get(validity, i))
            {
                packed[at] = 1;
                raw.Slice(i * width, width).CopyTo(packed.AsSpan(at + 1));
            }

            // A null leaves zero bytes after its flag (the buffer starts zeroed), so all nulls compare equal.
            position[i] += (byte)(1 + width);
        }
    }

    /// <summary>
    /// The ids, in the overflow index, of the batch's rows whose keys are too long to pack (in row order), interned
    /// all at once by their full encoding; empty when every key packs. Group ids are given to them in
    /// <see cref="Intern"/>, in row order with the packed keys, so new groups keep the order of their first rows.
    /// </summary>
    private int[] OverflowIds(IReadOnlyList<IArrowArray> keys, int rows, bool[] fits)
    {
        var selected = new List<int>();
        for (var i = 0; i < rows; i++)
        {
            if (!fits[i])
            {
                selected.Add(i);
            }
        }

        if (selected.Count == 0)
        {
            return [];
        }

        var taken = new IArrowArray[keys.Count];
        for (var c = 0; c < taken.Length; c++)
        {
            taken[c] = selected.Count == rows ? keys[c] : ArrayTake.Take(keys[c], CollectionsMarshal.AsSpan(selected));
        }

        _overflow ??= new BytesGroupIndex(_types);
        var ids = new int[selected.Count];
        _overflow.Intern(taken, selected.Count, ids, []);
        return ids;
    }

    private void Grow()
    {
        var oldLow = _low;
        var oldHigh = _high;
        var oldIds = _ids;
        var size = Math.Max(oldIds.Length * 2, _firstGrowth);
        _firstGrowth = 0;
        _low = new ulong[size];
        _high = new ulong[size];
        _ids = CreateIds(size);
        _mask = size - 1;
        for (var s = 0; s < oldIds.Length; s++)
        {
            if (oldIds[s] < 0)
            {
                continue;
            }

            var slot = (int)Hash(oldLow[s], oldHigh[s]) & _mask;
            while (_ids[slot] >= 0)
            {
                slot = (slot + 1) & _mask;
            }

            _ids[slot] = oldIds[s];
            _low[slot] = oldLow[s];
            _high[slot] = oldHigh[s];
        }
    }
}
