using Federation.Physical.Hashing;

namespace Federation.Physical.Pruning;

/// <summary>
/// One execution's state of a <see cref="JoinKeyFilter"/>: the build side's key table once the join has published it,
/// and how well the filter is doing. A filter that keeps most rows costs a hash probe per row and saves little, so
/// after <see cref="TrialRows"/> rows it stops filtering when it kept more than <see cref="UsefulKeptRatio"/> of them.
/// </summary>
public sealed class JoinKeySlot
{
    public const long TrialRows = 128 * 1024;

    public const double UsefulKeptRatio = 0.75;

    private volatile JoinHashTable? _table;
    private long _seen;
    private long _kept;
    private volatile bool _abandoned;

    /// <summary>The key table, or null before the build side is complete or after the filter proved useless.</summary>
    public JoinHashTable? Table => _abandoned ? null : _table;

    public void Publish(JoinHashTable table) => _table = table;

    /// <summary>Records that <paramref name="kept"/> of <paramref name="rows"/> probe rows had a matching key.</summary>
    public void Record(int rows, int kept)
    {
        var seen = Interlocked.Add(ref _seen, rows);
        var total = Interlocked.Add(ref _kept, kept);
        if (seen >= TrialRows && total > UsefulKeptRatio * seen)
        {
            _abandoned = true;
        }
    }
}
