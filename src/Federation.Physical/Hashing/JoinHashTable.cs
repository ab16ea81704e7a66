using Apache.Arrow;
using Federation.Common.Types;

namespace Federation.Physical.Hashing;

/// <summary>
/// The build side's keys: every build row is reachable from its key (rows with equal keys are chained).
/// Rows with a NULL key are left out, since NULL never equals anything, unless the key compares with
/// IS NOT DISTINCT FROM (set operations), where NULL matches NULL.
/// </summary>
public abstract class JoinHashTable
{
    /// <summary>True when some build row had a NULL in a key (NOT IN must then produce no rows).</summary>
    public bool HasNullKey { get; protected set; }

    public abstract long SizeInBytes { get; }

    /// <summary>Appends (probe row, build row) for every match of probe rows [0, rows).</summary>
    public abstract void Probe(IReadOnlyList<IArrowArray> keys, int rows, List<int> probeRows, List<int> buildRows);

    /// <summary>Whether each probe row has at least one match (no pairs are produced).</summary>
    public abstract void ProbeExists(IReadOnlyList<IArrowArray> keys, int rows, Span<bool> found);

    /// <summary>Slots for open addressing: a power of two at least twice the rows, so probes stay short.</summary>
    protected static int SlotCount(int rows)
    {
        var size = 16;
        while (size < rows * 2)
        {
            size <<= 1;
        }

        return size;
    }

    public static JoinHashTable Build(IReadOnlyList<IArrowArray> keys, IReadOnlyList<SqlType> types, int rows, bool nullsEqual)
    {
        if (types.Count == 1 && LongKeys.SupportsJoinKey(types[0]))
        {
            return new LongJoinHashTable(keys[0], types[0], rows, nullsEqual);
        }

        if (!nullsEqual && AllLongKeys(types))
        {
            return new CompositeLongJoinHashTable(keys, types, rows);
        }

        return new BytesJoinHashTable(keys, types, rows, nullsEqual);
    }

    private static bool AllLongKeys(IReadOnlyList<SqlType> types)
    {
        foreach (var type in types)
        {
            if (!LongKeys.SupportsJoinKey(type))
            {
                return false;
            }
        }

        return true;
    }
}
