using Apache.Arrow;
using Federation.Common.Types;
using Federation.Physical.Hashing;

namespace Federation.Physical.Tests;

/// <summary>
/// A group index given the planner's estimate grows once straight to it instead of doubling, and gives every row the
/// same group id as one without, whether the estimate was too small or too large.
/// </summary>
public sealed class GroupIndexSizingTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(3000)]
    [InlineData(1_000_000)]
    public void A_long_key_index_gives_dense_first_seen_ids_whatever_it_was_sized_for(int initialGroups)
    {
        // 6,000 rows over 3,000 keys: keys 0, 7, 14, ... each twice, the second time 3,000 rows later; then one NULL.
        var keys = new Int64Array.Builder();
        for (var i = 0; i < 6000; i++)
        {
            keys.Append(i % 3000 * 7L);
        }

        keys.AppendNull();
        var column = keys.Build();
        var index = GroupIndex.Create([SqlType.Int64], initialGroups);
        var ids = new int[column.Length];
        var newRows = new List<int>();
        index.Intern([column], column.Length, ids, newRows);

        Assert.Equal(3001, index.GroupCount);
        for (var i = 0; i < 6000; i++)
        {
            Assert.Equal(i % 3000, ids[i]);
        }

        Assert.Equal(3000, ids[6000]);
        Assert.Equal([.. Enumerable.Range(0, 3000), 6000], newRows);
    }

    [Fact]
    public void An_index_with_an_estimate_starts_small_and_grows_once_straight_to_the_estimate()
    {
        var estimated = GroupIndex.Create([SqlType.Int64], 100_000);
        var plain = GroupIndex.Create([SqlType.Int64]);
        Assert.Equal(1024 * 12L, estimated.SizeInBytes);

        // 600 keys pass half of 1,024 slots: the estimated index grows to 262,144 slots (100,000 groups at most half
        // full) of 12 bytes, the other doubles.
        var keys = new Int64Array.Builder();
        for (var i = 0; i < 600; i++)
        {
            keys.Append(i);
        }

        var column = keys.Build();
        estimated.Intern([column], 600, new int[600], []);
        plain.Intern([column], 600, new int[600], []);
        Assert.Equal(262_144 * 12L, estimated.SizeInBytes);
        Assert.Equal(2048 * 12L, plain.SizeInBytes);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5000)]
    public void A_packed_key_index_gives_the_same_ids_whatever_it_was_sized_for(int initialGroups)
    {
        // Two int columns: 2,500 distinct pairs, each seen twice.
        var a = new Int32Array.Builder();
        var b = new Int32Array.Builder();
        for (var i = 0; i < 5000; i++)
        {
            a.Append(i % 2500 / 50);
            b.Append(i % 50);
        }

        var index = GroupIndex.Create([SqlType.Int32, SqlType.Int32], initialGroups);
        Assert.IsType<PackedGroupIndex>(index);
        var ids = new int[5000];
        index.Intern([a.Build(), b.Build()], 5000, ids, []);

        Assert.Equal(2500, index.GroupCount);
        for (var i = 0; i < 5000; i++)
        {
            Assert.Equal(i % 2500, ids[i]);
        }
    }
}
