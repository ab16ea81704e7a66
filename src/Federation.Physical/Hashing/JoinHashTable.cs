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

    /// <summary>A table whose keys all compare alike: with IS NOT DISTINCT FROM when <paramref name="nullsEqual"/>, else with =.</summary>
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

        var each = new bool[types.Count];
        each.AsSpan().Fill(nullsEqual);
        return new BytesJoinHashTable(keys, types, rows, each);
    }

    /// <summary>
    /// A table whose keys compare each its own way (<paramref name="nullsEqual"/>[k]: IS NOT DISTINCT FROM, else =);
    /// keys that mix the two are matched on encoded rows, where NULL is a value only for the null-safe keys.
    /// </summary>
    public static JoinHashTable Build(IReadOnlyList<IArrowArray> keys, IReadOnlyList<SqlType> types, int rows, IReadOnlyList<bool> nullsEqual)
    {
        var safe = nullsEqual.Contains(true);
        return safe && nullsEqual.Contains(false) ? new BytesJoinHashTable(keys, types, rows, nullsEqual) : Build(keys, types, rows, safe);
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
