using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using Apache.Arrow;
using Apache.Arrow.Flight;
using Apache.Arrow.Flight.Client;
using Federation.Client.Protocol;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Configuration;

namespace Federation.Client;

/// <summary>
/// A client for any Arrow Flight SQL server: Handshake, statements (queries through GetFlightInfo and DoGet,
/// everything else through DoPut), the catalog listings GetDbSchemas and GetTables, and cancellation. Commands
/// are the specification's messages, Any-packed in the descriptor.
/// </summary>
public sealed class FlightSqlClient : IDisposable
{
    /// <summary>Flight.proto's action type for cancelling the work behind a FlightInfo.</summary>
    public const string CancelFlightInfoAction = "CancelFlightInfo";

    private readonly GrpcChannel _channel;
    private readonly FlightSqlClientOptions _options;

    private FlightSqlClient(GrpcChannel channel, FlightSqlClientOptions options)
    {
        _channel = channel;
        _options = options;
        Flight = new FlightClient(channel);
        CallHeaders = BasicCredentials();
    }

    public FlightSqlClientOptions Options => _options;

    /// <summary>The bearer token Handshake returned, or null when the server gave none.</summary>
    public string? BearerToken { get; private set; }

    internal FlightClient Flight { get; }

    /// <summary>The headers every call after Handshake carries: the server's bearer token, else the basic credentials.</summary>
    internal Metadata CallHeaders { get; private set; }

