namespace Federation.Physical.Operators;

/// <summary>
/// The candidate (probe row, build row) pairs of one probe batch, handed out in bounded chunks: a probe batch can
/// pair with millions of build rows (a cross join, a skewed key), and holding all its pairs at once would take memory
/// without bound and a loop no cancellation could interrupt.
/// </summary>
internal abstract class JoinPairs
{
    /// <summary>Appends at most <paramref name="maxPairs"/> more pairs; true when no pairs are left.</summary>
    public abstract bool Next(int maxPairs, List<int> probeRows, List<int> buildRows);

    /// <summary>Sets <paramref name="hit"/>[i] when probe row i has any candidate, without producing pairs.</summary>
    public abstract void Hits(Span<bool> hit);

    /// <summary>Marks every build row some probe row of the batch is a candidate for, without producing pairs.</summary>
    public abstract void MarkBuildRows(bool[] matched);
}
