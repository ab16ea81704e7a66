using Apache.Arrow;
using Federation.Common.Types;

namespace Federation.Physical.Hashing;

/// <summary>Hash table from encoded composite or text keys to group ids; each group's key bytes live in one arena.</summary>
public sealed class BytesGroupIndex : GroupIndex
{
    private readonly IReadOnlyList<SqlType> _types;
    private ulong[] _hashes = new ulong[1024];
    private int[] _ids = CreateIds(1024);
    private int _mask = 1023;
    private byte[] _arena = new byte[64 * 1024];
    private int _arenaLength;
    private int[] _groupOffsets = new int[1025];

    public BytesGroupIndex(IReadOnlyList<SqlType> types)
    {
        _types = types;
    }

    private static int[] CreateIds(int size)
    {
        var ids = new int[size];
        ids.AsSpan().Fill(-1);
        return ids;
    }

    public override long SizeInBytes => (_hashes.Length * 12L) + _arena.Length + (_groupOffsets.Length * 4L);

    public override void Intern(IReadOnlyList<IArrowArray> keys, int rows, Span<int> groupIds, List<int> newGroupRows)
    {
        var encoded = RowEncoder.Encode(keys, _types, rows);
        for (var i = 0; i < rows; i++)
        {
            var row = encoded.Row(i);
            var hash = KeyHash.Bytes(row);
            var slot = (int)hash & _mask;
            while (true)
            {
                var id = _ids[slot];
                if (id < 0)
                {
                    id = Add(row);
                    _ids[slot] = id;
                    _hashes[slot] = hash;
                    newGroupRows.Add(i);
                    groupIds[i] = id;
                    if (GroupCount * 2 > _ids.Length)
                    {
                        Grow();
                    }

                    break;
                }

                if (_hashes[slot] == hash && GroupKey(id).SequenceEqual(row))
                {
                    groupIds[i] = id;
                    break;
                }

                slot = (slot + 1) & _mask;
            }
        }
    }

    private ReadOnlySpan<byte> GroupKey(int id) => _arena.AsSpan(_groupOffsets[id], _groupOffsets[id + 1] - _groupOffsets[id]);

    private int Add(ReadOnlySpan<byte> row)
    {
        if (_arenaLength + row.Length > _arena.Length)
        {
            System.Array.Resize(ref _arena, Math.Max(_arena.Length * 2, _arenaLength + row.Length));
        }

        row.CopyTo(_arena.AsSpan(_arenaLength));
        _arenaLength += row.Length;
        var id = GroupCount++;
        if (id + 2 > _groupOffsets.Length)
        {
            System.Array.Resize(ref _groupOffsets, _groupOffsets.Length * 2);
        }

        _groupOffsets[id + 1] = _arenaLength;
        return id;
    }

    private void Grow()
    {
        var oldHashes = _hashes;
        var oldIds = _ids;
        var size = oldIds.Length * 2;
        _hashes = new ulong[size];
        _ids = CreateIds(size);
        _mask = size - 1;
        for (var s = 0; s < oldIds.Length; s++)
        {
            if (oldIds[s] < 0)
            {
                continue;
            }

            var slot = (int)oldHashes[s] & _mask;
            while (_ids[slot] >= 0)
            {
                slot = (slot + 1) & _mask;
            }

            _ids[slot] = oldIds[s];
            _hashes[slot] = oldHashes[s];
        }
    }
}