    /// <summary>Opens a channel and handshakes; a server that cannot be reached is a <see cref="FlightSqlConnectionException"/>.</summary>
    public static async Task<FlightSqlClient> ConnectAsync(FlightSqlClientOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var channel = GrpcChannel.ForAddress(options.Address, new GrpcChannelOptions
        {
            // Record batches of wide rows easily pass gRPC's 4 MiB default; the server decides batch sizes.
            MaxReceiveMessageSize = null,
            MaxSendMessageSize = null,

            // A call that meets a connection the server has just closed (it restarted, or dropped an idle connection) fails
            // with Unavailable without reaching the server. gRPC repeats a call only until the server's response has begun;
            // the one case it could repeat work is a server that dies while running a statement, before answering.
            ServiceConfig = new ServiceConfig
            {
                MethodConfigs =
                {
                    new MethodConfig
                    {
                        Names = { MethodName.Default },
                        RetryPolicy = new RetryPolicy
                        {
                            MaxAttempts = 3,
                            InitialBackoff = TimeSpan.FromMilliseconds(100),
                            MaxBackoff = TimeSpan.FromSeconds(1),
                            BackoffMultiplier = 2,
                            RetryableStatusCodes = { StatusCode.Unavailable },
                        },
                    },
                },
            },
        });
        var client = new FlightSqlClient(channel, options);
        try
        {
            await client.HandshakeAsync(cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Handshake with basic credentials (when a user is set) in the authorization header and an empty payload, keeping
    /// the "authorization: Bearer" header the server answers for every later call. A server without Handshake is
    /// used without a token.
    /// </summary>
    public async Task HandshakeAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await OnOpenConnectionAsync(() => HandshakeOnceAsync(cancellationToken)).ConfigureAwait(false);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Unimplemented)
        {
            // No Handshake on this server: calls carry the basic credentials, if any.
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable || e.Status.DebugException is HttpRequestException)
        {
            // Unavailable: nothing answered. An HttpRequestException under another status: something answered, but not
            // as HTTP/2 gRPC could use (TLS to a plaintext port, or the other way round).
            throw new FlightSqlConnectionException(_options.Host, _options.Port, Reason(e), e);
        }
    }

    /// <summary>One Handshake call; the result only gives the retry helper a value to return.</summary>
    private async Task<bool> HandshakeOnceAsync(CancellationToken cancellationToken)
    {
        using var call = Flight.Handshake(BasicCredentials(), deadline: null, cancellationToken);
        await call.RequestStream.CompleteAsync().ConfigureAwait(false);
        var headers = await call.ResponseHeadersAsync.ConfigureAwait(false);
        while (await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
        {
        }

        // Some servers put the token in the trailers instead of the headers.
        var authorization = headers.GetValue("authorization") ?? call.GetTrailers().GetValue("authorization");
        if (authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            BearerToken = authorization["Bearer ".Length..].Trim();
            CallHeaders = new Metadata { { "authorization", "Bearer " + BearerToken } };
        }

        return true;
    }

    /// <summary>CommandStatementQuery on GetFlightInfo: plans the query; read the rows from the result.</summary>
    public Task<FlightSqlResult> ExecuteQueryAsync(string sql, CancellationToken cancellationToken = default) =>
        GetFlightInfoAsync(new CommandStatementQuery { Query = sql }, cancellationToken);

    /// <summary>
    /// CommandStatementUpdate on DoPut: the descriptor with a zero-field schema and no batches; the server answers one
    /// PutResult whose app_metadata is a DoPutUpdateResult. Returns its record count.
    /// </summary>
    public async Task<long> ExecuteUpdateAsync(string sql, CancellationToken cancellationToken = default) =>
        (await UpdateAsync(sql, cancellationToken).ConfigureAwait(false)).RecordCount;

    /// <summary>
    /// As <see cref="ExecuteUpdateAsync"/>, with the notices the statement raised without failing (PostgreSQL's
    /// NOTICE: "partition ... already exists, skipping"). Flight SQL has no message for them: a Federation server
    /// sends each as a binary response trailer, <see cref="NoticeTrailer"/>; other servers send none.
    /// </summary>
    public Task<FlightSqlUpdate> UpdateAsync(string sql, CancellationToken cancellationToken = default) =>
        OnOpenConnectionAsync(() => UpdateOnceAsync(sql, cancellationToken));

    /// <summary>The trailer a Federation server sends each notice in (UTF-8).</summary>
    public const string NoticeTrailer = "x-federation-notice-bin";

    private async Task<FlightSqlUpdate> UpdateOnceAsync(string sql, CancellationToken cancellationToken)
    {
        var descriptor = Descriptor(new CommandStatementUpdate { Query = sql });
        using var call = Flight.StartPut(descriptor, CallHeaders, deadline: null, cancellationToken);
        await call.RequestStream.SetupStream(new Schema.Builder().Build()).ConfigureAwait(false);
        await call.RequestStream.CompleteAsync().ConfigureAwait(false);

        long? count = null;
        while (await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            count ??= DoPutUpdateResult.Parser.ParseFrom(call.ResponseStream.Current.ApplicationMetadata).RecordCount;
        }

        var notices = new List<string>();
        foreach (var entry in call.GetTrailers())
        {
            if (entry.IsBinary && entry.Key == NoticeTrailer)
            {
                notices.Add(System.Text.Encoding.UTF8.GetString(entry.ValueBytes));
            }
        }

        return new FlightSqlUpdate(count ?? throw new RpcException(new Status(StatusCode.Internal, "the server answered the update without a DoPutUpdateResult")),
            notices);
    }

    /// <summary>The result schema of a query, planned but not run (GetSchema of a CommandStatementQuery).</summary>
    public Task<Schema> GetQuerySchemaAsync(string sql, CancellationToken cancellationToken = default) =>
        OnOpenConnectionAsync(() => Flight.GetSchema(Descriptor(new CommandStatementQuery { Query = sql }), CallHeaders, deadline: null, cancellationToken)
            .ResponseAsync);

    /// <summary>
    /// CommandGetDbSchemas: rows of (catalog_name, db_schema_name). Null arguments are left unset, so they do not narrow
    /// the search; the pattern takes % and _ wildcards.
    /// </summary>
    public Task<FlightSqlResult> GetDbSchemasAsync(string? catalog = null, string? schemaPattern = null, CancellationToken cancellationToken = default)
    {
        var command = new CommandGetDbSchemas();
        if (catalog is not null)
        {
            command.Catalog = catalog;
        }

        if (schemaPattern is not null)
        {
            command.DbSchemaFilterPattern = schemaPattern;
        }

        return GetFlightInfoAsync(command, cancellationToken);
    }

    /// <summary>
    /// CommandGetTables: rows of (catalog_name, db_schema_name, table_name, table_type[, table_schema]), table_schema
    /// being an IPC-serialized schema (see <see cref="DeserializeSchema"/>) when <paramref name="includeSchema"/> is set.
    /// </summary>
    public Task<FlightSqlResult> GetTablesAsync(string? catalog = null, string? schemaPattern = null, string? tablePattern = null,
        IEnumerable<string>? tableTypes = null, bool includeSchema = false, CancellationToken cancellationToken = default)
    {
        var command = new CommandGetTables { IncludeSchema = includeSchema };
        if (catalog is not null)
        {
            command.Catalog = catalog;
        }

        if (schemaPattern is not null)
        {
            command.DbSchemaFilterPattern = schemaPattern;
        }

        if (tablePattern is not null)
        {
            command.TableNameFilterPattern = tablePattern;
        }

        if (tableTypes is not null)
        {
            command.TableTypes.AddRange(tableTypes);
        }

        return GetFlightInfoAsync(command, cancellationToken);
    }

    /// <summary>
    /// Sends the CancelFlightInfo action (body: a CancelFlightInfoRequest holding the FlightInfo) and returns the
    /// server's CancelStatus, or null when the server does not implement the action.
    /// </summary>
    public async Task<FlightCancelStatus?> CancelFlightInfoAsync(FlightInfo info, CancellationToken cancellationToken = default)
    {
        var action = new FlightAction(CancelFlightInfoAction, new FlightInfoCancelRequest(info).ToByteString());
        try
        {
            using var call = Flight.DoAction(action, CallHeaders, deadline: null, cancellationToken);
            FlightCancelStatus? status = FlightCancelStatus.Unspecified;
            while (await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                var result = new FlightInfoCancelResult();
                result.MergeFrom(new CodedInputStream(call.ResponseStream.Current.Body.ToByteArray()));
                status = (FlightCancelStatus)result.GetCancelStatus();
            }

            return status;
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.Unimplemented)
        {
            return null;
        }
    }

    /// <summary>Reads an IPC-serialized schema, as GetTables' table_schema column carries it.</summary>
    public static Schema DeserializeSchema(ReadOnlyMemory<byte> serialized) => ArrowSerializationHelpers.DeserializeSchema(serialized);

    public void Dispose() => _channel.Dispose();

    private async Task<FlightSqlResult> GetFlightInfoAsync(IMessage command, CancellationToken cancellationToken)
    {
        try
        {
            var info = await OnOpenConnectionAsync(() => Flight.GetInfo(Descriptor(command), CallHeaders, deadline: null, cancellationToken).ResponseAsync)
                .ConfigureAwait(false);
            return new FlightSqlResult(this, info);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable && e.Status.DebugException is HttpRequestException)
        {
            throw new FlightSqlConnectionException(_options.Host, _options.Port, Reason(e), e);
        }
    }

    /// <summary>
    /// Runs a call, once more if it met a connection the server had just closed gracefully (HTTP/2 GOAWAY with NO_ERROR,
    /// after a restart or an idle timeout). gRPC reports that as Internal, which its retry policy must not repeat, but a
    /// server closing gracefully has finished every request it took, so this one never reached it and is safe to send again.
    /// </summary>
    private static async Task<T> OnOpenConnectionAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (RpcException e) when (IsGracefulClose(e.Status.DebugException))
        {
            return await call().ConfigureAwait(false);
        }
    }

    private static bool IsGracefulClose(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
        {
            if (error is HttpProtocolException { ErrorCode: 0 })
            {
                return true;
            }
        }

        return false;
    }

    private static FlightDescriptor Descriptor(IMessage command) => FlightDescriptor.CreateCommandDescriptor(Any.Pack(command).ToByteArray());

    private Metadata BasicCredentials()
    {
        var headers = new Metadata();
        if (_options.User is { } user)
        {
            var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + (_options.Password ?? string.Empty)));
            headers.Add("authorization", "Basic " + credentials);
        }

        return headers;
    }

    /// <summary>
    /// The most specific reason for a failed connection: the socket error ("Connection refused"), the TLS failure, or
    /// the innermost exception's message.
    /// </summary>
    private string Reason(RpcException error)
    {
        for (var inner = error.Status.DebugException; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case SocketException socket:
                    return socket.Message;
                case AuthenticationException tls:
                    return $"TLS handshake failed ({tls.Message}){(_options.UseTls ? "; does the server use TLS?" : string.Empty)}";
            }
        }

        return error.Status.DebugException?.GetBaseException().Message ?? error.Status.Detail;
    }
}
