using Apache.Arrow;
using Apache.Arrow.Flight;
using Apache.Arrow.Flight.Server;
using Federation.Common;
using Federation.Common.Types;
using Federation.Coordinator.Protocol;
using Federation.Engine;
using Federation.Sql.Ast;
using Federation.Sql.Parsing;
using Google.Protobuf;
using Grpc.Core;

namespace Federation.Coordinator;

/// <summary>
/// Flight SQL prepared statements, for <see cref="FlightSqlServer"/> to dispatch to:
/// <list type="bullet">
/// <item>CreatePreparedStatement prepares the SQL in the caller's session (the engine types its $n parameters) and
/// answers the handle with the result and parameter schemas; ClosePreparedStatement forgets it.</item>
/// <item>DoPut(CommandPreparedStatementQuery) binds parameter values, one set per uploaded row, kept under the same
/// handle.</item>
/// <item>GetFlightInfo(CommandPreparedStatementQuery) runs the statement once per bound set, whatever its kind (a
/// statement without rows answers a one-row record_count), and answers a ticket as a plain query does.</item>
/// <item>DoPut(CommandPreparedStatementUpdate) runs it once per set and answers the total count.</item>
/// </list>
/// </summary>
public sealed class FlightSqlPreparedStatements
{
    private readonly SessionRegistry _sessions;
    private readonly PreparedStatements _statements;
    private readonly PendingResults _pending;
    private readonly ServerShutdown _shutdown;

    public FlightSqlPreparedStatements(SessionRegistry sessions, PreparedStatements statements, PendingResults pending, ServerShutdown shutdown)
    {
        _shutdown = shutdown;
        _sessions = sessions;
        _statements = statements;
        _pending = pending;
    }

    /// <summary>The CreatePreparedStatement action: an Any-packed ActionCreatePreparedStatementResult.</summary>
    public FlightResult Create(ByteString body, ServerCallContext context)
    {
        var request = ActionRequest<ActionCreatePreparedStatementRequest>(body, "CreatePreparedStatement");
        CheckNoTransaction(request.HasTransactionId ? request.TransactionId : ByteString.Empty);
        var session = _sessions.For(context);
        var prepared = session.Prepare(SqlParser.ParseStatement(request.Query));
        var handle = _statements.Add(session, prepared);

        // Both schemas always go as IPC bytes, with no fields when there is nothing to describe: the C# client
        // rejects empty bytes, DML included.
        var result = new ActionCreatePreparedStatementResult
        {
            PreparedStatementHandle = ByteString.CopyFrom(handle),
            DatasetSchema = ByteString.CopyFrom(ArrowSerializationHelpers.SerializeSchema(prepared.ResultSchema)),
            ParameterSchema = ByteString.CopyFrom(ArrowSerializationHelpers.SerializeSchema(prepared.ParameterSchema)),
        };
        return new FlightResult(FlightSqlCommand.Pack(result));
    }

    /// <summary>The ClosePreparedStatement action. Closing a handle that expired or was closed already is not an error.</summary>
    public void Close(ByteString body)
    {
        var request = ActionRequest<ActionClosePreparedStatementRequest>(body, "ClosePreparedStatement");
        _statements.Close(request.PreparedStatementHandle.Span);
    }

    /// <summary>Runs the statement with its bound parameters; the rows wait for DoGet under the answered ticket.</summary>
    public async Task<FlightInfo> GetFlightInfoAsync(CommandPreparedStatementQuery command, FlightDescriptor descriptor)
    {
        var open = Find(command.PreparedStatementHandle);
        var runs = open.Runs();

        // As for a plain query, the execution belongs to the pending result: this call ends before DoGet reads it.
        var lifetime = _shutdown.StatementLifetime();
        StatementResult result;
        try
        {
            result = open.Statement.ReturnsRows
                ? await QueryAsync(open, runs, lifetime.Token).ConfigureAwait(false)
                : FlightSqlServer.RecordCountResult(await UpdateAsync(open, runs, lifetime.Token).ConfigureAwait(false));
        }
        catch
        {
            lifetime.Dispose();
            throw;
        }

        return _pending.Publish(result, lifetime, descriptor);
    }

    /// <summary>The schema GetFlightInfo's rows will have: the result columns, or record_count for a statement without rows.</summary>
    public Schema GetSchema(CommandPreparedStatementQuery command)
    {
        var open = Find(command.PreparedStatementHandle);
        return open.Statement.ReturnsRows ? open.Statement.ResultSchema : FlightSqlServer.RecordCountSchema;
    }

    /// <summary>
    /// DoPut(CommandPreparedStatementQuery): binds the uploaded rows as parameter sets and answers a
    /// DoPutPreparedStatementResult with the same handle (the values stay with it; some clients ignore a new one).
    /// </summary>
    public async Task BindAsync(CommandPreparedStatementQuery command, FlightServerRecordBatchStreamReader parameters,
        IAsyncStreamWriter<FlightPutResult> responseStream, CancellationToken cancellationToken)
    {
        var open = Find(command.PreparedStatementHandle);
        open.Bind(await ReadParameterSetsAsync(open, parameters, cancellationToken).ConfigureAwait(false));

        // Serialized as is, not Any-packed, like DoPutUpdateResult.
        var answer = new DoPutPreparedStatementResult { PreparedStatementHandle = command.PreparedStatementHandle };
        await responseStream.WriteAsync(new FlightPutResult(answer.ToByteString())).ConfigureAwait(false);
    }

