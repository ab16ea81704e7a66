using Apache.Arrow;
using Federation.Physical.Hashing;

namespace Federation.Physical.Operators;

/// <summary>
/// The build side of one join execution (or of one hash partition of a join that spilled), shared by all probe
/// partitions: its rows in one batch, their key table, which rows matched (for outer joins that keep unmatched build
/// rows) and how many probe partitions are still running (the last one emits the unmatched build rows). A build side
/// that spilled has <see cref="Spilled"/> instead of rows.
/// </summary>
internal sealed class JoinSide
{
    /// <param name="anyRows">Whether the whole build side has rows (a hash partition's own may have none).</param>
    /// <param name="hasNullKey">Whether some row of the whole build side has a NULL key (NOT IN then keeps nothing).</param>
    public JoinSide(RecordBatch rows, JoinHashTable? table, bool trackMatches, int probePartitions, bool? anyRows = null, bool? hasNullKey = null)
    {
        Rows = rows;
        Table = table;
        Matched = trackMatches ? new bool[rows.Length] : null;
        RemainingProbes = probePartitions;
        AnyRows = anyRows ?? rows.Length > 0;
        HasNullKey = hasNullKey ?? table?.HasNullKey == true;
    }

    public JoinSide(RecordBatch emptyRows, SpilledJoinBuild spilled, bool anyRows, bool hasNullKey)
        : this(emptyRows, null, false, 0, anyRows, hasNullKey)
    {
        Spilled = spilled;
    }

    public RecordBatch Rows { get; }

    public JoinHashTable? Table { get; }

    public bool[]? Matched { get; }

    public bool AnyRows { get; }

    public bool HasNullKey { get; }

    public SpilledJoinBuild? Spilled { get; }

    public int RemainingProbes;
}
