namespace Federation.Execution;

/// <summary>Per-session execution settings (SET memory_limit, SET target_partitions, ...).</summary>
public sealed record ExecutionOptions
{
    /// <summary>Rows per batch that operators aim for (DataFusion's target_batch_size).</summary>
    public int BatchSize { get; init; } = 8192;

    /// <summary>How many partitions scans and repartitions produce: the parallelism of one query.</summary>
    public int TargetPartitions { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Whether hash joins hand their build-side keys to the scans under their probe side (dynamic join filters: rows,
    /// partitions and, on workers, row groups whose keys cannot match are skipped). Off only to measure what they save.
    /// </summary>
    public bool EnableDynamicFilters { get; init; } = true;

    /// <summary>
    /// How long a statement may run, from when it arrives until its last row is read, before it is cancelled
    /// (PostgreSQL's and Redshift's statement_timeout); zero for no limit.
    /// </summary>
    public TimeSpan StatementTimeout { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// Whether sorts, hash aggregates and hash joins that would pass the memory limit write what they hold to the spill
    /// folder and go on (SET enable_spill); off, they fail at the limit.
    /// </summary>
    public bool EnableSpill { get; init; } = true;

    /// <summary>
    /// Whether file readers check the CRC32 a page's writer stored with it (Parquet's PageHeader.crc, where present)
    /// and fail the scan naming the object on a mismatch (SET parquet_verify_checksums). Off reads such pages as they are.
    /// </summary>
    public bool VerifyPageChecksums { get; init; } = true;

    /// <summary>
    /// The session time zone (SET timezone): timestamptz values are instants, read from text and shown, truncated and
    /// split into fields on this zone's wall clock. Fragments carry its name to the workers.
    /// </summary>
    public Common.Types.SessionTimeZone TimeZone { get; init; } = Common.Types.SessionTimeZone.Utc;

    /// <summary>
    /// How many rows with values that cannot be read a query may skip (recording each in SVL_SPECTRUM_SCAN_ERROR)
    /// before the next fails it, as Redshift's spectrum_query_maxerror: 0 (the default) fails on the first, -1 skips
    /// any number. Fragments carry it to the workers.
    /// </summary>
    public int SpectrumQueryMaxError { get; init; }

    /// <summary>The most memory one query may hold in operators.</summary>
    public long MemoryLimitBytes { get; init; } = DefaultMemoryLimit();

    private static long DefaultMemoryLimit()
    {
        // Half of what the process may use, so a runaway query fails before the machine does.
        var available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return available > 0 ? available / 2 : 4L << 30;
    }

    /// <summary>
    /// What all queries of a process may hold together by default: 70% of what the process may use, leaving the rest to
    /// the runtime, buffers in flight and the batches streaming between operators, which are not reserved.
    /// </summary>
    public static long DefaultTotalMemoryLimit()
    {
        var available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return available > 0 ? available / 10 * 7 : 6L << 30;
    }
}
