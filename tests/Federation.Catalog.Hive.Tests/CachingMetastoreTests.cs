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
}
