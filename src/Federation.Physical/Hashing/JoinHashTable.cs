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

    /// <summary>
    /// For each probe row [0, rows), the first build row with its key, or -1 when none has it; the others follow on
    /// the row's chain (<see cref="NextPairs"/>).
    /// </summary>
    public abstract void FindFirst(IReadOnlyList<IArrowArray> keys, int rows, Span<int> first);

    /// <summary>Each build row's next row with the same key (-1 at a chain's end): chains list rows in ascending order.</summary>
    private protected abstract int[] NextRows { get; }

    /// <summary>
    /// Appends (probe row, build row) pairs for the probe rows whose first matches <paramref name="first"/> holds,
    /// going on from <paramref name="cursor"/>, until <paramref name="maxPairs"/> were added; true when every probe row
    /// is done. A probe batch whose keys repeat in the build side yields its pairs in bounded chunks this way, however
    /// many there are (a many-to-many key, a skewed one).
    /// </summary>
    public bool NextPairs(ReadOnlySpan<int> first, ref JoinPairCursor cursor, int maxPairs, List<int> probeRows, List<int> buildRows)
    {
        var next = NextRows;
        var i = cursor.ProbeRow;
        var b = cursor.BuildRow;
        var added = 0;
        for (; i < first.Length; i++)
        {
            if (b < 0)
            {
                b = first[i];
            }

            for (; b >= 0; b = next[b])
            {
                if (added == maxPairs)
                {
                    cursor = new JoinPairCursor(i, b);
                    return false;
                }

                probeRows.Add(i);
                buildRows.Add(b);
                added++;
            }
        }

        cursor = new JoinPairCursor(i, -1);
        return true;
    }

    /// <summary>
    /// Marks the build rows on the chains <paramref name="first"/> starts, skipping a chain whose first row is already
    /// marked: a chain is marked whole, so another probe row with the same key found it done.
    /// </summary>
    public void MarkChains(ReadOnlySpan<int> first, bool[] matched)
    {
        var next = NextRows;
        foreach (var head in first)
        {
            if (head < 0 || matched[head])
            {
                continue;
            }

            for (var b = head; b >= 0; b = next[b])
            {
                matched[b] = true;
            }
        }
    }

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
