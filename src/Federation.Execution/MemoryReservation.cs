namespace Federation.Execution;

/// <summary>One consumer's share of a <see cref="MemoryPool"/>; disposing it returns the bytes.</summary>
public sealed class MemoryReservation : IDisposable
{
    private readonly MemoryPool _pool;
    private readonly string _consumer;
    private long _size;

    internal MemoryReservation(MemoryPool pool, string consumer)
    {
        _pool = pool;
        _consumer = consumer;
    }

    public long Size => _size;

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

    public void Dispose()
    {
        if (_size != 0)
        {
            _pool.Shrink(_size);
            _size = 0;
        }
    }
}
