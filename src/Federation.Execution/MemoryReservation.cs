namespace Federation.Execution;

/// <summary>One consumer's share of a <see cref="MemoryPool"/>; disposing it returns the bytes.</summary>
public sealed class MemoryReservation : IDisposable
{
    private readonly MemoryPool _pool;
    private readonly string _consumer;
    private long _size;
    private bool _spillable;

    internal MemoryReservation(MemoryPool pool, string consumer, bool spillable)
    {
        _pool = pool;
        _consumer = consumer;
        _spillable = spillable;
    }

    public long Size => Interlocked.Read(ref _size);

    /// <summary>Sets the reservation to <paramref name="bytes"/>, growing (and possibly failing) or shrinking.</summary>
    public void Resize(long bytes)
    {
        if (bytes > _size)
        {
            _pool.Grow(bytes - _size, _consumer);
        }
        else if (bytes < _size)
        {
            _pool.Shrink(_size - bytes);
        }

        _size = bytes;
    }

    public void Grow(long bytes) => Resize(_size + bytes);

    /// <summary>
    /// As <see cref="Resize"/>, but answers false instead of throwing when the pool cannot give the bytes (the size then
    /// stays as it was): an operator that can spill asks this, and spills when the answer is no. It is answered no a
    /// little before the limit (<see cref="MemoryPool.SpillHeadroom"/>), so the buffers between operators, which
    /// cannot spill, keep room.
    /// </summary>
    public bool TryResize(long bytes)
    {
        if (bytes > _size)
        {
            if (_spillable && bytes > _pool.SpillableShare && _pool.UnderPressure(bytes - _size))
            {
                return false;
            }

            if (!_pool.TryGrow(bytes - _size, _consumer, _pool.SpillHeadroom, out _))
            {
                return false;
            }
        }
        else if (bytes < _size)
        {
            _pool.Shrink(_size - bytes);
        }

        _size = bytes;
        return true;
    }

    /// <summary>
    /// Adds <paramref name="bytes"/> (negative to return them), safe to call from several threads at once: for buffers
    /// one task fills and another drains, such as an exchange's channels.
    /// </summary>
    public void Add(long bytes)
    {
        if (bytes > 0)
        {
            _pool.Grow(bytes, _consumer);
        }
        else if (bytes < 0)
        {
            _pool.Shrink(-bytes);
        }

        Interlocked.Add(ref _size, bytes);
    }

    /// <summary>
    /// As <see cref="Add"/> for a positive <paramref name="bytes"/>, but answers false instead of throwing when the pool
    /// cannot give them (the size then stays as it was): for buffers that can wait for their readers instead.
    /// </summary>
    public bool TryAdd(long bytes)
    {
        if (!_pool.TryGrow(bytes, _consumer, 0, out _))
        {
            return false;
        }

        Interlocked.Add(ref _size, bytes);
        return true;
    }

    public void Dispose()
    {
        if (_spillable)
        {
            _spillable = false;
            _pool.EndSpillable();
        }

        var size = Interlocked.Exchange(ref _size, 0);
        if (size != 0)
        {
            _pool.Shrink(size);
        }
    }
}
