using Federation.Common;
using Federation.Execution;

namespace Federation.Physical.Tests;

/// <summary>A query's memory budget, and the process's pool that every query's budget also draws from.</summary>
public sealed class MemoryPoolTests
{
    [Fact]
    public void A_query_over_its_own_limit_fails_naming_the_limit_and_the_consumer()
    {
        var query = new MemoryPool(1 << 20);
        using var table = query.Reserve("HashJoinExec build side");
        table.Resize(600 << 10);
        var error = Assert.Throws<FederationException>(() => table.Resize(1100 << 10));
        Assert.Equal(ErrorCode.MemoryLimitExceeded, error.Code);
        Assert.Equal(
            "query exceeded its memory limit of 1 MiB (HashJoinExec build side needed 500 KiB more with 600 KiB in use); raise memory_limit or make the query read less",
            error.Message);
        Assert.Equal(600 << 10, query.ReservedBytes);
    }

    [Fact]
    public void Queries_within_their_own_limits_cannot_together_take_more_than_the_process_gives_them()
    {
        var process = new MemoryPool(10 << 20);
        var first = new MemoryPool(8 << 20, process);
        var second = new MemoryPool(8 << 20, process);
        using var a = first.Reserve("SortExec");
        using var b = second.Reserve("HashAggregateExec");
        a.Resize(6 << 20);
        var error = Assert.Throws<FederationException>(() => b.Resize(6 << 20));
        Assert.Equal(ErrorCode.MemoryLimitExceeded, error.Code);
        Assert.StartsWith("the server's memory for queries (10 MiB) is taken by the queries running now (HashAggregateExec needed 6 MiB more with 6 MiB in use by all queries)",
            error.Message, StringComparison.Ordinal);

        // The refused growth is in neither pool.
        Assert.Equal(0, second.ReservedBytes);
        Assert.Equal(6 << 20, process.ReservedBytes);
        b.Resize(4 << 20);
        Assert.Equal(10 << 20, process.ReservedBytes);
    }

    [Fact]
    public void Closing_a_query_returns_what_it_still_holds_to_the_process_once()
    {
        var process = new MemoryPool(100 << 20);
        var query = new MemoryPool(50 << 20, process);
        var build = query.Reserve("HashJoinExec build side"); // held until the query ends, never disposed by its operator
        build.Resize(20 << 20);
        using var sort = query.Reserve("SortExec");
        sort.Resize(5 << 20);
        Assert.Equal(25 << 20, process.ReservedBytes);

        query.Close();
        Assert.Equal(0, process.ReservedBytes);

        // Operators still stopping after the end touch only the query's own count.
        sort.Resize(7 << 20);
        sort.Dispose();
        query.Close();
        Assert.Equal(0, process.ReservedBytes);
        Assert.Equal(20 << 20, query.ReservedBytes);
    }

    [Fact]
    public async Task A_reservation_filled_and_drained_by_different_threads_ends_at_zero()
    {
        var process = new MemoryPool(1L << 40);
        var query = new MemoryPool(1L << 40, process);
        using var buffered = query.Reserve("exchange");
        var writers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 100_000; i++)
            {
                buffered.Add(1000);
                buffered.Add(-1000);
            }
        })).ToArray();
        await Task.WhenAll(writers);
        Assert.Equal(0, buffered.Size);
        Assert.Equal(0, query.ReservedBytes);
        Assert.Equal(0, process.ReservedBytes);
    }
}
