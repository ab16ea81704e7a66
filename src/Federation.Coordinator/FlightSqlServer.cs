using System.Text;
using Apache.Arrow;
using Apache.Arrow.Flight;
using Apache.Arrow.Flight.Server;
using Apache.Arrow.Types;
using Federation.Common;
using Federation.Common.Arrow;
using Federation.Coordinator.MetadataResults;
using Federation.Coordinator.Protocol;
using Federation.Coordinator.Workers;
using Federation.Engine;
using Federation.Exchange;
using Federation.Sql.Ast;
using Federation.Sql.Parsing;
using Google.Protobuf;
using Grpc.Core;

namespace Federation.Coordinator;

/// <summary>
/// The Flight SQL front end of the engine. Flight's gRPC host creates one of these per call, so everything that
/// outlives a call (sessions, results waiting for DoGet) lives in the singletons it is given.
/// <list type="bullet">
/// <item>GetFlightInfo(CommandStatementQuery) plans the statement and answers its schema and one endpoint whose
/// ticket (an Any-packed TicketStatementQuery) fetches the rows on this same connection.</item>
/// <item>DoGet(TicketStatementQuery) streams those rows.</item>
/// <item>GetSchema(CommandStatementQuery) plans without running.</item>
/// <item>DoPut(CommandStatementUpdate) runs DDL or DML and answers one PutResult holding a DoPutUpdateResult.</item>
/// <item>Handshake opens a session for the authenticated user and returns its bearer token.</item>
/// <item>The metadata commands (GetSqlInfo, GetTables, ... in MetadataResults/): GetFlightInfo and GetSchema
/// answer their fixed schema, and DoGet of the ticket, the command itself, computes the rows.</item>
/// <item>Prepared statements (DoAction, GetFlightInfo, GetSchema, DoPut on their handles) are
/// <see cref="FlightSqlPreparedStatements"/>'s; the cancel actions are <see cref="QueryCancellation"/>'s.</item>
/// </list>
/// Errors become gRPC statuses (<see cref="FlightSqlErrors"/>); a failed call never takes the server down.
/// </summary>
public sealed class FlightSqlServer : FlightServer
{
    /// <summary>The binary response trailer each notice of a statement sent as an update goes back in (UTF-8).</summary>
    public const string NoticeTrailer = "x-federation-notice-bin";

    /// <summary>
    /// Flight SQL has no message for notices: each goes back as a binary trailer of the update's call, which clients
    /// that do not know it ignore.
    /// </summary>
    internal static void SendNotices(StatementResult result, Metadata trailers)
    {
        foreach (var notice in result.Notices)
        {
            trailers.Add(NoticeTrailer, System.Text.Encoding.UTF8.GetBytes(notice));
        }
    }

    /// <summary>The one column a statement without rows answers when it arrives as a query: how many rows it changed.</summary>
    internal static readonly Schema RecordCountSchema = new Schema.Builder()
        .Field(new Field("record_count", Int64Type.Default, nullable: false))
        .Build();

    private readonly SessionRegistry _sessions;
    private readonly PendingResults _pending;
    private readonly FlightSqlPreparedStatements _prepared;
    private readonly QueryCancellation _cancellation;
    private readonly WorkerPool _pool;
    private readonly ServerShutdown _shutdown;

    public FlightSqlServer(SessionRegistry sessions, PendingResults pending, FlightSqlPreparedStatements prepared, QueryCancellation cancellation,
        WorkerPool pool, ServerShutdown shutdown)
    {
        _shutdown = shutdown;
        _pool = pool;
        _sessions = sessions;
        _pending = pending;
        _prepared = prepared;
        _cancellation = cancellation;
    }

    public override async Task Handshake(IAsyncStreamReader<FlightHandshakeRequest> requestStream, IAsyncStreamWriter<FlightHandshakeResponse> responseStream,
        ServerCallContext context)
    {
        // The interceptor has checked the basic credentials of the authorization header (or accepted an anonymous
        // client); the request payloads carry nothing we need, but the stream is read to its end as the protocol
        // expects.
        while (await requestStream.MoveNext(context.CancellationToken).ConfigureAwait(false))
        {
        }

        var token = _sessions.Open(context);
        await context.WriteResponseHeadersAsync(new Metadata { { "authorization", "Bearer " + token } }).ConfigureAwait(false);
        await responseStream.WriteAsync(new FlightHandshakeResponse(ByteString.CopyFromUtf8(token))).ConfigureAwait(false);
    }