    /// <summary>
    /// DoPut(CommandPreparedStatementUpdate): runs the statement once per parameter set, those uploaded with this call
    /// or else those bound before, and answers one DoPutUpdateResult with the rows changed in all.
    /// </summary>
    public async Task ExecuteUpdateAsync(CommandPreparedStatementUpdate command, FlightServerRecordBatchStreamReader parameters,
        IAsyncStreamWriter<FlightPutResult> responseStream, Metadata trailers, CancellationToken cancellationToken)
    {
        var open = Find(command.PreparedStatementHandle);
        if (open.Statement.Statement is QueryStatement)
        {
            throw new FederationException(ErrorCode.InvalidArgument,
                "a query returns rows: execute it as CommandPreparedStatementQuery (GetFlightInfo and DoGet), not CommandPreparedStatementUpdate");
        }

        var uploaded = await ReadParameterSetsAsync(open, parameters, cancellationToken).ConfigureAwait(false);
        if (uploaded.Count > 0)
        {
            open.Bind(uploaded);
        }

        var result = await UpdateAsync(open, open.Runs(), cancellationToken).ConfigureAwait(false);
        FlightSqlServer.SendNotices(result, trailers);
        var answer = new DoPutUpdateResult { RecordCount = result.RowsAffected ?? 0 };
        await responseStream.WriteAsync(new FlightPutResult(answer.ToByteString())).ConfigureAwait(false);
    }

    private OpenPreparedStatement Find(ByteString handle) =>
        _statements.Find(handle.Span)
        ?? throw new RpcException(new Status(StatusCode.NotFound, "unknown prepared statement handle: it was closed, or expired unused"));

    /// <summary>Every row of every uploaded batch is one parameter set, converted to the parameter types.</summary>
    private static async Task<List<IReadOnlyList<ScalarValue>>> ReadParameterSetsAsync(OpenPreparedStatement open, FlightServerRecordBatchStreamReader parameters,
        CancellationToken cancellationToken)
    {
        var sets = new List<IReadOnlyList<ScalarValue>>();
        while (await parameters.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            sets.AddRange(open.Statement.BindRows(parameters.Current));
        }

        return sets;
    }

    /// <summary>A statement with rows, once per parameter set, its results one after the other.</summary>
    private static async Task<StatementResult> QueryAsync(OpenPreparedStatement open, IReadOnlyList<IReadOnlyList<ScalarValue>> runs,
        CancellationToken cancellationToken)
    {
        var results = new List<StatementResult>(runs.Count);
        foreach (var run in runs)
        {
            results.Add(await open.Session.ExecuteAsync(open.Statement.Statement, run, cancellationToken).ConfigureAwait(false));
        }

        var first = results[0];
        return results.Count == 1 ? first : new StatementResult(first.Schema, first.ColumnTypes, Concat(results), first.CommandTag);
    }

    private static async IAsyncEnumerable<RecordBatch> Concat(List<StatementResult> results)
    {
        foreach (var result in results)
        {
            await foreach (var batch in result.Batches.ConfigureAwait(false))
            {
                yield return batch;
            }
        }
    }

    /// <summary>A statement without rows, once per parameter set in order; the count is the sum over the runs.</summary>
    private static async Task<StatementResult> UpdateAsync(OpenPreparedStatement open, IReadOnlyList<IReadOnlyList<ScalarValue>> runs,
        CancellationToken cancellationToken)
    {
        var tag = string.Empty;
        var total = 0L;
        var notices = new List<string>();
        foreach (var run in runs)
        {
            var result = await open.Session.ExecuteAsync(open.Statement.Statement, run, cancellationToken).ConfigureAwait(false);

            // EXPLAIN or SHOW run as an update: their rows are read so the statement completes, then dropped.
            await foreach (var _ in result.Batches.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
            }

            tag = result.CommandTag;
            total += result.RowsAffected ?? 0;
            notices.AddRange(result.Notices);
        }

        return StatementResult.Command(tag, total, notices);
    }

    private static T ActionRequest<T>(ByteString body, string action)
        where T : class, IMessage<T>, new() =>
        FlightSqlCommand.As<T>(FlightSqlCommand.Unpack(body))
        ?? throw FlightSqlErrors.InvalidRequest($"the body of the {action} action must be an Any-packed {typeof(T).Name}");

    /// <summary>An empty transaction id means none (the C# client always sends one); this server never hands out another.</summary>
    private static void CheckNoTransaction(ByteString transactionId)
    {
        if (!transactionId.IsEmpty)
        {
            throw FlightSqlErrors.InvalidRequest("unknown transaction id: this server does not support transactions (BeginTransaction)");
        }
    }
}
