using Federation.Physical.Hashing;

namespace Federation.Physical.Pruning;

/// <summary>
/// One execution's state of a <see cref="JoinKeyFilter"/>: the build side's key table once the join has published it,
/// and how well the filter is doing. A filter that keeps most rows costs a hash probe per row and saves little, so
/// after <see cref="TrialRows"/> rows it stops filtering when it kept more than <see cref="UsefulKeptRatio"/> of them.
/// A scan that sends its work to other machines cannot use the table; it asks for the keys' <see cref="Summary"/>,
/// which the join publishes as a recipe and which is computed only then, once.
/// </summary>
public sealed class JoinKeySlot
{
    public const long TrialRows = 128 * 1024;

    public const double UsefulKeptRatio = 0.75;

    private volatile JoinHashTable? _table;
    private volatile Lazy<JoinKeySummary>? _summary;
    private long _seen;
    private long _kept;
    private volatile bool _abandoned;

    /// <summary>The key table, or null before the build side is complete or after the filter proved useless.</summary>
    public JoinHashTable? Table => _abandoned ? null : _table;

    /// <summary>
    /// The build keys' range and small set, or null before the build side is complete or when the join published
    /// none. Unlike <see cref="Table"/> it stays available after the filter proved useless here: a worker that skips
    /// row groups by it gains more than a hash probe per row costs.
    /// </summary>
    public JoinKeySummary? Summary => _table is null ? null : _summary?.Value;

    /// <summary>
    /// Hands the complete build side's table to the scans, and how to summarize its keys (run at most once, on the
    /// first scan that asks; thread-safe).
    /// </summary>
    public void Publish(JoinHashTable table, Func<JoinKeySummary>? summarize = null)
    {
        // The summary first: a reader that sees the table sees the summary too.
        _summary = summarize is null ? null : new Lazy<JoinKeySummary>(summarize, LazyThreadSafetyMode.ExecutionAndPublication);
        _table = table;
    }

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
