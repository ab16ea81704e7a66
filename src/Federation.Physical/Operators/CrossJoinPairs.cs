namespace Federation.Physical.Operators;

/// <summary>The pairs of a probe batch in a join without keys: every probe row with every build row, row by row.</summary>
internal sealed class CrossJoinPairs : JoinPairs
{
    private readonly int _probeRows;
    private readonly int _buildRows;
    private int _probe;
    private int _build;

    public CrossJoinPairs(int probeRows, int buildRows)
    {
        _probeRows = probeRows;
        _buildRows = buildRows;
    }

    public override bool Next(int maxPairs, List<int> probeRows, List<int> buildRows)
    {
        var added = 0;
        while (_buildRows > 0 && _probe < _probeRows)
        {
            var take = Math.Min(_buildRows - _build, maxPairs - added);
            if (take == 0)
            {
                return false;
            }

            for (var j = 0; j < take; j++)
            {
                probeRows.Add(_probe);
                buildRows.Add(_build + j);
            }

            added += take;
            _build += take;
            if (_build == _buildRows)
            {
                _build = 0;
                _probe++;
            }
        }

        return true;
    }

    public override void Hits(Span<bool> hit) => hit[.._probeRows].Fill(_buildRows > 0);

    public override void MarkBuildRows(bool[] matched)
    {
        if (_probeRows > 0)
        {
            matched.AsSpan(0, _buildRows).Fill(true);
        }
    }
}
