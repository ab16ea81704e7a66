using System.Globalization;
using Federation.Common;

namespace Federation.Execution;

/// <summary>
/// A memory budget: one query's, or the whole process's that every query's draws from. Operators that hold data
/// (hash tables, sort buffers, join build sides, materialized CTEs, fragment output waiting to be merged) reserve bytes
/// before they grow; going over a query's limit, or over what the process may give all queries together, fails the
/// query with a clear error instead of letting the process run out of memory. Streaming operators do not reserve.
/// </summary>
public sealed class MemoryPool
{
    private readonly MemoryPool? _parent;
    private readonly Lock _gate = new();
    private long _reserved;
    private long _peak;
    private bool _closed;

    /// <param name="parent">The process's pool, which this query's reservations are also taken from; null for none.</param>
    public MemoryPool(long limitBytes, MemoryPool? parent = null)
    {
        LimitBytes = limitBytes;
        _parent = parent;
    }

    public long LimitBytes { get; }

    public long ReservedBytes => Interlocked.Read(ref _reserved);

    public long PeakBytes => Interlocked.Read(ref _peak);

    public MemoryReservation Reserve(string consumer) => new(this, consumer);

    internal void Grow(long bytes, string consumer)
    {
        if (_parent is null)
        {
            GrowLocal(bytes, consumer);
            return;
        }

        lock (_gate)
        {
            GrowLocal(bytes, consumer);
            if (_closed)
            {
                // The query has ended: what its operators still do while they stop is no longer the process's.
                return;
            }

            try
            {
                _parent.GrowShared(bytes, consumer);
            }
            catch
            {
                Interlocked.Add(ref _reserved, -bytes);
                throw;
            }
        }
    }

    internal void Shrink(long bytes)
    {
        if (_parent is null)
        {
            Interlocked.Add(ref _reserved, -bytes);
            return;
        }

        lock (_gate)
        {
            Interlocked.Add(ref _reserved, -bytes);
            if (!_closed)
            {
                _parent.Shrink(bytes);
            }
        }
    }

    /// <summary>
    /// Ends the query's claim on its parent: whatever it still holds (a join's build side is held until the query ends)
    /// goes back to the process's pool at once.
    /// </summary>
    public void Close()
    {
        if (_parent is null)
        {
            return;
        }

        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            var held = Interlocked.Read(ref _reserved);
            if (held > 0)
            {
                _parent.Shrink(held);
            }
        }
    }

    private void GrowLocal(long bytes, string consumer)
    {
        var total = Interlocked.Add(ref _reserved, bytes);
        if (total > LimitBytes)
        {
            Interlocked.Add(ref _reserved, -bytes);
            throw new FederationException(ErrorCode.MemoryLimitExceeded,
                string.Create(CultureInfo.InvariantCulture,
                    $"query exceeded its memory limit of {Format(LimitBytes)} ({consumer} needed {Format(bytes)} more with {Format(total - bytes)} in use); raise memory_limit or make the query read less"));
        }

        RaisePeak(total);
    }

    /// <summary>A query's growth, taken from the process's pool that all running queries share.</summary>
    private void GrowShared(long bytes, string consumer)
    {
        var total = Interlocked.Add(ref _reserved, bytes);
        if (total > LimitBytes)
        {
            Interlocked.Add(ref _reserved, -bytes);
            throw new FederationException(ErrorCode.MemoryLimitExceeded,
                string.Create(CultureInfo.InvariantCulture,
                    $"the server's memory for queries ({Format(LimitBytes)}) is taken by the queries running now ({consumer} needed {Format(bytes)} more with {Format(total - bytes)} in use by all queries); run the query again later, or raise the server's total memory limit"));
        }

        RaisePeak(total);
    }

    private void RaisePeak(long total)
    {
        long peak;
        while (total > (peak = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, total, peak) != peak)
        {
        }
    }

    public static string Format(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.#} GiB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.#} MiB"),
        >= 1L << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 10):0.#} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
    };
}
