namespace Federation.Storage;

/// <summary>How file readers fetch an object: the sizes behind "few, large, parallel requests".</summary>
public sealed record ObjectReadOptions
{
    /// <summary>An object up to this size is read whole in one GET: cheaper than a footer read plus chunk reads.</summary>
    public long WholeObjectThreshold { get; init; } = 3 * 1024 * 1024;

    /// <summary>The tail read when opening a larger object; big enough for the usual Parquet or ORC footer.</summary>
    public int TailBytes { get; init; } = 64 * 1024;

    /// <summary>Ranges closer than this are fetched in one request (reading the gap costs less than a round trip).</summary>
    public long MaxGap { get; init; } = 1024 * 1024;

    /// <summary>No single request reads more than this; longer ranges are split into parallel requests.</summary>
    public long MaxRequestBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>Requests of one object in flight at once.</summary>
    public int MaxParallelRequests { get; init; } = 8;

    /// <summary>A read that misses the prefetched ranges fetches at least this much, so small reads do not each cost a request.</summary>
    public int MinMissRead { get; init; } = 64 * 1024;

    /// <summary>
    /// Parsed file footers kept across queries, up to about this many bytes of metadata (0 keeps none). A footer is
    /// used again only for an object whose listing shows the same size and ETag, so a rewritten object is read anew.
    /// </summary>
    public long FooterCacheBytes { get; init; } = 64L * 1024 * 1024;

    public static ObjectReadOptions Default { get; } = new();
}
