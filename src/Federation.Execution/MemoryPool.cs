using System.Globalization;
using Federation.Common;

namespace Federation.Execution;

/// <summary>
/// The memory budget of one query. Operators that hold data (hash tables, sort buffers, join build sides)
/// reserve bytes before they grow; going over the limit fails the query with a clear error instead of letting
/// the process run out of memory. Streaming operators do not reserve.
/// </summary>
public sealed class MemoryPool
{
    private long _reserved;
    private long _peak;

    public MemoryPool(long limitBytes)
    {
        LimitBytes = limitBytes;
    }

    public long LimitBytes { get; }

    public long ReservedBytes => Interlocked.Read(ref _reserved);

    public long PeakBytes => Interlocked.Read(ref _peak);

    public MemoryReservation Reserve(string consumer) => new(this, consumer);

    internal void Grow(long bytes, string consumer)
    {
        var total = Interlocked.Add(ref _reserved, bytes);
        if (total > LimitBytes)
        {
            Interlocked.Add(ref _reserved, -bytes);
            throw new FederationException(ErrorCode.MemoryLimitExceeded,
                string.Create(CultureInfo.InvariantCulture,
                    $"query exceeded its memory limit of {Format(LimitBytes)} ({consumer} needed {Format(bytes)} more with {Format(total - bytes)} in use); raise memory_limit or make the query read less"));
        }

        long peak;
        while (total > (peak = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, total, peak) != peak)
        {
        }
    }

    internal void Shrink(long bytes) => Interlocked.Add(ref _reserved, -bytes);

    public static string Format(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.#} GiB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.#} MiB"),
        >= 1L << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 10):0.#} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
    };
}
