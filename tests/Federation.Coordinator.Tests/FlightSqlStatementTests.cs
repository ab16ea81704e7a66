using Apache.Arrow;
using Apache.Arrow.Flight;
using Apache.Arrow.Types;
using Federation.Coordinator.Tests.Protocol;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Federation.Coordinator.Tests;

/// <summary>
/// Flight SQL statements end to end, the way a standard client sends them: commands Any-packed in the
/// descriptor, DDL/DML on DoPut, queries on GetFlightInfo then DoGet of the endpoint's ticket.
/// </summary>
public sealed class FlightSqlStatementTests : IClassFixture<CoordinatorFixture>
{
    private readonly CoordinatorFixture _server;
    private readonly FlightSqlCalls _calls;

    public FlightSqlStatementTests(CoordinatorFixture server)
    {
        _server = server;
        _calls = new FlightSqlCalls(server.Client);
    }

    [Fact]
    public async Task Handshake_returns_a_bearer_token_in_the_response_headers()
    {
        var headers = await _calls.HandshakeAsync();

        var authorization = headers.GetValue("authorization");
        Assert.NotNull(authorization);
        Assert.StartsWith("Bearer ", authorization, StringComparison.Ordinal);
        Assert.True(authorization.Length > "Bearer ".Length + 16);
    }

    [Fact]
    public async Task Create_table_and_insert_answer_their_record_counts()
    {
        var session = await _calls.HandshakeAsync();

        Assert.Equal(0, await _calls.UpdateAsync("CREATE TABLE counted (id INTEGER, name VARCHAR)", session));
        Assert.Equal(3, await _calls.UpdateAsync("INSERT INTO counted VALUES (1, 'a'), (2, 'b'), (3, 'c')", session));
        Assert.Equal(1, await _calls.UpdateAsync("INSERT INTO counted VALUES (4, 'd')", session));
    }

    [Fact]
    public async Task Select_returns_its_rows_through_GetFlightInfo_and_DoGet()
    {
        var session = await _calls.HandshakeAsync();
        await _calls.UpdateAsync("CREATE TABLE fruit (id INTEGER, name VARCHAR, price DOUBLE)", session);
        Assert.Equal(3, await _calls.UpdateAsync("INSERT INTO fruit VALUES (1, 'apple', 0.5), (2, 'pear', 0.75), (3, NULL, 2.0)", session));

        var info = await _server.Client.GetInfo(FlightSqlCalls.Query("SELECT id, name, price * 2 AS doubled FROM fruit WHERE id >= 2 ORDER BY id"), session);

        Assert.Equal(["id", "name", "doubled"], info.Schema.FieldsList.Select(f => f.Name));
        var endpoint = Assert.Single(info.Endpoints);
        Assert.Empty(endpoint.Locations);
        var ticket = TicketStatementQuery.Parser.ParseFrom(Any.Parser.ParseFrom(endpoint.Ticket.Ticket).Value);
        Assert.False(ticket.StatementHandle.IsEmpty);

        var batches = await _calls.ReadAllAsync(endpoint.Ticket, session);
        var ids = new List<int?>();
        var names = new List<string?>();
        var doubled = new List<double?>();
        foreach (var batch in batches)
        {
            var idColumn = (Int32Array)batch.Column(0);
            var nameColumn = (StringArray)batch.Column(1);
            var doubledColumn = (DoubleArray)batch.Column(2);
            for (var row = 0; row < batch.Length; row++)
            {
                ids.Add(idColumn.GetValue(row));
                names.Add(nameColumn.GetString(row));
                doubled.Add(doubledColumn.GetValue(row));
            }
        }

        Assert.Equal([2, 3], ids);
        Assert.Equal(["pear", null], names);
        Assert.Equal([1.5, 4.0], doubled);
    }

