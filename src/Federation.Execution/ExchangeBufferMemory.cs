namespace Federation.Execution;

/// <summary>
/// The memory of the batches an exchange (a repartition's or a merge's channels) holds between its producers and its
/// readers. When the query's memory is short, a producer waits for the readers to drain what is already buffered
/// instead of failing the query: the buffers are transient, and the operators above that can spill free memory as
/// they run. Only when nothing is buffered (waiting would never end) does a batch that does not fit fail with the
/// memory limit's error.
/// </summary>
public sealed class ExchangeBufferMemory : IDisposable
{
    private readonly MemoryReservation _reservation;
    private readonly Lock _gate = new();
    private TaskCompletionSource _drained = NewSignal();

    public ExchangeBufferMemory(MemoryPool pool, string consumer)
    {
        _reservation = pool.Reserve(consumer);
    }

    /// <summary>The bytes buffered now.</summary>
    public long Size => _reservation.Size;

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Takes <paramref name="bytes"/> for a batch about to be written, waiting for readers while memory is short.</summary>
    public async ValueTask AddAsync(long bytes, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task drained;
            lock (_gate)
            {
                if (_reservation.TryAdd(bytes))
                {
                    return;
                }

                if (_reservation.Size == 0)
                {
                    // Nothing buffered will be read to make room: the batch needs memory the query does not have.
                    _reservation.Add(bytes);
                    return;
                }

                drained = _drained.Task;
            }

            await drained.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Returns the bytes of a batch a reader took, waking producers that wait for room.</summary>
    public void Remove(long bytes)
    {
        TaskCompletionSource drained;
        lock (_gate)
        {
            _reservation.Add(-bytes);
            drained = _drained;
            _drained = NewSignal();
        }

        drained.TrySetResult();
    }

    public void Dispose() => _reservation.Dispose();
}
