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

    public static GroupIndex Create(IReadOnlyList<SqlType> keyTypes)
    {
        if (keyTypes.Count == 1 && LongKeys.Supports(keyTypes[0]))
        {
            return new LongGroupIndex(keyTypes[0]);
        }

        return PackedGroupIndex.Supports(keyTypes) ? new PackedGroupIndex(keyTypes) : new BytesGroupIndex(keyTypes);
    }
}