    [Fact]
    public async Task A_ticket_is_read_once()
    {
        var info = await _server.Client.GetInfo(FlightSqlCalls.Query("SELECT 42 AS answer"));
        var ticket = info.Endpoints[0].Ticket;

        var batches = await _calls.ReadAllAsync(ticket);
        Assert.Equal(42, ((Int32Array)Assert.Single(batches).Column(0)).GetValue(0));

        var again = await Assert.ThrowsAsync<RpcException>(() => _calls.ReadAllAsync(ticket));
        Assert.Equal(StatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task GetSchema_answers_the_result_schema_without_running_the_query()
    {
        var session = await _calls.HandshakeAsync();
        await _calls.UpdateAsync("CREATE TABLE described (id INTEGER NOT NULL, label VARCHAR, amount DECIMAL(10, 2))", session);

        var schema = await _server.Client.GetSchema(FlightSqlCalls.Query("SELECT id, label, amount FROM described"), session);

        Assert.Equal(["id", "label", "amount"], schema.FieldsList.Select(f => f.Name));
        Assert.IsType<Int32Type>(schema.GetFieldByName("id").DataType);
        Assert.IsType<StringType>(schema.GetFieldByName("label").DataType);
        var amount = Assert.IsType<Decimal128Type>(schema.GetFieldByName("amount").DataType);
        Assert.Equal(10, amount.Precision);
        Assert.Equal(2, amount.Scale);
    }

    [Fact]
    public async Task A_syntax_error_is_InvalidArgument_with_line_and_column()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _server.Client.GetInfo(FlightSqlCalls.Query("SELECT 1\n  FROM WHERE")).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("syntax error at or near \"WHERE\"", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("line 2, column 8", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_syntax_error_in_an_update_is_InvalidArgument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _calls.UpdateAsync("INSERT INTO VALUES (1)"));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("syntax error", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_table_is_NotFound_and_the_server_keeps_answering()
    {
        var query = await Assert.ThrowsAsync<RpcException>(() => _server.Client.GetInfo(FlightSqlCalls.Query("SELECT * FROM no_such_table")).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, query.StatusCode);
        Assert.Contains("relation \"no_such_table\" does not exist", query.Status.Detail, StringComparison.Ordinal);

        var insert = await Assert.ThrowsAsync<RpcException>(() => _calls.UpdateAsync("INSERT INTO no_such_table VALUES (1)"));
        Assert.Equal(StatusCode.NotFound, insert.StatusCode);

        var schema = await Assert.ThrowsAsync<RpcException>(() => _server.Client.GetSchema(FlightSqlCalls.Query("SELECT * FROM no_such_table")).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, schema.StatusCode);

        // Still serving: a fresh query on the same connection works.
        var info = await _server.Client.GetInfo(FlightSqlCalls.Query("SELECT 'still here' AS status"));
        var batch = Assert.Single(await _calls.ReadAllAsync(info.Endpoints[0].Ticket));
        Assert.Equal("still here", ((StringArray)batch.Column(0)).GetString(0));
    }

    [Fact]
    public async Task An_empty_result_still_streams_its_schema()
    {
        var info = await _server.Client.GetInfo(FlightSqlCalls.Query("SELECT 1 AS one, 'x' AS two WHERE 1 = 0"));
        using var call = _server.Client.GetStream(info.Endpoints[0].Ticket);

        var rows = 0;
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            rows += call.ResponseStream.Current.Length;
        }

        Assert.Equal(0, rows);
        var schema = await call.ResponseStream.Schema;
        Assert.Equal(["one", "two"], schema.FieldsList.Select(f => f.Name));
    }

    [Fact]
    public async Task An_unknown_session_token_is_Unauthenticated()
    {
        var stale = new Metadata { { "authorization", "Bearer not-a-token-this-server-gave-out" } };

        var error = await Assert.ThrowsAsync<RpcException>(() => _server.Client.GetInfo(FlightSqlCalls.Query("SELECT 1"), stale).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task A_command_that_is_not_Flight_SQL_is_InvalidArgument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _server.Client.GetInfo(FlightDescriptor.CreateCommandDescriptor("SELECT 1")).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }
}
