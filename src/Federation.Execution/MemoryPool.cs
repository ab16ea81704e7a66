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

    /// <summary>Operators that can spill do so when they would take more than all but this share (1/4) of the limit.</summary>
    public const int SpillHeadroomDivisor = 4;

    /// <summary>What operators that can spill leave free of the limit for those that cannot.</summary>
    public long SpillHeadroom => LimitBytes / SpillHeadroomDivisor;

    public long ReservedBytes => Interlocked.Read(ref _reserved);

    public long PeakBytes => Interlocked.Read(ref _peak);

    public MemoryReservation Reserve(string consumer) => new(this, consumer, spillable: false);

    /// <summary>
    /// A reservation of an operator that can spill: it grows with <see cref="MemoryReservation.TryResize"/>, and while
    /// several such reservations are open each gets an equal share of the limit (less the headroom), so that one that
    /// grew first cannot starve the others into spilling everything.
    /// </summary>
    public MemoryReservation ReserveSpillable(string consumer)
    {
        Interlocked.Increment(ref _spillables);
        return new MemoryReservation(this, consumer, spillable: true);
    }

    private int _spillables;

    /// <summary>How many reservations of operators that can spill are open.</summary>
    public int SpillableCount => Volatile.Read(ref _spillables);

    internal void EndSpillable() => Interlocked.Decrement(ref _spillables);

    /// <summary>
    /// What one reservation of an operator that can spill may hold once memory is short (<see cref="UnderPressure"/>):
    /// its share of the limit less the headroom.
    /// </summary>
    public long SpillableShare => (LimitBytes - SpillHeadroom) / Math.Max(1, SpillableCount);

    /// <summary>
    /// Whether growing by <paramref name="bytes"/> would take this pool past half of what operators that can spill may
    /// use: only then are they held to their shares, so a query far from its limit never spills.
    /// </summary>
    public bool UnderPressure(long bytes) => ReservedBytes + bytes > (LimitBytes - SpillHeadroom) / 2;

    internal void Grow(long bytes, string consumer)
    {
        if (!TryGrow(bytes, consumer, 0, out var error))
        {
            throw error;
        }
    }

    /// <summary>
    /// Takes <paramref name="bytes"/> more if this pool and its parent have them; otherwise takes nothing and says why
    /// in <paramref name="error"/>, for an operator that can spill to disk instead of failing.
    /// </summary>
    /// <summary>
    /// Takes <paramref name="bytes"/> more if this pool and its parent have them, leaving <paramref name="headroom"/>
    /// bytes of the limit free; otherwise takes nothing and says why in <paramref name="error"/>. An operator that can
    /// spill asks with headroom, so that it spills while the buffers between operators, which cannot, still have room.
    /// </summary>
    internal bool TryGrow(long bytes, string consumer, long headroom, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out FederationException? error)
    {
        if (_parent is null)
        {
            return TryGrowLocal(bytes, consumer, headroom, out error);
        }

        lock (_gate)
        {
            if (!TryGrowLocal(bytes, consumer, headroom, out error))
            {
                return false;
            }

            if (_closed)
            {
                // The query has ended: what its operators still do while they stop is no longer the process's.
                return true;
            }

            if (!_parent.TryGrowShared(bytes, consumer, headroom == 0 ? 0 : _parent.LimitBytes / SpillHeadroomDivisor, out error))
            {
                Interlocked.Add(ref _reserved, -bytes);
                return false;
            }

            return true;
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

    private bool TryGrowLocal(long bytes, string consumer, long headroom, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out FederationException? error)
    {
        var total = Interlocked.Add(ref _reserved, bytes);
        if (total > LimitBytes - headroom)
        {
            Interlocked.Add(ref _reserved, -bytes);
            error = new FederationException(ErrorCode.MemoryLimitExceeded,
                string.Create(CultureInfo.InvariantCulture,
                    $"query exceeded its memory limit of {Format(LimitBytes)} ({consumer} needed {Format(bytes)} more with {Format(total - bytes)} in use); raise memory_limit or make the query read less"));
            return false;
        }

        RaisePeak(total);
        error = null;
        return true;
    }

    /// <summary>A query's growth, taken from the process's pool that all running queries share.</summary>
    private bool TryGrowShared(long bytes, string consumer, long headroom, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out FederationException? error)
    {
        var total = Interlocked.Add(ref _reserved, bytes);
        if (total > LimitBytes - headroom)
        {
            Interlocked.Add(ref _reserved, -bytes);
            error = new FederationException(ErrorCode.MemoryLimitExceeded,
                string.Create(CultureInfo.InvariantCulture,
                    $"the server's memory for queries ({Format(LimitBytes)}) is taken by the queries running now ({consumer} needed {Format(bytes)} more with {Format(total - bytes)} in use by all queries); run the query again later, or raise the server's total memory limit"));
            return false;
        }

        RaisePeak(total);
        error = null;
        return true;
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
