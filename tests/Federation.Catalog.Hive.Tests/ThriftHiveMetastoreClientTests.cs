using System.Net;
using System.Net.Sockets;
using System.Text;
using Federation.Catalog.Hive.Api;
using Federation.Catalog.Hive.Thrift;
using Federation.Catalog.Metastore;
using Federation.Common;
using Federation.Testing;

namespace Federation.Catalog.Hive.Tests;

/// <summary>
/// The Thrift client against bytes written from the IDL by hand (so the field ids are checked independently of the
/// struct code the test server shares), and against the test metastore over real sockets: get_table_req with its
/// fallback, types and formats mapped, set_ugi, reconnects and an unreachable metastore.
/// </summary>
public sealed class ThriftHiveMetastoreClientTests
{
    /// <summary>What a server listening once receives: the first bytes of the first request, after which it closes.</summary>
    private static async Task<byte[]> CaptureAsync(ThriftTransport transport, Func<ThriftHiveMetastoreClient, Task> call)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var received = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            var buffer = new MemoryStream();
            var chunk = new byte[4096];
            // Every request here is shorter than one read; the first read holds it whole once its last byte (a stop) arrived.
            while (true)
            {
                var read = await stream.ReadAsync(chunk);
                buffer.Write(chunk, 0, read);
                if (read == 0 || (buffer.Length > 12 && chunk[read - 1] == 0 && buffer.ToArray()[^2] == 0))
                {
                    return buffer.ToArray();
                }
            }
        });
        using var metastore = new ThriftHiveMetastoreClient(new HiveMetastoreOptions("127.0.0.1", port) { Transport = transport, ReadTimeout = TimeSpan.FromSeconds(30) });
        var failed = call(metastore);
        var bytes = await received;
        listener.Stop();
        await Assert.ThrowsAsync<FederationException>(() => failed);
        return bytes;
    }

    private static byte[] Bytes(params object[] parts)
    {
        var output = new List<byte>();
        foreach (var part in parts)
        {
            switch (part)
            {
                case byte b: output.Add(b); break;
                case int i: output.AddRange([(byte)(i >> 24), (byte)(i >> 16), (byte)(i >> 8), (byte)i]); break;
                case short s: output.AddRange([(byte)(s >> 8), (byte)s]); break;
                case string text:
                    var utf8 = Encoding.UTF8.GetBytes(text);
                    output.AddRange(Bytes(utf8.Length));
                    output.AddRange(utf8);
                    break;
            }
        }

        return output.ToArray();
    }

    [Fact]
    public async Task Get_table_req_is_a_strict_binary_call_with_the_IDL_field_ids()
    {
        // get_table_req(1: GetTableRequest req), GetTableRequest { 1: required string dbName, 2: required string tblName }.
        var expected = Bytes(unchecked((int)0x80010001), "get_table_req", 1,
            (byte)12, (short)1,
            (byte)11, (short)1, "lake",
            (byte)11, (short)2, "events",
            (byte)0,
            (byte)0);
        Assert.Equal(expected, await CaptureAsync(ThriftTransport.Buffered, c => c.GetTableAsync("lake", "events", default)));

        // Framed: the same message after its 4-byte length.
        var framed = Bytes(expected.Length).Concat(expected).ToArray();
        Assert.Equal(framed, await CaptureAsync(ThriftTransport.Framed, c => c.GetTableAsync("lake", "events", default)));
    }

    [Fact]
    public async Task Get_partitions_by_filter_sends_db_table_filter_and_max_parts()
    {
        // get_partitions_by_filter(1:string db_name 2:string tbl_name 3:string filter, 4:i16 max_parts=-1).
        var expected = Bytes(unchecked((int)0x80010001), "get_partitions_by_filter", 1,
            (byte)11, (short)1, "lake",
            (byte)11, (short)2, "events",
            (byte)11, (short)3, "day = 42",
            (byte)6, (short)4, (short)-1,
            (byte)0);
        Assert.Equal(expected, await CaptureAsync(ThriftTransport.Buffered, c => c.GetPartitionsByFilterAsync("lake", "events", "day = 42", default)));
    }

    private static TestHiveMetastoreServer Server(ThriftTransport transport)
    {
        var server = new TestHiveMetastoreServer(transport);
        server.AddDatabase("lake");
        server.AddTable(new HiveTable("t", "lake",
            new HiveStorageDescriptor(
                [new("a", "tinyint"), new("b", "float"), new("c", "double"), new("d", "string"), new("e", "decimal(12,3)"), new("f", "varchar(7)"),
                 new("g", "char(3)"), new("h", "timestamp"), new("i", "binary"), new("j", "struct<x:int>"), new("k", "boolean")],
                "s3://lake/t/", "org.apache.hadoop.hive.ql.io.orc.OrcInputFormat", "org.apache.hadoop.hive.ql.io.orc.OrcOutputFormat",
                new HiveSerDeInfo(null, "org.apache.hadoop.hive.ql.io.orc.OrcSerde", new Dictionary<string, string> { ["k"] = "v" }), new Dictionary<string, string>()),
            [new("day", "date")], new Dictionary<string, string> { ["classification"] = "orc" }));
        return server;
    }

    [Theory]
    [InlineData(ThriftTransport.Buffered)]
    [InlineData(ThriftTransport.Framed)]
    public async Task Tables_map_Hive_types_formats_and_parameters(ThriftTransport transport)
    {
        await using var server = Server(transport);
        using var metastore = new HiveMetastore(new HiveMetastoreOptions("127.0.0.1", server.Port) { Transport = transport });
        var table = (await metastore.GetTableAsync("lake", "t", default))!;
        Assert.Equal(
            ["a smallint", "b real", "c double precision", "d text", "e decimal(12,3)", "f varchar(7)", "g char(3)", "h timestamp", "i bytea", "j struct<x:int>", "k boolean"],
            table.Columns.Select(c => $"{c.Name} {c.Type}").ToArray());
        Assert.Equal(["day date"], table.PartitionKeys.Select(c => $"{c.Name} {c.Type}").ToArray());
        Assert.Equal("orc", table.Storage.Format);
        Assert.Equal("org.apache.hadoop.hive.ql.io.orc.OrcSerde", table.Storage.SerdeLibrary);
        Assert.Equal("v", table.Storage.SerdeProperties["k"]);
        Assert.Equal("orc", table.Properties["classification"]);
        Assert.Equal("s3://lake/t/", table.Location);
        Assert.Null(await metastore.GetTableAsync("lake", "nope", default));
        Assert.Equal(["t"], await metastore.ListTableNamesAsync("lake", default));
        Assert.Equal(["lake"], (await metastore.ListDatabasesAsync(default)).Select(d => d.Name).ToArray());
    }

    [Fact]
    public async Task Get_table_req_falls_back_to_get_table_once_per_metastore_and_set_ugi_comes_first()
    {
        await using var server = Server(ThriftTransport.Buffered);
        server.WithoutGetTableRequest = true;
        using var metastore = new HiveMetastore(new HiveMetastoreOptions("127.0.0.1", server.Port) { User = "fed", Groups = ["analysts"] });
        Assert.NotNull(await metastore.GetTableAsync("lake", "t", default));
        Assert.NotNull(await metastore.GetTableAsync("lake", "t", default));
        Assert.Equal(["set_ugi", "get_table_req", "get_table", "get_table"], server.Methods);
        Assert.False(metastore.Client.HasTableRequest);
    }

    [Fact]
    public async Task A_metastore_without_get_table_is_served_by_get_table_req_alone()
    {
        await using var server = Server(ThriftTransport.Buffered);
        server.WithoutGetTable = true;
        using var metastore = new HiveMetastore(new HiveMetastoreOptions("127.0.0.1", server.Port));
        Assert.NotNull(await metastore.GetTableAsync("lake", "t", default));
        Assert.Null(await metastore.GetTableAsync("lake", "missing", default));
        Assert.Equal(["get_table_req", "get_table_req"], server.Methods);
        Assert.True(metastore.Client.HasTableRequest);
    }

    [Fact]
    public async Task A_dropped_connection_is_replaced_and_the_call_answers()
    {
        await using var server = Server(ThriftTransport.Buffered);
        using var metastore = new HiveMetastore(new HiveMetastoreOptions("127.0.0.1", server.Port));
        Assert.Equal(["t"], await metastore.ListTableNamesAsync("lake", default));
        server.DropConnections();
        Assert.Equal(["t"], await metastore.ListTableNamesAsync("lake", default));
    }

    [Fact]
    public async Task A_transport_mismatch_is_an_error_naming_the_metastore()
    {
        await using var server = Server(ThriftTransport.Framed);
        using var metastore = new HiveMetastore(new HiveMetastoreOptions("127.0.0.1", server.Port) { Transport = ThriftTransport.Buffered, ReadTimeout = TimeSpan.FromSeconds(5) });
        var error = await Assert.ThrowsAsync<FederationException>(() => metastore.ListTableNamesAsync("lake", default));
        Assert.Equal(ErrorCode.CatalogUnavailable, error.Code);
        Assert.Contains($"Hive metastore 127.0.0.1:{server.Port}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Filters_render_in_the_metastore_grammar()
    {
        PartitionPredicate predicate = new PartitionAnd([
            new PartitionComparison("region", PartitionOperator.Equal, "eu", false),
            new PartitionOr([new PartitionComparison("day", PartitionOperator.Less, "5", true), new PartitionInList("day", ["7", "9"], true)]),
        ]);
        Assert.Equal("region = \"eu\" and (day < 5 or (day = 7 or day = 9))", HiveFilterText.Render(predicate));
        Assert.Equal("note = 'say \"hi\"'", HiveFilterText.Render(new PartitionComparison("note", PartitionOperator.Equal, "say \"hi\"", false)));
        Assert.Null(HiveFilterText.Render(new PartitionComparison("note", PartitionOperator.Equal, "both ' and \"", false)));
        Assert.Null(HiveFilterText.Render(new PartitionComparison("day", PartitionOperator.Equal, "x", true)));
    }
}
