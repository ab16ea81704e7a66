using Apache.Arrow;
using Field = Apache.Arrow.Field;
using Apache.Arrow.Types;
using Federation.Client;
using Federation.Testing;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using ClientProtocol = Federation.Client.Protocol;
using ServerProtocol = Federation.Coordinator.Protocol;

namespace Federation.Cli.Tests;

/// <summary>Federation.Client against the real coordinator, and its messages against the coordinator's own copy of the specification.</summary>
public sealed class FlightSqlClientTests : IClassFixture<CoordinatorFixture>
{
    private readonly CoordinatorFixture _server;

    public FlightSqlClientTests(CoordinatorFixture server)
    {
        _server = server;
    }

    [Fact]
    public async Task Handshake_keeps_the_bearer_token_for_later_calls()
    {
        using var client = await ConnectAsync(user: "carol", password: "pw");

        Assert.NotNull(client.BearerToken);
        Assert.Equal(64, client.BearerToken.Length);

        // The token names one session: what SET changes stays for the next statement.
        await client.ExecuteUpdateAsync("SET batch_size = 1234");
        var shown = await (await client.ExecuteQueryAsync("SHOW batch_size")).ReadAllAsync();
        Assert.Equal("1234", ((StringArray)Assert.Single(shown).Column(0)).GetString(0));
    }

    [Fact]
    public async Task Notices_of_an_update_come_back_with_its_count()
    {
        using var client = await ConnectAsync();
        var created = await client.UpdateAsync("CREATE EXTERNAL SCHEMA noted FROM DATA CATALOG DATABASE 'noteddb' CREATE EXTERNAL DATABASE IF NOT EXISTS");
        Assert.Equal(0, created.RecordCount);
        Assert.Equal(["created database \"noteddb\" in the data catalog"], created.Notices);

        var plain = await client.UpdateAsync("CREATE TABLE unnoted (id INTEGER)");
        Assert.Empty(plain.Notices);
        await client.ExecuteUpdateAsync("DROP SCHEMA noted DROP EXTERNAL DATABASE");
    }

    [Fact]
    public async Task Queries_stream_their_batches_and_updates_answer_their_counts()
    {
        using var client = await ConnectAsync();
        Assert.Equal(0, await client.ExecuteUpdateAsync("CREATE TABLE client_t (id INTEGER, name VARCHAR)"));
        Assert.Equal(2, await client.ExecuteUpdateAsync("INSERT INTO client_t VALUES (1, 'a'), (2, NULL)"));

        var result = await client.ExecuteQueryAsync("SELECT id, name FROM client_t ORDER BY id");
        var batches = await result.ReadAllAsync();

        Assert.Equal(["id", "name"], result.Schema!.FieldsList.Select(f => f.Name));
        var batch = Assert.Single(batches);
        Assert.Equal([1, 2], ((Int32Array)batch.Column(0)).Values.ToArray());
        Assert.True(batch.Column(1).IsNull(1));
    }

    [Fact]
    public async Task An_empty_result_still_has_its_schema()
    {
        using var client = await ConnectAsync();

        var result = await client.ExecuteQueryAsync("SELECT 1 AS one WHERE 1 = 0");

        Assert.Empty(await result.ReadAllAsync());
        Assert.Equal("one", Assert.Single(result.Schema!.FieldsList).Name);
    }

    [Fact]
    public async Task GetSchema_plans_a_query_without_running_it()
    {
        using var client = await ConnectAsync();

        var schema = await client.GetQuerySchemaAsync("SELECT CAST(1 AS BIGINT) AS n, 'x' AS s");

        Assert.IsType<Int64Type>(schema.GetFieldByName("n").DataType);
        Assert.IsType<StringType>(schema.GetFieldByName("s").DataType);
    }

    [Fact]
    public async Task Cancelling_a_running_query_stops_it_and_the_shell_reports_it()
    {
        // A scan that cannot finish until the gate opens, which it never does: the query is surely running when cancelled.
        var gate = new GateTableFunction("gate_shell_cancel");
        _server.Engine.RegisterTableFunction(gate);
        var stdout = new StringWriter();
        var stderr = new StringWriter { NewLine = "\n" };
        using var cancel = new CancellationTokenSource();

        var run = SqlCommand.RunAsync(new SqlShellSettings { Port = _server.Port, Command = "SELECT n FROM gate_shell_cancel()" },
            TextReader.Null, stdout, stderr, stdinRedirected: true, cancel.Token);
        try
        {
            await Eventually.CompletesAsync(Task.WhenAny(gate.Started, run), "the query reaches the gate");
            Assert.False(run.IsCompleted, $"the shell ended before its query ran: {stderr}");
            await cancel.CancelAsync();

            Assert.Equal(1, await run);
            Assert.Equal("ERROR: query cancelled\n", stderr.ToString());
            Assert.Equal(string.Empty, stdout.ToString());
        }
        finally
        {
            // Whatever happened, nothing of this test stays blocked in the server.
            gate.Open();
        }

        var after = await _server.SqlAsync("SELECT 'still serving' AS status");
        Assert.Equal("    status\n---------------\n still serving\n(1 row)\n\n", after.Stdout);
    }

    [Fact]
    public void Client_messages_read_back_as_the_coordinators_own_copy_of_the_specification()
    {
        var tables = new ClientProtocol.CommandGetTables
        {
            Catalog = "c",
            DbSchemaFilterPattern = "s%",
            TableNameFilterPattern = "t_",
            IncludeSchema = true,
        };
        tables.TableTypes.Add("TABLE");

        var packed = Any.Pack(tables);
        Assert.Equal("type.googleapis.com/arrow.flight.protocol.sql.CommandGetTables", packed.TypeUrl);
        var read = packed.Unpack<ServerProtocol.CommandGetTables>();
        Assert.Equal(("c", "s%", "t_", true), (read.Catalog, read.DbSchemaFilterPattern, read.TableNameFilterPattern, read.IncludeSchema));
        Assert.Equal(["TABLE"], read.TableTypes);

        var schemas = Any.Pack(new ClientProtocol.CommandGetDbSchemas { DbSchemaFilterPattern = "main" }).Unpack<ServerProtocol.CommandGetDbSchemas>();
        Assert.Equal("main", schemas.DbSchemaFilterPattern);
        Assert.False(schemas.HasCatalog);

        var update = ServerProtocol.DoPutUpdateResult.Parser.ParseFrom(new ClientProtocol.DoPutUpdateResult { RecordCount = 7 }.ToByteString());
        Assert.Equal(7, update.RecordCount);
        Assert.Equal("SELECT 1", Any.Pack(new ClientProtocol.CommandStatementQuery { Query = "SELECT 1" }).Unpack<ServerProtocol.CommandStatementQuery>().Query);
    }

    [Fact]
    public void A_table_schema_from_GetTables_deserializes()
    {
        var schema = new Schema.Builder()
            .Field(new Field("id", Int32Type.Default, nullable: false))
            .Field(new Field("amount", new Decimal128Type(10, 2), nullable: true))
            .Build();

        var read = FlightSqlClient.DeserializeSchema(ArrowSerializationHelpers.SerializeSchema(schema));

        Assert.Equal(["id", "amount"], read.FieldsList.Select(f => f.Name));
        Assert.False(read.GetFieldByName("id").IsNullable);
        Assert.Equal(2, ((Decimal128Type)read.GetFieldByName("amount").DataType).Scale);
    }

    private Task<FlightSqlClient> ConnectAsync(string? user = null, string? password = null) =>
        FlightSqlClient.ConnectAsync(new FlightSqlClientOptions { Port = _server.Port, User = user, Password = password });
}
