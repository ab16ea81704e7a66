using Federation.Common.Types;

namespace Federation.Functions;

/// <summary>
/// What a kernel may need besides its arguments: the row count, the statement's clock and the session time zone
/// (null for UTC) that timestamptz kernels read wall clocks in.
/// </summary>
public readonly record struct KernelContext(int RowCount, long StatementTimestampMicros, SessionTimeZone? Zone = null)
{
    /// <summary>The session time zone.</summary>
    public SessionTimeZone TimeZone => Zone ?? SessionTimeZone.Utc;

    public KernelContext WithRowCount(int rowCount) => this with { RowCount = rowCount };
}
