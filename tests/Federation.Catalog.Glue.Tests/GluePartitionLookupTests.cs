using System.Globalization;
using Federation.Catalog.Glue;
using Federation.Catalog.Metastore;
using Federation.Testing;

namespace Federation.Catalog.Glue.Tests;

/// <summary>
/// When Glue refuses an Expression, the partitions fetched are the survivors of the engine's name pruning, through
/// BatchGetPartition in Glue's batches of 1000 (UnprocessedKeys asked again), with or without the metadata cache;
/// the test server counts what it sent.
/// </summary>
public sealed class GluePartitionLookupTests
{
    private static readonly PartitionPredicate Bounded = new PartitionAnd([
        new PartitionComparison("day", PartitionOperator.GreaterOrEqual, "100", true), new PartitionComparison("day", PartitionOperator.LessOrEqual, "1599", true)]);

    /// <summary>The engine's pruning as a query would give it: keeps days in [from, to].</summary>
    private static Func<PartitionValueList, bool[]> Keep(int from, int to) =>
        values => values.Select(v => int.Parse(v[0]!, CultureInfo.InvariantCulture) is var day && day >= from && day <= to).ToArray();

    [Theory]
    [InlineData(60)]
    [InlineData(0)]
    public async Task A_refused_expression_fetches_only_survivors_in_batches_of_1000(int ttlSeconds)
    {
        await using var server = GlueTestCatalog.Server(2500);
        server.RefuseExpressions = true;
        using var metastore = new CachingMetastore(new GlueMetastore(GlueTestCatalog.Options(server.Endpoint)), TimeSpan.FromSeconds(ttlSeconds), new ManualClock());
        server.LeaveUnprocessedNext(10);

        var cold = await metastore.ListPartitionsAsync("lake", "t", new PartitionFilter(Bounded, Keep(100, 1599)), default);
        Assert.Equal(1500, cold.Count);
        Assert.Equal(Enumerable.Range(100, 1500).ToArray(), cold.Select(p => int.Parse(p.Values[0]!, CultureInfo.InvariantCulture)).Order().ToArray());
        Assert.Equal("s3://lake/t/day=100/", cold.Single(p => p.Values[0] == "100").Location);
        // The refused Expression, three pages of 1000 names, then 1000 survivors (10 left unprocessed and asked again) and 500.
        Assert.Equal(["GetPartitions", "GetPartitions", "GetPartitions", "GetPartitions", "BatchGetPartition", "BatchGetPartition", "BatchGetPartition"], server.Operations.ToArray());
        Assert.Equal([1000, 10, 500], server.BatchGetSizes.ToArray());
        Assert.Equal(["day >= 100 AND day <= 1599"], server.Expressions.ToArray());

        // Glue has no names-only listing: the name listing sends every partition (without column schemas), then only survivors come again.
        Assert.Equal(2500 + 1500, server.PartitionsSent);
        server.ClearRecords();
        server.BatchGetSizes.Clear();

        var warm = await metastore.ListPartitionsAsync("lake", "t", new PartitionFilter(Bounded, Keep(1500, 1599)), default);
        Assert.Equal(100, warm.Count);
        if (ttlSeconds > 0)
        {
            Assert.Empty(server.Operations);
        }
        else
        {
            Assert.Equal(["GetPartitions", "GetPartitions", "GetPartitions", "GetPartitions", "BatchGetPartition"], server.Operations.ToArray());
            Assert.Equal([100], server.BatchGetSizes.ToArray());
        }
    }

    [Fact]
    public async Task An_accepted_expression_is_one_filtered_listing()
    {
        await using var server = GlueTestCatalog.Server(300);
        using var metastore = new CachingMetastore(new GlueMetastore(GlueTestCatalog.Options(server.Endpoint)), TimeSpan.FromMinutes(1), new ManualClock());
        var filter = new PartitionFilter(new PartitionInList("day", ["7", "8"], true), _ => throw new InvalidOperationException("no name pruning when Glue filters"));

        var partitions = await metastore.ListPartitionsAsync("lake", "t", filter, default);
        Assert.Equal(["7", "8"], partitions.Select(p => p.Values[0]!).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(["GetPartitions"], server.Operations.ToArray());
        Assert.Equal(2, server.PartitionsSent);
    }
}