    public override Task<FlightInfo> GetFlightInfo(FlightDescriptor request, ServerCallContext context) =>
        Guard(async () =>
        {
            var command = FlightSqlCommand.Unpack(request.Command);
            if (MetadataCommands.Parse(command) is { } metadata)
            {
                return MetadataInfo(request, metadata, context);
            }

            if (FlightSqlCommand.As<CommandPreparedStatementQuery>(command) is { } prepared)
            {
                return await _prepared.GetFlightInfoAsync(prepared, request).ConfigureAwait(false);
            }

            var query = FlightSqlCommand.As<CommandStatementQuery>(command)
                ?? throw Unsupported("GetFlightInfo", command);
            var session = _sessions.For(context);
            var statement = SqlParser.ParseStatement(query.Query);

            // The statement's execution belongs to the pending result, not to this call: this call ends before DoGet
            // reads the rows.
            var lifetime = _shutdown.StatementLifetime();
            StatementResult result;
            try
            {
                result = await session.ExecuteAsync(statement, [], lifetime.Token).ConfigureAwait(false);
                if (!result.ReturnsRows)
                {
                    result = RecordCountResult(result);
                }
            }
            catch
            {
                lifetime.Dispose();
                throw;
            }

            return _pending.Publish(result, lifetime, request);
        });

    public override Task DoGet(FlightTicket ticket, FlightServerRecordBatchStreamWriter responseStream, ServerCallContext context) =>
        Guard(async () =>
        {
            var command = FlightSqlCommand.Unpack(ticket.Ticket);
            if (MetadataCommands.Parse(command) is { } metadata)
            {
                return await WriteMetadataAsync(metadata, responseStream, context).ConfigureAwait(false);
            }

            var statement = FlightSqlCommand.As<TicketStatementQuery>(command) ?? throw Unsupported("DoGet", command);
            using var pending = _pending.Take(statement.StatementHandle.Span)
                ?? throw new RpcException(new Status(StatusCode.NotFound, "unknown statement handle: its result was already read, or expired"));
            using var cancelWithCall = context.CancellationToken.Register(pending.Cancel);
            if (pending.Lifetime.IsCancellationRequested)
            {
                // Cancelled (CancelFlightInfo) while it waited for this DoGet.
                throw new RpcException(new Status(StatusCode.Cancelled, "canceling statement due to user request"));
            }

            // Headers now: a client's gRPC retries a call whose response has not begun, and this ticket reads once, so a
            // failure later (the server stopping mid-query: Unavailable) must reach the client as it is.
            await context.WriteResponseHeadersAsync([]).ConfigureAwait(false);

            // The schema goes first, so a result without rows still tells the client its columns.
            await responseStream.SetupStream(pending.Result.Schema).ConfigureAwait(false);
            await foreach (var batch in pending.Result.Batches.WithCancellation(pending.Lifetime.Token).ConfigureAwait(false))
            {
                await responseStream.WriteAsync(batch).ConfigureAwait(false);
            }

            return true;
        });

    public override Task<Schema> GetSchema(FlightDescriptor request, ServerCallContext context) =>
        Guard(() =>
        {
            var command = FlightSqlCommand.Unpack(request.Command);
            if (MetadataCommands.Parse(command) is { } metadata)
            {
                _sessions.For(context); // refuses a stale token, as every other call does
                return Task.FromResult(metadata.Schema);
            }

            if (FlightSqlCommand.As<CommandPreparedStatementQuery>(command) is { } prepared)
            {
                return Task.FromResult(_prepared.GetSchema(prepared));
            }

            var query = FlightSqlCommand.As<CommandStatementQuery>(command) ?? throw Unsupported("GetSchema", command);
            var session = _sessions.For(context);
            var statement = SqlParser.ParseStatement(query.Query);

            // Only a query has a result schema that planning alone can tell; other statements answer as
            // GetFlightInfo would run them: a row count.
            var schema = statement is QueryStatement select ? ZonedSchema.For(session.PlanQuery(select.Query).Physical.Schema, session.Options.TimeZone) : RecordCountSchema;
            return Task.FromResult(schema);
        });

