using Apache.Arrow;
using Federation.Common.Types;

namespace Federation.Physical.Hashing;

/// <summary>
/// Assigns dense ids to distinct keys (hash aggregation, DISTINCT). For each batch it returns every row's group id
/// and which rows created new groups, so the caller can keep those rows' key values.
/// </summary>
public abstract class GroupIndex
{
    public int GroupCount { get; protected set; }

    public abstract long SizeInBytes { get; }

    /// <summary>Writes each row's group id; appends the row numbers that started a new group to <paramref name="newGroupRows"/>.</summary>
    public abstract void Intern(IReadOnlyList<IArrowArray> keys, int rows, Span<int> groupIds, List<int> newGroupRows);

    /// <param name="initialGroups">Groups the table is sized for when it first grows (0: it doubles from its smallest size).</param>
    public static GroupIndex Create(IReadOnlyList<SqlType> keyTypes, int initialGroups = 0)
    {
        if (keyTypes.Count == 1 && LongKeys.Supports(keyTypes[0]))
        {
            return new LongGroupIndex(keyTypes[0], initialGroups);
        }

        return PackedGroupIndex.Supports(keyTypes) ? new PackedGroupIndex(keyTypes, initialGroups) : new BytesGroupIndex(keyTypes);
    }

    /// <summary>Slots of an open-addressing table (kept at most half full) for <paramref name="groups"/> groups: a power of two, at least 1024.</summary>
    protected static int SlotsFor(int groups) => groups <= 512 ? 1024 : (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)groups * 2);
}
