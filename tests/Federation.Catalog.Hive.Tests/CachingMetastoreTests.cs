using Federation.Catalog.External;
using Federation.Catalog.Hive.Api;
using Federation.Catalog.Metastore;
using Federation.Testing;

namespace Federation.Catalog.Hive.Tests;

/// <summary>
/// The metadata cache in front of a real (test) Hive metastore over a socket: the server's recorded calls show that
/// warm look-ups make none, that our own changes drop what they changed, that the TTL (on a clock moved by hand)
/// and a flush make the next look-up ask again.
/// </summary>
public sealed class CachingMetastoreTests
{
    private static readonly PartitionFilter DayFilter = new(new PartitionComparison("day", PartitionOperator.Equal, "2", true), _ => throw new InvalidOperationException("the cache must not pass the engine's pruning on"));

    private static TestHiveMetastoreServer Server()
    {
        var server = new TestHiveMetastoreServer();
        server.AddDatabase("lake");
        var sd = new HiveStorageDescriptor([new("a", "int")], "s3://lake/t/", "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
            "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
            new HiveSerDeInfo(null, "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe", new Dictionary<string, string>()), new Dictionary<string, string>());
        server.AddTable(new HiveTable("t", "lake", sd, [new("day", "int")], new Dictionary<string, string>()));
        for (var day = 1; day <= 3; day++)
        {
            server.AddPartition(new HivePartition([day.ToString(System.Globalization.CultureInfo.InvariantCulture)], "lake", "t", sd with { Location = $"s3://lake/t/day={day}/" },
                new Dictionary<string, string>()));
        }

        return server;
    }