    public override Task DoPut(FlightServerRecordBatchStreamReader requestStream, IAsyncStreamWriter<FlightPutResult> responseStream, ServerCallContext context) =>
        Guard(async () =>
        {
            var descriptor = await requestStream.FlightDescriptor.ConfigureAwait(false);
            var command = FlightSqlCommand.Unpack(descriptor.Command);
            if (FlightSqlCommand.As<CommandPreparedStatementQuery>(command) is { } bind)
            {
                using var binding = _shutdown.StatementLifetime(context.CancellationToken);
                await _prepared.BindAsync(bind, requestStream, responseStream, binding.Token).ConfigureAwait(false);
                return true;
            }

            if (FlightSqlCommand.As<CommandPreparedStatementUpdate>(command) is { } preparedUpdate)
            {
                using var running = _shutdown.StatementLifetime(context.CancellationToken);
                await _prepared.ExecuteUpdateAsync(preparedUpdate, requestStream, responseStream, context.ResponseTrailers, running.Token).ConfigureAwait(false);
                return true;
            }

            var update = FlightSqlCommand.As<CommandStatementUpdate>(command) ?? throw Unsupported("DoPut", command);
            var session = _sessions.For(context);
            var statement = SqlParser.ParseStatement(update.Query);
            if (statement is QueryStatement)
            {
                throw new FederationException(ErrorCode.InvalidArgument,
                    "a query returns rows: send it as CommandStatementQuery (GetFlightInfo and DoGet), not CommandStatementUpdate");
            }

            using var lifetime = _shutdown.StatementLifetime(context.CancellationToken);
            var result = await session.ExecuteAsync(statement, [], lifetime.Token).ConfigureAwait(false);

            // EXPLAIN or SHOW sent as an update: their rows have nowhere to go, but they are read so the statement
            // completes as it would anywhere else.
            await foreach (var _ in result.Batches.WithCancellation(lifetime.Token).ConfigureAwait(false))
            {
            }

            SendNotices(result, context.ResponseTrailers);

            // DoPutUpdateResult is serialized as is, not Any-packed. DDL changes no rows: 0, as JDBC reports it.
            var answer = new DoPutUpdateResult { RecordCount = result.RowsAffected ?? 0 };
            await responseStream.WriteAsync(new FlightPutResult(answer.ToByteString())).ConfigureAwait(false);
            return true;
        });

    /// <summary>
    /// A metadata command's fixed schema and one endpoint whose ticket is the command itself: DoGet computes the
    /// rows when they are read, so nothing waits on the server in between.
    /// </summary>
    private FlightInfo MetadataInfo(FlightDescriptor request, IMetadataResult metadata, ServerCallContext context)
    {
        _sessions.For(context); // refuses a stale token here, as every other call does
        return new FlightInfo(metadata.Schema, request, [new FlightEndpoint(new FlightTicket(request.Command), [])]);
    }

    private async Task<bool> WriteMetadataAsync(IMetadataResult metadata, FlightServerRecordBatchStreamWriter responseStream, ServerCallContext context)
    {
        var batch = metadata.Compute(_sessions.For(context));
        await responseStream.SetupStream(metadata.Schema).ConfigureAwait(false);
        if (batch.Length > 0)
        {
            await responseStream.WriteAsync(batch).ConfigureAwait(false);
        }

        return true;
    }


    public override Task DoAction(FlightAction request, IAsyncStreamWriter<FlightResult> responseStream, ServerCallContext context) =>
        Guard(async () =>
        {
            FlightResult? result = request.Type switch
            {
                FlightSqlActions.CreatePreparedStatement => _prepared.Create(request.Body, context),
                FlightSqlActions.ClosePreparedStatement => Close(request.Body),
                FlightSqlActions.CancelFlightInfo => _cancellation.CancelFlightInfo(request.Body),
                FlightSqlActions.CancelQuery => _cancellation.CancelQuery(request.Body),
                WorkerHeartbeat.ActionType => Heartbeat(request.Body, context),
                _ => throw new RpcException(new Status(StatusCode.Unimplemented,
                    $"unknown action \"{request.Type}\": this server supports {FlightSqlActions.Names}")),
            };
            if (result is not null)
            {
                await responseStream.WriteAsync(result).ConfigureAwait(false);
            }

            return true;
        });

    /// <summary>A worker's heartbeat: signed with the cluster secret, which is its only credential (the interceptor lets it through).</summary>
    private FlightResult? Heartbeat(ByteString body, ServerCallContext context)
    {
        _pool.Accept(body.Span, context.Peer);
        return null;
    }

    public override async Task ListActions(IAsyncStreamWriter<FlightActionType> responseStream, ServerCallContext context)
    {
        foreach (var action in FlightSqlActions.All)
        {
            await responseStream.WriteAsync(action).ConfigureAwait(false);
        }
    }

    /// <summary>ClosePreparedStatement answers no result.</summary>
    private FlightResult? Close(ByteString body)
    {
        _prepared.Close(body);
        return null;
    }

    internal static StatementResult RecordCountResult(StatementResult result)
    {
        var count = new Int64Array.Builder().Append(result.RowsAffected ?? 0).Build();
        var batch = new RecordBatch(RecordCountSchema, [count], 1);
        return new StatementResult(RecordCountSchema, [Common.Types.SqlType.Int64], One(batch), result.CommandTag, result.RowsAffected);
    }

    private static async IAsyncEnumerable<RecordBatch> One(RecordBatch batch)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        yield return batch;
    }

    private static RpcException Unsupported(string call, Google.Protobuf.WellKnownTypes.Any command) =>
        new(new Status(StatusCode.Unimplemented, $"{call} does not support {FlightSqlCommand.NameOf(command)} yet"));

    /// <summary>Runs a call, turning engine errors into the matching gRPC status.</summary>
    private async Task<T> Guard<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (FederationException e)
        {
            throw _shutdown.ToRpcException(e);
        }
    }
}
