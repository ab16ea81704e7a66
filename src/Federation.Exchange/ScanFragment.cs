using Federation.Common.Types;
using Federation.Logical.Expressions;
using Federation.Logical.Plans;
using Federation.Logical.Tables;
using Federation.Physical.Tables;

namespace Federation.Exchange;

/// <summary>
/// One unit of scan work that a stateless worker runs alone: which objects (and which of their row groups) to read,
/// in what format, as which table, and what to do before anything is sent back: keep the rows every filter holds TRUE
/// for, return the <see cref="Output"/> columns, stop after <see cref="Limit"/> rows — or, with an
/// <see cref="Aggregate"/>, return that partial aggregate's groups and states instead of the rows. It carries everything a worker
/// needs, so any worker can run any fragment and a failed one can run again elsewhere.
/// </summary>
/// <param name="Id">Names the fragment in logs and errors (query and fragment number).</param>
/// <param name="Table">The table as the query named it, for messages.</param>
/// <param name="Format">The file format's name, as <c>IFileFormat.Name</c> says it ("parquet").</param>
/// <param name="FormatProperties">The format's properties (SerDe properties and the like).</param>
/// <param name="TableColumns">
/// The table's columns: <paramref name="DataColumns"/> data columns read from the files by name, then the partition
/// columns and the pseudocolumns ("$path", "$size") whose values each object carries.
/// </param>
/// <param name="DataColumns">How many of <paramref name="TableColumns"/> are in the files.</param>
/// <param name="Objects">The objects to read, each with its partition values and its part.</param>
/// <param name="Columns">What the scan reads: the output columns and whatever the filters need besides.</param>
/// <param name="Output">Positions in <paramref name="Columns"/> returned, in order.</param>
/// <param name="Filters">Conjuncts over <paramref name="Columns"/> (by plan column id); only <see cref="ShippableFilters"/> kinds.</param>
/// <param name="Limit">At most this many rows are returned, after the filters.</param>
/// <param name="StatementTimestampMicros">The statement's clock, which CURRENT_DATE and the like in a filter read.</param>
/// <param name="Aggregate">
/// The partial aggregate computed over the filtered rows; its filters are the fragment's <paramref name="Filters"/>.
/// With one, <paramref name="Output"/> is empty and there is no <paramref name="Limit"/>: the fragment returns the
/// group columns and each aggregate's state columns.
/// </param>
public sealed record ScanFragment(
    string Id,
    string Table,
    string Format,
    IReadOnlyDictionary<string, string> FormatProperties,
    IReadOnlyList<TableColumn> TableColumns,
    int DataColumns,
    IReadOnlyList<FragmentObject> Objects,
    IReadOnlyList<ScanColumn> Columns,
    IReadOnlyList<int> Output,
    IReadOnlyList<Expr> Filters,
    long? Limit,
    long StatementTimestampMicros,
    PartialAggregation? Aggregate = null)
{
    /// <summary>
    /// The newest version of the fragment's meaning this build writes and reads; others are refused. Version 2 added
    /// the partial aggregate: a fragment without one is still written as version 1, so workers of the previous build
    /// keep running those during a rolling upgrade, and refuse (rather than misread) those with one.
    /// </summary>
    public const uint CurrentVersion = 3;

    /// <summary>
    /// Whether the reader checks the CRCs pages carry (the session's parquet_verify_checksums), as it would on the
    /// coordinator. No version change: a worker of the previous build ignores the field and checks, which only refuses
    /// more.
    /// </summary>
    public bool VerifyPageChecksums { get; init; } = true;

    /// <summary>
    /// The session time zone (SET timezone), which timestamptz casts and functions in the filters and the partial
    /// aggregate read wall clocks in. A zone other than UTC needs version 3, so that a worker of an older build, which
    /// would evaluate in UTC, refuses the fragment instead of answering wrong.
    /// </summary>
    public SessionTimeZone TimeZone { get; init; } = SessionTimeZone.Utc;

    /// <summary>
    /// Bad rows the fragment's scan may skip (the session's spectrum_query_maxerror; -1 for any number). No version
    /// change: a worker of the previous build ignores it and fails on the first bad row, which only refuses more.
    /// The coordinator counts the rows skipped over every fragment against the same limit.
    /// </summary>
    public int SpectrumQueryMaxError { get; init; }

    /// <summary>The version this fragment is written as: the oldest that can express it.</summary>
    public uint Version => !ReferenceEquals(TimeZone, SessionTimeZone.Utc) ? 3u : Aggregate is null ? 1u : 2u;
}
