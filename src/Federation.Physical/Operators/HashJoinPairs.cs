using Federation.Physical.Hashing;

namespace Federation.Physical.Operators;

/// <summary>The pairs of a probe batch in a hash join: each probe row with the chain of build rows that have its key.</summary>
internal sealed class HashJoinPairs : JoinPairs
{
    private readonly JoinHashTable _table;
    private readonly int[] _first;
    private JoinPairCursor _cursor = JoinPairCursor.Start;

    public HashJoinPairs(JoinHashTable table, int[] first)
    {
        _table = table;
        _first = first;
    }

    public override bool Next(int maxPairs, List<int> probeRows, List<int> buildRows) =>
        _table.NextPairs(_first, ref _cursor, maxPairs, probeRows, buildRows);

    public override void Hits(Span<bool> hit)
    {
        for (var i = 0; i < _first.Length; i++)
        {
            hit[i] = _first[i] >= 0;
        }
    }

    public override void MarkBuildRows(bool[] matched) => _table.MarkChains(_first, matched);
}