    private static CachingMetastore Open(TestHiveMetastoreServer server, ManualClock clock, TimeSpan? ttl = null) =>
        (CachingMetastore)new HiveMetastoreFactory(new HiveMetastoreOptions("127.0.0.1") { MetadataCacheTtl = ttl ?? TimeSpan.FromMinutes(1), Clock = clock })
            .Open(new ExternalSchema("hive", "lake", new Dictionary<string, string> { ["URI"] = "127.0.0.1", ["PORT"] = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            {
                Catalog = ExternalSchemaCatalog.HiveMetastore,
            });

    [Fact]
    public async Task Warm_look_ups_make_no_metastore_call()
    {
        await using var server = Server();
        using var metastore = Open(server, new ManualClock());
        var cold = await metastore.GetTableAsync("lake", "t", default);
        var partitions = await metastore.ListPartitionsAsync("lake", "t", DayFilter, default);
        var names = await metastore.ListTableNamesAsync("lake", default);
        Assert.Equal(["2"], partitions.Select(p => p.Values[0]!).ToArray());
        Assert.Equal(["t"], names);
        var coldCalls = server.Methods;
        Assert.Contains("get_partitions_by_filter", coldCalls);
        server.ClearCalls();

        var warm = await metastore.GetTableAsync("LAKE", "T", default);
        var warmPartitions = await metastore.ListPartitionsAsync("lake", "t", DayFilter, default);
        await metastore.ListTableNamesAsync("lake", default);
        Assert.Empty(server.Methods);
        Assert.Same(cold, warm);
        Assert.Same(partitions, warmPartitions);

        // Another predicate is another answer.
        var other = await metastore.ListPartitionsAsync("lake", "t", DayFilter with { Predicate = new PartitionComparison("day", PartitionOperator.Greater, "1", true) }, default);
        Assert.Equal(["2", "3"], other.Select(p => p.Values[0]!).Order().ToArray());
        Assert.Equal(["get_partitions_by_filter"], server.Methods);
    }

    [Fact]
    public async Task Own_changes_drop_what_they_changed()
    {
        await using var server = Server();
        using var metastore = Open(server, new ManualClock());
        var table = (await metastore.GetTableAsync("lake", "t", default))!;
        await metastore.ListPartitionsAsync("lake", "t", DayFilter, default);

        await metastore.AlterTableAsync(table with { Properties = new Dictionary<string, string> { ["numRows"] = "7" } }, default);
        await metastore.AddPartitionsAsync("lake", "t", [new MetastorePartition(["4"], "s3://lake/t/day=4/")], default);
        server.ClearCalls();

        Assert.Equal("7", (await metastore.GetTableAsync("lake", "t", default))!.Properties["numRows"]);
        await metastore.ListPartitionsAsync("lake", "t", DayFilter, default);
        Assert.Contains(server.Methods, m => m.StartsWith("get_table", StringComparison.Ordinal));
        Assert.Contains("get_partitions_by_filter", server.Methods);

        // A new partition is seen by the next listing.
        var all = await metastore.ListPartitionsAsync("lake", "t", PartitionFilter.All, default);
        Assert.Equal(["1", "2", "3", "4"], all.Select(p => p.Values[0]!).Order().ToArray());
    }

    [Fact]
    public async Task The_ttl_and_a_flush_make_the_next_look_up_ask_again()
    {
        await using var server = Server();
        var clock = new ManualClock();
        using var metastore = Open(server, clock);
        await metastore.GetTableAsync("lake", "t", default);
        server.ClearCalls();

        clock.Advance(TimeSpan.FromSeconds(59));
        await metastore.GetTableAsync("lake", "t", default);
        Assert.Empty(server.Methods);

        clock.Advance(TimeSpan.FromSeconds(2));
        await metastore.GetTableAsync("lake", "t", default);
        Assert.Single(server.Methods);

        server.ClearCalls();
        metastore.Flush();
        await metastore.GetTableAsync("lake", "t", default);
        Assert.Single(server.Methods);
    }

    [Fact]
    public async Task A_zero_ttl_keeps_nothing()
    {
        await using var server = Server();
        using var metastore = Open(server, new ManualClock(), TimeSpan.Zero);
        await metastore.GetTableAsync("lake", "t", default);
        await metastore.GetTableAsync("lake", "t", default);
        Assert.Equal(2, server.Methods.Count);
    }

    /// <summary>A refusing metastore with days 1..<paramref name="days"/> of table t.</summary>
    private static TestHiveMetastoreServer RefusingServer(int days)
    {
        var server = Server();
        server.RefuseFilters = true;
        var sd = server.Table("lake", "t")!.StorageDescriptor!;
        for (var day = 4; day <= days; day++)
        {
            server.AddPartition(new HivePartition([day.ToString(System.Globalization.CultureInfo.InvariantCulture)], "lake", "t", sd with { Location = $"s3://lake/t/day={day}/" },
                new Dictionary<string, string>()));
        }

        return server;
    }

    /// <summary>The engine's pruning as a query would give it: keeps the days in <paramref name="days"/>.</summary>
    private static Func<PartitionValueList, bool[]> Keep(params int[] days) =>
        values => values.Select(v => days.Contains(int.Parse(v[0]!, System.Globalization.CultureInfo.InvariantCulture))).ToArray();

    private static readonly PartitionPredicate Bounded = new PartitionAnd([
        new PartitionComparison("day", PartitionOperator.GreaterOrEqual, "10", true), new PartitionComparison("day", PartitionOperator.LessOrEqual, "12", true)]);

    [Theory]
    [InlineData(60)]
    [InlineData(0)]
    public async Task A_refused_filter_fetches_only_the_partitions_that_survive_name_pruning(int ttlSeconds)
    {
        await using var server = RefusingServer(1000);
        using var metastore = Open(server, new ManualClock(), TimeSpan.FromSeconds(ttlSeconds));
        server.ClearCalls();

        var cold = await metastore.ListPartitionsAsync("lake", "t", new PartitionFilter(Bounded, Keep(10, 11, 12)), default);
        Assert.Equal(["10", "11", "12"], cold.Select(p => p.Values[0]!).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(["s3://lake/t/day=10/", "s3://lake/t/day=11/", "s3://lake/t/day=12/"], cold.Select(p => p.Location).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(["get_partitions_by_filter", "get_partition_names", "get_partitions_by_names"], server.Methods);
        Assert.Equal(3, server.PartitionsSent);
        server.ClearCalls();

        // The same predicate with pruning that keeps more (another query's non-pushable parts): with the cache, the
        // refusal and the names are kept and only the partition not kept yet is fetched; without it, the look-up is made again.
        var other = await metastore.ListPartitionsAsync("lake", "t", new PartitionFilter(Bounded, Keep(11, 12, 13)), default);
        Assert.Equal(["11", "12", "13"], other.Select(p => p.Values[0]!).Order(StringComparer.Ordinal).ToArray());
        if (ttlSeconds > 0)
        {
            Assert.Equal(["get_partitions_by_names"], server.Methods);
            Assert.Equal(1, server.PartitionsSent);
        }
        else
        {
            Assert.Equal(["get_partitions_by_filter", "get_partition_names", "get_partitions_by_names"], server.Methods);
            Assert.Equal(3, server.PartitionsSent);
        }

        server.ClearCalls();
        await metastore.ListPartitionsAsync("lake", "t", new PartitionFilter(Bounded, Keep(10, 11, 12)), default);
        Assert.Equal(ttlSeconds > 0 ? 0 : 3, server.PartitionsSent);
    }

    [Fact]
    public async Task A_partition_added_through_us_is_seen_by_the_next_refused_look_up()
    {
        await using var server = RefusingServer(20);
        using var metastore = Open(server, new ManualClock());
        Assert.Equal(3, (await metastore.ListPartitionsAsync("lake", "t", new PartitionFilter(Bounded, Keep(10, 11, 12, 21)), default)).Count);
        await metastore.AddPartitionsAsync("lake", "t", [new MetastorePartition(["21"], "s3://lake/t/day=21/")], default);

        var after = await metastore.ListPartitionsAsync("lake", "t", new PartitionFilter(Bounded, Keep(10, 11, 12, 21)), default);
        Assert.Equal(["10", "11", "12", "21"], after.Select(p => p.Values[0]!).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task What_the_engine_derives_from_the_kept_names_is_kept_with_them_until_they_change()
    {
        // The engine parses the names once per listing (its typed batch); warm queries reuse it, a change makes it again.
        await using var server = RefusingServer(50);
        using var metastore = Open(server, new ManualClock());
        var derived = 0;
        bool[] Prune(PartitionValueList values)
        {
            var days = values.GetOrAdd("days", list =>
            {
                derived++;
                return list.Select(v => int.Parse(v[0]!, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            });
            return days.Select(d => d is >= 10 and <= 12).ToArray();
        }

        for (var run = 0; run < 3; run++)
        {
            var partitions = await metastore.ListPartitionsAsync("lake", "t", new PartitionFilter(Bounded, Prune), default);
            Assert.Equal(["10", "11", "12"], partitions.Select(p => p.Values[0]!).Order(StringComparer.Ordinal).ToArray());
        }

        Assert.Equal(1, derived);
        await metastore.AddPartitionsAsync("lake", "t", [new MetastorePartition(["51"], "s3://lake/t/day=51/")], default);
        await metastore.ListPartitionsAsync("lake", "t", new PartitionFilter(Bounded, Prune), default);
        Assert.Equal(2, derived);
    }
}
