using Apache.Arrow;
using Federation.Physical.Hashing;

namespace Federation.Physical.Operators;

/// <summary>
/// The build side of one join execution, shared by all probe partitions: its rows in one batch, their key
/// table, which rows matched (for outer joins that keep unmatched build rows) and how many probe partitions
/// are still running (the last one emits the unmatched build rows).
/// </summary>
internal sealed class JoinSide
{
    public JoinSide(RecordBatch rows, JoinHashTable? table, bool trackMatches, int probePartitions)
    {
        Rows = rows;
        Table = table;
        Matched = trackMatches ? new bool[rows.Length] : null;
        RemainingProbes = probePartitions;
    }

    public RecordBatch Rows { get; }

    public JoinHashTable? Table { get; }

    public bool[]? Matched { get; }

    public int RemainingProbes;
}
