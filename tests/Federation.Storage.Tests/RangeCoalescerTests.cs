namespace Federation.Storage.Tests;

public sealed class RangeCoalescerTests
{
    private static readonly ObjectReadOptions Options = ObjectReadOptions.Default;

    [Fact]
    public void Neighbouring_ranges_with_a_small_gap_are_one_request()
    {
        var requests = RangeCoalescer.Coalesce([(1_000, 100_000), (101_500, 50_000), (0, 0)], Options);

        Assert.Equal([(1_000L, 150_500L)], requests);
    }

    [Fact]
    public void A_gap_wider_than_the_ranges_it_joins_is_not_read_through()
    {
        // Two 70 KB column chunks with a 600 KB chunk between them: reading it would triple the bytes.
        var requests = RangeCoalescer.Coalesce([(0, 70_000), (670_000, 70_000)], Options);

        Assert.Equal([(0L, 70_000L), (670_000L, 70_000L)], requests);
    }

    [Fact]
    public void Gaps_of_a_mebibyte_or_more_are_never_read_through()
    {
        var requests = RangeCoalescer.Coalesce([(0, 4_000_000), (5_100_000, 3_000_000)], Options);

        Assert.Equal(2, requests.Count);
    }

    [Fact]
    public void Long_ranges_are_split_into_requests_of_at_most_eight_mebibytes()
    {
        var requests = RangeCoalescer.Coalesce([(10, 20L * 1024 * 1024)], Options);

        Assert.Equal([(10L, 8L * 1024 * 1024), (10 + (8L * 1024 * 1024), 8L * 1024 * 1024), (10 + (16L * 1024 * 1024), 4L * 1024 * 1024)], requests);
    }

    [Fact]
    public void Overlapping_and_unsorted_ranges_are_read_once()
    {
        var requests = RangeCoalescer.Coalesce([(500, 500), (0, 600), (900, 100)], Options);

        Assert.Equal([(0L, 1_000L)], requests);
    }
}
