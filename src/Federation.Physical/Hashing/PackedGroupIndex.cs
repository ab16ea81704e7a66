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
    private UInt128[] _keys = new UInt128[1024];
    private int[] _ids = CreateIds(1024);
    private int _mask = 1023;
    private int _used;
    private readonly Dictionary<byte[], int> _overflow = new(ByteArrayComparer.Instance);

    public PackedGroupIndex(IReadOnlyList<SqlType> types)
    {
        _types = types;
    }

    /// <summary>True when the fixed part of these key types leaves room to pack them.</summary>
    public static bool Supports(IReadOnlyList<SqlType> types)
    {
        var size = 0;
        foreach (var type in types)
        {
            size += type.Kind switch
            {
                TypeKind.Boolean => 2,
                TypeKind.Int16 => 3,
                TypeKind.Int32 or TypeKind.Date => 5,
                TypeKind.Int64 or TypeKind.Timestamp or TypeKind.TimestampTz => 9,
                TypeKind.String or TypeKind.Binary => 2,
                _ => KeyBytes + 1,
            };
        }

        return size <= KeyBytes;
    }

    private static int[] CreateIds(int size)
    {
        var ids = new int[size];
        ids.AsSpan().Fill(-1);
        return ids;
    }

    public override long SizeInBytes => (_keys.Length * 20L) + (_overflow.Count * 64L);

    public override void Intern(IReadOnlyList<IArrowArray> keys, int rows, Span<int> groupIds, List<int> newGroupRows)
    {
        var packed = new byte[rows * KeyBytes];
        var position = new byte[rows];
        var fits = new bool[rows];
        fits.AsSpan().Fill(true);
        for (var c = 0; c < keys.Count; c++)
        {
            Pack(keys[c], _types[c], rows, packed, position, fits);
        }

        var values = MemoryMarshal.Cast<byte, UInt128>(packed.AsSpan());
        for (var i = 0; i < rows; i++)
        {
            if (!fits[i])
            {
                groupIds[i] = Overflow(i, keys, newGroupRows);
                continue;
            }

            var key = values[i];
            var slot = (int)Hash(key) & _mask;
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
                    if (++_used * 2 > _ids.Length)
                    {
                        Grow();
                    }

                    break;
                }

                if (_keys[slot] == key)
                {
                    groupIds[i] = id;
                    break;
                }

                slot = (slot + 1) & _mask;
            }
        }
    }

    private static ulong Hash(UInt128 key) => KeyHash.Mix((ulong)key ^ KeyHash.Mix((ulong)(key >> 64)));

    private static void Pack(IArrowArray array, SqlType type, int rows, byte[] packed, byte[] position, bool[] fits)
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
                    if (position[i] + 2 + length > KeyBytes)
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

    /// <summary>Keys too long to pack: the row's full encoding in a dictionary.</summary>
    private int Overflow(int row, IReadOnlyList<IArrowArray> keys, List<int> newGroupRows)
    {
        var slice = keys.Select(k => ArrowArrayFactory.Slice(k, row, 1)).ToArray();
        var encoded = RowEncoder.Encode(slice, _types, 1).Row(0).ToArray();
        if (!_overflow.TryGetValue(encoded, out var id))
        {
            id = GroupCount++;
            _overflow[encoded] = id;
            newGroupRows.Add(row);
        }

        return id;
    }

    private void Grow()
    {
        var oldKeys = _keys;
        var oldIds = _ids;
        var size = oldIds.Length * 2;
        _keys = new UInt128[size];
        _ids = CreateIds(size);
        _mask = size - 1;
        for (var s = 0; s < oldIds.Length; s++)
        {
            if (oldIds[s] < 0)
            {
                continue;
            }

            var slot = (int)Hash(oldKeys[s]) & _mask;
            while (_ids[slot] >= 0)
            {
                slot = (slot + 1) & _mask;
            }

            _ids[slot] = oldIds[s];
            _keys[slot] = oldKeys[s];
        }
    }

    private sealed class ByteArrayComparer : IEqualityComparer<byte[]>
    {
        public static readonly ByteArrayComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => (int)KeyHash.Bytes(obj);
    }
}
