using Apache.Arrow;
using Federation.Coordinator.Tests.Protocol;
using Federation.Coordinator.Tests.Protocol.Flight;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Federation.Coordinator.Tests;

/// <summary>
/// CancelFlightInfo and the older CancelQuery stop the query behind a FlightInfo: one DoGet is streaming right now,
/// or one still waiting for its DoGet. The cancelled DoGet ends with Cancelled; the server keeps serving.
/// </summary>
public sealed class FlightSqlCancelTests : IClassFixture<CoordinatorFixture>
{
    /// <summary>A cross join of three 1,000-row tables: 10^9 rows, far more than any test would read to the end.</summary>
    private const string EndlessQuery = "SELECT a.i AS a, b.i AS b, c.i AS c FROM thousand a, thousand b, thousand c";

    private readonly FlightSqlCalls _calls;

    public FlightSqlCancelTests(CoordinatorFixture server)
    {
        _calls = new FlightSqlCalls(server.Client);
    }

    [Fact]
    public async Task CancelFlightInfo_stops_a_query_DoGet_is_streaming()
    {
        var session = await ThousandRowsAsync();
        var info = await _calls.Client.GetInfo(FlightSqlCalls.Query(EndlessQuery), session);
        using var call = _calls.Client.GetStream(Assert.Single(info.Endpoints).Ticket, session);

        // A client-side deadline keeps a broken cancel from running the test forever; it must not be what ends the stream.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Assert.True(await call.ResponseStream.MoveNext(deadline.Token));
        var firstRows = call.ResponseStream.Current.Length;
        Assert.True(firstRows > 0);

        var request = new CancelFlightInfoRequest { Info = ToProtocol(info) };
        var result = Assert.Single(await _calls.ActionAsync("CancelFlightInfo", request.ToByteString(), session));
        Assert.Equal(CancelStatus.Cancelled, CancelFlightInfoResult.Parser.ParseFrom(result.Body).Status);

        long rowsAfterCancel = 0;
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext(deadline.Token))
            {
                rowsAfterCancel += call.ResponseStream.Current.Length;
            }
        });
        Assert.False(deadline.IsCancellationRequested, $"the stream was still running after {rowsAfterCancel} more rows");
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        Assert.Contains("canceling statement due to user request", error.Status.Detail, StringComparison.Ordinal);

        await AssertStillServingAsync(session);
    }

    [Fact]
    public async Task CancelQuery_stops_a_query_still_waiting_for_its_DoGet()
    {
        var session = await ThousandRowsAsync();
        var info = await _calls.Client.GetInfo(FlightSqlCalls.Query(EndlessQuery), session);

        // The specification deprecates CancelQuery for CancelFlightInfo; older clients still send it.
        var request = new ActionCancelQueryRequest { Info = ToProtocol(info).ToByteString() };
        var result = Assert.Single(await _calls.ActionAsync("CancelQuery", Any.Pack(request).ToByteString(), session));
        var answer = Any.Parser.ParseFrom(result.Body).Unpack<ActionCancelQueryResult>();
        Assert.Equal(ActionCancelQueryResult.Types.CancelResult.Cancelled, answer.Result);

        var error = await Assert.ThrowsAsync<RpcException>(() => _calls.ReadAllAsync(Assert.Single(info.Endpoints).Ticket, session));
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);

        await AssertStillServingAsync(session);
    }

    [Fact]
    public async Task Cancelling_a_query_that_was_read_to_the_end_is_NotFound()
    {
        var info = await _calls.Client.GetInfo(FlightSqlCalls.Query("SELECT 7 AS seven"));
        var batch = Assert.Single(await _calls.ReadAllAsync(Assert.Single(info.Endpoints).Ticket));
        Assert.Equal(7, ((Int32Array)batch.Column(0)).GetValue(0));

        var request = new CancelFlightInfoRequest { Info = ToProtocol(info) };
        var error = await Assert.ThrowsAsync<RpcException>(() => _calls.ActionAsync("CancelFlightInfo", request.ToByteString()));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    /// <summary>A session with a 1,000-row table "thousand" (created once per fixture; IF NOT EXISTS keeps reruns apart).</summary>
    private async Task<Metadata> ThousandRowsAsync()
    {
        var session = await _calls.HandshakeAsync();
        await _calls.UpdateAsync("CREATE TABLE IF NOT EXISTS ten (i INTEGER)", session);
        if (await CountAsync("SELECT count(*) FROM ten", session) == 0)
        {
            await _calls.UpdateAsync("INSERT INTO ten VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)", session);
        }

        await _calls.UpdateAsync("CREATE TABLE IF NOT EXISTS thousand AS SELECT a.i * 100 + b.i * 10 + c.i AS i FROM ten a, ten b, ten c", session);
        Assert.Equal(1000, await CountAsync("SELECT count(DISTINCT i) FROM thousand", session));
        return session;
    }

    private async Task<long> CountAsync(string sql, Metadata session)
    {
        var batch = Assert.Single(await _calls.FetchAsync(FlightSqlCalls.Query(sql), session));
        return ((Int64Array)batch.Column(0)).GetValue(0)!.Value;
    }

    private async Task AssertStillServingAsync(Metadata session)
    {
        var batch = Assert.Single(await _calls.FetchAsync(FlightSqlCalls.Query("SELECT sum(i) AS total FROM thousand"), session));
        Assert.Equal(499500L, ((Int64Array)batch.Column(0)).GetValue(0));
    }

    /// <summary>The FlightInfo as the wire carries it: the cancel actions only need its endpoints' tickets.</summary>
    private static FlightInfo ToProtocol(Apache.Arrow.Flight.FlightInfo info)
    {
        var message = new FlightInfo { TotalRecords = info.TotalRecords, TotalBytes = info.TotalBytes };
        foreach (var endpoint in info.Endpoints)
        {
            message.Endpoint.Add(new FlightEndpoint { Ticket = new Ticket { Ticket_ = ByteString.CopyFrom(endpoint.Ticket.Ticket.ToByteArray()) } });
        }

        return message;
    }
}
