using Apache.Arrow;
using Federation.Common.Types;
using Federation.Execution;
using Federation.Logical.Plans;
using Federation.Physical;
using Federation.Physical.Expressions;
using Federation.Physical.Hashing;
using Federation.Physical.Operators;

namespace Federation.Physical.Tests;

/// <summary>
/// Joins hand out a probe batch's pairs in bounded chunks, so a batch that pairs with millions of build rows (a cross
/// join, a skewed key) streams instead of holding every pair at once, and a cancelled query stops inside it.
/// </summary>
[Collection(nameof(AllocationMeasuringCollection))]
public sealed class JoinPairChunkingTests
{
    private static readonly PhysicalField Key = new("k", SqlType.Int64, false);

    [Fact]
    public void A_many_to_many_key_yields_its_pairs_in_chunks_of_at_most_the_limit_in_probe_then_build_order()
    {
        // 600 build rows with key 7 (rows 0, 2, 4, ...), 600 with key 8; probe rows 7, 9 (no match), 7, 8.
        var build = Int64s(Enumerable.Range(0, 1200).Select(i => i % 2 == 0 ? 7L : 8L));
        var probe = Int64s([7, 9, 7, 8]);
        var table = JoinHashTable.Build([build], [SqlType.Int64], build.Length, nullsEqual: false);
        var first = new int[probe.Length];
        table.FindFirst([probe], probe.Length, first);

        var expected = new List<(int, int)>();
        foreach (var (probeRow, key) in new[] { (0, 7), (2, 7), (3, 8) })
        {
            for (var b = key == 7 ? 0 : 1; b < 1200; b += 2)
            {
                expected.Add((probeRow, b));
            }
        }

        var cursor = JoinPairCursor.Start;
        var pairs = new List<(int, int)>();
        var probeRows = new List<int>();
        var buildRows = new List<int>();
        var chunks = 0;
        bool done;
        do
        {
            probeRows.Clear();
            buildRows.Clear();
            done = table.NextPairs(first, ref cursor, 250, probeRows, buildRows);
            chunks++;
            Assert.True(probeRows.Count <= 250);
            if (!done)
            {
                Assert.Equal(250, probeRows.Count);
            }

            for (var i = 0; i < probeRows.Count; i++)
            {
                pairs.Add((probeRows[i], buildRows[i]));
            }
        }
        while (!done);

        Assert.Equal(expected, pairs);
        Assert.Equal(1800 / 250 + 1, chunks);
    }

    [Fact]
    public async Task A_cross_join_streams_its_first_batch_before_making_the_rest_of_the_probe_batchs_pairs()
    {
        // One probe batch of 5,000 rows against 5,000 build rows: 25 million pairs, 200 MB as two int lists. The first
        // output batch must come after one chunk of pairs, not all of them.
        var join = new NestedLoopJoinExec(Scan(5000), Scan(5000), JoinType.Inner, buildLeft: false, condition: null, [Key, Key with { Name = "k2" }]);
        using var cancel = new CancellationTokenSource();
        var context = new TaskContext(new ExecutionOptions { BatchSize = 1024, TargetPartitions = 1 }, cancel.Token, 0);
        await using var output = join.ExecuteAsync(0, context).GetAsyncEnumerator();

        var before = GC.GetTotalAllocatedBytes(precise: true);
        Assert.True(await output.MoveNextAsync());
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Equal(1024, output.Current.Length);
        Assert.True(allocated < 32L << 20, $"the first batch took {allocated / (1 << 20)} MiB of allocation: the probe batch's pairs were made all at once");

        // Row 0 of the probe side with build rows 0..1023, in order.
        var left = (Int64Array)output.Current.Column(0);
        var right = (Int64Array)output.Current.Column(1);
        Assert.Equal(0L, left.GetValue(0));
        Assert.Equal(0L, left.GetValue(1023));
        Assert.Equal(1023L, right.GetValue(1023));

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            while (await output.MoveNextAsync())
            {
            }
        });
    }

    [Fact]
    public async Task A_skewed_hash_join_emits_every_pair_in_batches_of_the_batch_size()
    {
        // Every row has key 0 on both sides: 3,000 x 3,000 pairs from one probe batch.
        var zeros = new RecordBatch(PhysicalOperator.BuildSchema([Key]), [Int64s(new long[3000])], 3000);
        var side = new MemoryScanExec("zeros", [zeros], [0], [Key], 1);
        var key = new ColumnExpr(0, "k", SqlType.Int64);
        var join = new HashJoinExec(side, side, JoinType.Inner, buildLeft: false, [key], [key], [false], residual: null, nullAware: false,
            [Key, Key with { Name = "k2" }]);
        var context = new TaskContext(new ExecutionOptions { BatchSize = 4096, TargetPartitions = 1 }, CancellationToken.None, 0);

        long rows = 0;
        var batches = 0;
        await foreach (var batch in join.ExecuteAsync(0, context))
        {
            Assert.True(batch.Length <= 4096);
            rows += batch.Length;
            batches++;
        }

        Assert.Equal(9_000_000L, rows);
        Assert.Equal((9_000_000 + 4095) / 4096, batches);
    }

    /// <summary>A table of one batch whose key column holds 0, 1, ..., rows - 1.</summary>
    private static MemoryScanExec Scan(int rows)
    {
        var batch = new RecordBatch(PhysicalOperator.BuildSchema([Key]), [Int64s(Enumerable.Range(0, rows).Select(i => (long)i))], rows);
        return new MemoryScanExec("t", [batch], [0], [Key], 1);
    }

    private static Int64Array Int64s(IEnumerable<long> values)
    {
        var builder = new Int64Array.Builder();
        foreach (var value in values)
        {
            builder.Append(value);
        }

        return builder.Build();
    }
}

/// <summary>Tests that count the process's allocations run alone.</summary>
[CollectionDefinition(nameof(AllocationMeasuringCollection), DisableParallelization = true)]
public sealed class AllocationMeasuringCollection;
