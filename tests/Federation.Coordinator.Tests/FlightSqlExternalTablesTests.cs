using Apache.Arrow;
using Apache.Arrow.Flight;
using Federation.Coordinator.Tests.Protocol;
using Federation.Cli;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Net.Client;

namespace Federation.Coordinator.Tests;

/// <summary>External schemas and tables, made with Spectrum's DDL over Flight SQL, are listed by GetDbSchemas and GetTables.</summary>
public sealed class FlightSqlExternalTablesTests
{
    [Fact]
    public async Task GetTables_lists_external_tables_with_their_declared_columns()
    {
        await using var host = await CoordinatorHost.StartAsync(EngineFactory.Create(), port: 0);
        using var channel = GrpcChannel.ForAddress(host.Address);
        var calls = new FlightSqlCalls(new Apache.Arrow.Flight.Client.FlightClient(channel));
        var session = await calls.HandshakeAsync();
        await calls.UpdateAsync("CREATE EXTERNAL SCHEMA lake FROM DATA CATALOG DATABASE 'lakedb' CREATE EXTERNAL DATABASE IF NOT EXISTS", session);
        await calls.UpdateAsync(
            "CREATE EXTERNAL TABLE lake.events (id bigint, note varchar(10)) PARTITIONED BY (day date) STORED AS PARQUET LOCATION 'file:///nonexistent/events/'",
            session);

        var schemas = await calls.FetchAsync(FlightSqlCalls.Command(new CommandGetDbSchemas()), session);
        Assert.Equal(["lake", "public"], FlightSqlCalls.Strings(schemas, 1));

        var tables = await calls.FetchAsync(FlightSqlCalls.Command(new CommandGetTables { DbSchemaFilterPattern = "lake", IncludeSchema = true }), session);
        Assert.Equal(["lake"], FlightSqlCalls.Strings(tables, 1));
        Assert.Equal(["events"], FlightSqlCalls.Strings(tables, 2));
        var schema = FlightSqlCalls.ReadSchema(ByteString.CopyFrom(((BinaryArray)tables[0].Column(4)).GetBytes(0).ToArray()));
        Assert.Equal(["id", "note", "day"], schema.FieldsList.Select(f => f.Name));
        await host.StopAsync();
    }
}
