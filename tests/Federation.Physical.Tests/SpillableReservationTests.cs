using Federation.Execution;

namespace Federation.Physical.Tests;

/// <summary>
/// Reservations of operators that can spill answer no instead of throwing, a quarter of the limit before it, and share
/// what they may take equally while several are open.
/// </summary>
public sealed class SpillableReservationTests
{
    [Fact]
    public void A_spillable_reservation_is_refused_with_a_quarter_of_the_limit_left_and_keeps_its_size()
    {
        var query = new MemoryPool(4 << 20);
        using var sort = query.ReserveSpillable("SortExec");
        Assert.True(sort.TryResize(3 << 20));
        Assert.False(sort.TryResize((3 << 20) + 1));
        Assert.Equal(3 << 20, sort.Size);
        Assert.Equal(3 << 20, query.ReservedBytes);

        // What cannot spill may still take the rest.
        using var buffers = query.Reserve("batches waiting in the merge");
        buffers.Resize(1 << 20);
        Assert.Equal(4 << 20, query.ReservedBytes);
        Assert.True(sort.TryResize(1 << 20));
        Assert.Equal(2 << 20, query.ReservedBytes);
    }

    [Fact]
    public void Open_spillable_reservations_share_the_limit_equally_once_memory_is_short()
    {
        var query = new MemoryPool(8 << 20);
        var join = query.ReserveSpillable("HashJoinExec build side");
        using var aggregate = query.ReserveSpillable("AggregateExec");
        using var sort = query.ReserveSpillable("SortExec");
        Assert.Equal(3, query.SpillableCount);

        // Far from the limit a reservation may pass its share (6 MiB / 3): nothing needs to spill yet.
        Assert.True(join.TryResize(2560 << 10));
        Assert.Equal(2560 << 10, join.Size);

        // Past half of the 6 MiB that may be used, each is held to its share.
        Assert.False(join.TryResize(3200 << 10));
        Assert.True(aggregate.TryResize(2 << 20));
        Assert.False(aggregate.TryResize((2 << 20) + 1));

        join.Dispose();
        Assert.Equal(2, query.SpillableCount);
        Assert.True(aggregate.TryResize(3 << 20));
        Assert.False(aggregate.TryResize((3 << 20) + 1));
    }

    [Fact]
    public void A_query_pool_refuses_a_spillable_growth_the_process_pool_cannot_give()
    {
        var process = new MemoryPool(8 << 20);
        var first = new MemoryPool(8 << 20, process);
        var second = new MemoryPool(8 << 20, process);
        using var held = first.Reserve("HashJoinExec build side");
        held.Resize(5 << 20);
        using var sort = second.ReserveSpillable("SortExec");
        Assert.True(sort.TryResize(1 << 20));
        Assert.False(sort.TryResize(2 << 20));
        Assert.Equal(1 << 20, second.ReservedBytes);
        Assert.Equal(6 << 20, process.ReservedBytes);
    }
}
