using Apache.Arrow;
using Apache.Arrow.Flight;
using Apache.Arrow.Flight.Client;
using Apache.Arrow.Ipc;
using Federation.Coordinator.Tests.Protocol;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

using Federation.Coordinator;

namespace Federation.Coordinator.Tests;

/// <summary>
/// The Flight SQL calls the prepared-statement and cancel tests make, shaped as the specification and the standard
/// clients shape them: action bodies Any-packed, binds and updates on DoPut, rows through GetFlightInfo then DoGet.
/// </summary>
public sealed class FlightSqlCalls(FlightClient client)
{
    public FlightClient Client { get; } = client;

    public async Task<Metadata> HandshakeAsync()
    {
        using var call = Client.Handshake();
        await call.RequestStream.CompleteAsync();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
        }

        var headers = await call.ResponseHeadersAsync;
        return new Metadata { { "authorization", headers.GetValue("authorization")! } };
    }

    /// <summary>CommandStatementUpdate on DoPut; the record count of its one DoPutUpdateResult, and its notices added to <paramref name="notices"/> when given.</summary>
    public async Task<long> UpdateAsync(string sql, Metadata? session = null, ICollection<string>? notices = null)
    {
        var descriptor = FlightDescriptor.CreateCommandDescriptor(Any.Pack(new CommandStatementUpdate { Query = sql }).ToByteArray());
        using var call = Client.StartPut(descriptor, session);
        await call.RequestStream.SetupStream(new Schema.Builder().Build());
        await call.RequestStream.CompleteAsync();
        return await UpdateCountAsync(call, notices);
    }

    /// <summary>The record count of an update's one DoPutUpdateResult; the notices the server sent in its trailers.</summary>
    private static async Task<long> UpdateCountAsync(FlightRecordBatchDuplexStreamingCall call, ICollection<string>? notices)
    {
        var result = Assert.Single(await ReadPutResultsAsync(call));
        foreach (var entry in call.GetTrailers())
        {
            if (entry.Key == FlightSqlServer.NoticeTrailer)
            {
                notices?.Add(System.Text.Encoding.UTF8.GetString(entry.ValueBytes));
            }
        }

        return DoPutUpdateResult.Parser.ParseFrom(result.ApplicationMetadata).RecordCount;
    }

    /// <summary>The CreatePreparedStatement action with an empty transaction id, as the C# client sends it.</summary>
    public async Task<ActionCreatePreparedStatementResult> PrepareAsync(string sql, Metadata session)
    {
        var request = new ActionCreatePreparedStatementRequest { Query = sql, TransactionId = ByteString.Empty };
        var result = Assert.Single(await ActionAsync("CreatePreparedStatement", Any.Pack(request).ToByteString(), session));
        return Any.Parser.ParseFrom(result.Body).Unpack<ActionCreatePreparedStatementResult>();
    }

    public async Task CloseAsync(ByteString handle, Metadata session)
    {
        var request = new ActionClosePreparedStatementRequest { PreparedStatementHandle = handle };
        Assert.Empty(await ActionAsync("ClosePreparedStatement", Any.Pack(request).ToByteString(), session));
    }

    public async Task<List<FlightResult>> ActionAsync(string type, ByteString body, Metadata? session = null)
    {
        using var call = Client.DoAction(new FlightAction(type, body), session);
        var results = new List<FlightResult>();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            results.Add(call.ResponseStream.Current);
        }

        return results;
    }

    /// <summary>DoPut(CommandPreparedStatementQuery) with the parameter batch; the handle of the DoPutPreparedStatementResult.</summary>
    public async Task<ByteString> BindAsync(ByteString handle, RecordBatch parameters, Metadata session)
    {
        var descriptor = FlightDescriptor.CreateCommandDescriptor(Any.Pack(new CommandPreparedStatementQuery { PreparedStatementHandle = handle }).ToByteArray());
        using var call = Client.StartPut(descriptor, session);
        await call.RequestStream.WriteAsync(parameters);
        await call.RequestStream.CompleteAsync();
        var result = Assert.Single(await ReadPutResultsAsync(call));
        return DoPutPreparedStatementResult.Parser.ParseFrom(result.ApplicationMetadata).PreparedStatementHandle;
    }

    /// <summary>
    /// DoPut(CommandPreparedStatementUpdate), with parameters in the stream when given; the record count, and the notices
    /// the server sent in its trailers added to <paramref name="notices"/> when given.
    /// </summary>
    public async Task<long> ExecuteUpdateAsync(ByteString handle, RecordBatch? parameters, Metadata session, ICollection<string>? notices = null)
    {
        var descriptor = FlightDescriptor.CreateCommandDescriptor(Any.Pack(new CommandPreparedStatementUpdate { PreparedStatementHandle = handle }).ToByteArray());
        using var call = Client.StartPut(descriptor, session);
        if (parameters is null)
        {
            await call.RequestStream.SetupStream(new Schema.Builder().Build());
        }
        else
        {
            await call.RequestStream.WriteAsync(parameters);
        }

        await call.RequestStream.CompleteAsync();
        return await UpdateCountAsync(call, notices);
    }

    public static FlightDescriptor PreparedQuery(ByteString handle) =>
        FlightDescriptor.CreateCommandDescriptor(Any.Pack(new CommandPreparedStatementQuery { PreparedStatementHandle = handle }).ToByteArray());

    public static FlightDescriptor Query(string sql) =>
        FlightDescriptor.CreateCommandDescriptor(Any.Pack(new CommandStatementQuery { Query = sql }).ToByteArray());

    /// <summary>The descriptor of any Flight SQL command (GetTables, GetDbSchemas, ...): the command Any-packed.</summary>
    public static FlightDescriptor Command(IMessage command) => FlightDescriptor.CreateCommandDescriptor(Any.Pack(command).ToByteArray());

    /// <summary>A text column of every batch, in order (null for NULL).</summary>
    public static List<string?> Strings(IEnumerable<RecordBatch> batches, int column) =>
        batches.SelectMany(b => Enumerable.Range(0, b.Length).Select(i => (string?)((StringArray)b.Column(column)).GetString(i))).ToList();

    /// <summary>GetFlightInfo then DoGet of its one endpoint: every batch.</summary>
    public async Task<List<RecordBatch>> FetchAsync(FlightDescriptor descriptor, Metadata? session = null)
    {
        var info = await Client.GetInfo(descriptor, session);
        return await ReadAllAsync(Assert.Single(info.Endpoints).Ticket, session);
    }

    public async Task<List<RecordBatch>> ReadAllAsync(FlightTicket ticket, Metadata? session = null)
    {
        using var call = Client.GetStream(ticket, session);
        var batches = new List<RecordBatch>();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            batches.Add(call.ResponseStream.Current);
        }

        return batches;
    }

    /// <summary>An IPC-serialized schema, as ActionCreatePreparedStatementResult carries them.</summary>
    public static Schema ReadSchema(ByteString ipc)
    {
        Assert.False(ipc.IsEmpty, "a schema must be sent as IPC bytes, never as empty bytes");
        using var reader = new ArrowStreamReader(new MemoryStream(ipc.ToByteArray()));
        return reader.Schema;
    }

    private static async Task<List<FlightPutResult>> ReadPutResultsAsync(FlightRecordBatchDuplexStreamingCall call)
    {
        var results = new List<FlightPutResult>();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            results.Add(call.ResponseStream.Current);
        }

        return results;
    }
}
