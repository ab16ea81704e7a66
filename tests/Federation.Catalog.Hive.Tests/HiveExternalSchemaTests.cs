using System.Globalization;
using Federation.Catalog.External;
using Federation.Catalog.Hive.Api;
using Federation.Catalog.Metastore;
using Federation.Common;
using Federation.Engine;
using Federation.Testing;

namespace Federation.Catalog.Hive.Tests;

/// <summary>
/// External schemas over a test Hive metastore on a real socket, through SQL: DROP PARTITION of several partitions
/// is all or none at the metastore (drop_partitions_req with ifExists, deleteData and needResult false), and two
/// schemas over one metastore share its client and metadata cache, so DDL through one is seen through the other.
/// </summary>
public sealed class HiveExternalSchemaTests : IAsyncLifetime
{
    private readonly TestHiveMetastoreServer _server = new();

    public Task InitializeAsync()
    {
        _server.AddDatabase("lake");
        var sd = new HiveStorageDescriptor([new("a", "int")], "file:///nonexistent/t/", HiveStorageFormats.ParquetInput, HiveStorageFormats.ParquetOutput,
            new HiveSerDeInfo(null, HiveStorageFormats.ParquetSerde, new Dictionary<string, string>()), new Dictionary<string, string>());
        _server.AddTable(new HiveTable("t", "lake", sd, [new("day", "int")], new Dictionary<string, string> { ["EXTERNAL"] = "TRUE" }) { TableType = "EXTERNAL_TABLE" });
        for (var day = 1; day <= 3; day++)
        {
            var text = day.ToString(CultureInfo.InvariantCulture);
            _server.AddPartition(new HivePartition([text], "lake", "t", sd with { Location = $"file:///nonexistent/t/day={text}/" }, new Dictionary<string, string>()));
        }

        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static Session Session() =>
        new FederationEngine(external: ExternalCatalog.InMemory(new HiveMetastoreFactory(new HiveMetastoreOptions("localhost")))).CreateSession();

    private string CreateSchema(string name) =>
        $"CREATE EXTERNAL SCHEMA {name} FROM HIVE METASTORE DATABASE 'lake' URI '127.0.0.1' PORT {_server.Port}";

    private string[] Days() => _server.Partitions("lake", "t").Select(p => p.Values[0]).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public async Task Dropping_an_existing_and_a_missing_partition_fails_naming_the_missing_one_and_drops_neither()
    {
        var session = Session();
        await session.ExecuteAsync(CreateSchema("hive"));
        var error = await Assert.ThrowsAsync<FederationException>(() => session.ExecuteAsync("ALTER TABLE hive.t DROP PARTITION (day='1'), PARTITION (day='9')"));
        Assert.Equal(ErrorCode.ObjectNotFound, error.Code);
        Assert.Contains("partition day=9 of hive.t does not exist", error.Message, StringComparison.Ordinal);
        Assert.Equal(["1", "2", "3"], Days());

        await session.ExecuteAsync("ALTER TABLE hive.t DROP IF EXISTS PARTITION (day='1'), PARTITION (day='9')");
        Assert.Equal(["2", "3"], Days());
        var call = Assert.Single(_server.DropPartitionsCalls);
        Assert.Equal(("lake", "t", false, false, false), (call.Database, call.Table, call.DeleteData, call.IfExists, call.NeedResult));
        Assert.Equal(["day=1"], call.Names);
    }

    [Fact]
    public async Task A_partition_gone_behind_our_back_fails_the_whole_drop_at_the_metastore()
    {
        // The schema's cache still lists day=2 after another tool dropped it: the metastore itself refuses the pair.
        var session = Session();
        await session.ExecuteAsync(CreateSchema("hive"));
        Assert.Equal(["3"], await ResultRows.OfAsync(session, "SELECT count(*) FROM svv_external_partitions"));
        _server.RemovePartition("lake", "t", ["2"]);

        var error = await Assert.ThrowsAsync<FederationException>(() => session.ExecuteAsync("ALTER TABLE hive.t DROP PARTITION (day='1'), PARTITION (day='2')"));
        Assert.Equal(ErrorCode.ObjectNotFound, error.Code);
        Assert.Contains($"partition day=2 of lake.t does not exist in the Hive metastore at 127.0.0.1:{_server.Port}; no partition was dropped", error.Message, StringComparison.Ordinal);
        Assert.Equal(["1", "3"], Days());
        var call = Assert.Single(_server.DropPartitionsCalls);
        Assert.Equal(["day=1", "day=2"], call.Names);
        Assert.False(call.IfExists);

        // The failed drop dropped the stale list too: the next statement sees the metastore's partitions.
        Assert.Equal(["2"], await ResultRows.OfAsync(session, "SELECT count(*) FROM svv_external_partitions"));
        Assert.Equal(["2"], await ResultRows.OfAsync(session, "SELECT 1 + 1"));
    }

    [Fact]
    public async Task Two_schemas_over_one_metastore_share_its_cache_and_see_each_others_DDL()
    {
        var session = Session();
        await session.ExecuteAsync(CreateSchema("a"));
        await session.ExecuteAsync(CreateSchema("b"));

        // Cold, both schemas' partitions cost one listing: b's look-up is answered from the cache a's filled.
        _server.ClearCalls();
        Assert.Equal(["a|3", "b|3"], await ResultRows.OfAsync(session, "SELECT schemaname, count(*) FROM svv_external_partitions GROUP BY schemaname ORDER BY schemaname"));
        Assert.Single(_server.Methods, m => m == "get_partitions");

        await session.ExecuteAsync("ALTER TABLE a.t ADD PARTITION (day='4') LOCATION 'file:///nonexistent/t/day=4/'");
        Assert.Equal(["[\"1\"]", "[\"2\"]", "[\"3\"]", "[\"4\"]"],
            await ResultRows.OfAsync(session, "SELECT \"values\" FROM svv_external_partitions WHERE schemaname = 'b' ORDER BY location"));
        await session.ExecuteAsync("ALTER TABLE b.t SET TABLE PROPERTIES ('numRows'='40')");
        Assert.Equal(["a|{\"EXTERNAL\":\"TRUE\",\"numRows\":\"40\"}"],
            await ResultRows.OfAsync(session, "SELECT schemaname, parameters FROM svv_external_tables WHERE schemaname = 'a'"));
        await session.ExecuteAsync("ALTER TABLE b.t DROP PARTITION (day='4')");
        Assert.Equal(["a|3"], await ResultRows.OfAsync(session, "SELECT schemaname, count(*) FROM svv_external_partitions WHERE schemaname = 'a' GROUP BY schemaname"));

        // Dropping one schema keeps the shared client open for the other.
        await session.ExecuteAsync("DROP SCHEMA a");
        Assert.Equal(["3"], await ResultRows.OfAsync(session, "SELECT count(*) FROM svv_external_partitions WHERE schemaname = 'b'"));
    }
}
