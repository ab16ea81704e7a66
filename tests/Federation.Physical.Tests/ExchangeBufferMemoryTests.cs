using Federation.Common;
using Federation.Execution;

namespace Federation.Physical.Tests;

/// <summary>
/// The batches an exchange holds between its producers and its readers: short of memory, a producer waits for the
/// readers instead of failing the query (tests/sql/errors/memory_limit.slt failed under load before: a repartition's
/// buffers needed memory a spilling aggregate above it was about to free).
/// </summary>
public sealed class ExchangeBufferMemoryTests
{
    [Fact]
    public async Task A_producer_short_of_memory_waits_for_a_reader_to_drain_and_then_takes_its_bytes()
    {
        var query = new MemoryPool(1 << 20);
        using var others = query.Reserve("HashAggregateExec");
        others.Resize(600 << 10);
        using var buffer = new ExchangeBufferMemory(query, "batches waiting in RepartitionExec");

        await buffer.AddAsync(300 << 10, CancellationToken.None);
        var waiting = buffer.AddAsync(300 << 10, CancellationToken.None).AsTask();
        Assert.False(waiting.IsCompleted);
        Assert.Equal(900 << 10, query.ReservedBytes);

        buffer.Remove(300 << 10);
        await waiting;
        Assert.Equal(300 << 10, buffer.Size);
        Assert.Equal(900 << 10, query.ReservedBytes);
    }

    [Fact]
    public async Task With_nothing_buffered_a_batch_that_does_not_fit_fails_with_the_limits_error()
    {
        var query = new MemoryPool(1 << 20);
        using var others = query.Reserve("SortExec");
        others.Resize(900 << 10);
        using var buffer = new ExchangeBufferMemory(query, "batches waiting in RepartitionExec");

        var error = await Assert.ThrowsAsync<FederationException>(() => buffer.AddAsync(200 << 10, CancellationToken.None).AsTask());
        Assert.Equal(ErrorCode.MemoryLimitExceeded, error.Code);
        Assert.Contains("batches waiting in RepartitionExec needed 200 KiB more with 900 KiB in use", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, buffer.Size);
    }

    [Fact]
    public async Task A_waiting_producer_stops_when_the_query_is_cancelled()
    {
        var query = new MemoryPool(1 << 20);
        using var buffer = new ExchangeBufferMemory(query, "batches waiting in the merge of ParquetScanExec");
        await buffer.AddAsync(800 << 10, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = buffer.AddAsync(800 << 10, cancel.Token).AsTask();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(800 << 10, buffer.Size);
    }
}
