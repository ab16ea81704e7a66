using Federation.Common.Types;

namespace Federation.Physical.Pruning;

/// <summary>
/// What one of a hash join's build-side key columns holds, in the few values a scan on another machine can use: the
/// smallest and largest key, the distinct keys themselves when there are few, and whether a NULL key can match.
/// A worker cannot probe the join's hash table, but it can drop rows (and skip row groups by their statistics)
/// outside these, which are exact for an equality: a probe key outside [min, max] or not in the set matches nothing.
/// </summary>
/// <param name="Type">The build key's type (the join compares it with the probe key of the same type).</param>
/// <param name="Summarized">
/// False for types whose order a worker's comparison might not share (floating point with its NaN and -0, CHAR with
/// its padding, booleans, binary, intervals): such a column gets no shipped filter at all.
/// </param>
/// <param name="Min">The smallest non-null key, in the order the comparison kernels use (UTF-8 bytes for strings); null when every key is NULL or there are no rows.</param>
/// <param name="Max">The largest non-null key; null exactly when <paramref name="Min"/> is.</param>
/// <param name="Values">The distinct non-null keys in ascending order, or null when there are more than <see cref="JoinKeySummary.MaxDistinctValues"/>.</param>
/// <param name="HasNull">Some build row has a NULL in this key.</param>
/// <param name="NullsMatch">The join's table matches a NULL probe key with a NULL build key (IS NOT DISTINCT FROM).</param>
public sealed record JoinKeyColumnSummary(
    SqlType Type,
    bool Summarized,
    ScalarValue? Min,
    ScalarValue? Max,
    IReadOnlyList<ScalarValue>? Values,
    bool HasNull,
    bool NullsMatch)
{
    /// <summary>A NULL probe key can find a match, so a shipped filter must keep NULLs.</summary>
    public bool NullMatches => NullsMatch && HasNull;
}
