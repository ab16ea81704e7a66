using System.Text;
using Apache.Arrow;
using Apache.Arrow.Flight.Client;
using Grpc.Core;
using Grpc.Net.Client;

namespace Federation.Coordinator.Tests;

/// <summary>
/// The calls a standard Flight SQL client makes for statements, over Apache Arrow's Flight client and this
/// project's own copy of the Flight SQL messages; it carries the session's authorization header once it has one.
/// </summary>
public sealed class FlightSqlTestClient : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly FlightClient _client;
    private readonly FlightSqlCalls _calls;

    public FlightSqlTestClient(Uri address, HttpMessageHandler? handler = null)
    {
        _channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = handler });
        _client = new FlightClient(_channel);
        _calls = new FlightSqlCalls(_client);
    }

    /// <summary>Sent with every call: the bearer token after a handshake, or whatever a test sets.</summary>
    public Metadata Headers { get; } = [];

    public static string Basic(string user, string password) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password));

    /// <summary>Handshake with basic credentials in the header (or none), keeping the bearer token it answers.</summary>
    public async Task HandshakeAsync(string? user = null, string? password = null)
    {
        var headers = new Metadata();
        if (user is not null)
        {
            headers.Add("authorization", Basic(user, password ?? string.Empty));
        }

        using var call = _client.Handshake(headers);
        await call.RequestStream.CompleteAsync();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
        }

        var authorization = (await call.ResponseHeadersAsync).GetValue("authorization")
            ?? throw new InvalidOperationException("the handshake answered no authorization header");
        SetAuthorization(authorization);
    }

    public void SetAuthorization(string value)
    {
        if (Headers.Get("authorization") is { } old)
        {
            Headers.Remove(old);
        }

        Headers.Add("authorization", value);
    }

    /// <summary>GetFlightInfo(CommandStatementQuery), then DoGet of its endpoint.</summary>
    public Task<List<RecordBatch>> QueryAsync(string sql) => _calls.FetchAsync(FlightSqlCalls.Query(sql), Headers);

    /// <summary>A query's batches as they arrive; leaving the loop early cancels the call.</summary>
    public async IAsyncEnumerable<RecordBatch> StreamAsync(string sql, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var info = await _client.GetInfo(FlightSqlCalls.Query(sql), Headers, deadline: null, cancellationToken);
        using var call = _client.GetStream(info.Endpoints[0].Ticket, Headers, deadline: null, cancellationToken);
        while (await call.ResponseStream.MoveNext(cancellationToken))
        {
            yield return call.ResponseStream.Current;
        }
    }

    /// <summary>
    /// GetFlightInfo, then DoGet of its endpoint, returned once the server has begun the DoGet (its response headers
    /// came): the query is running then, whether or not it has rows to send yet.
    /// </summary>
    public async Task<FlightRecordBatchStreamingCall> OpenStreamAsync(string sql)
    {
        var info = await _client.GetInfo(FlightSqlCalls.Query(sql), Headers);
        var call = _client.GetStream(info.Endpoints[0].Ticket, Headers);
        await call.ResponseHeadersAsync;
        return call;
    }

    /// <summary>The first column of a query's rows, as the values Arrow gives back.</summary>
    public async Task<List<object?>> ColumnAsync(string sql)
    {
        var values = new List<object?>();
        foreach (var batch in await QueryAsync(sql))
        {
            var column = batch.Column(0);
            for (var i = 0; i < batch.Length; i++)
            {
                values.Add(column switch
                {
                    Int64Array a => a.GetValue(i),
                    Int32Array a => a.GetValue(i),
                    StringArray a => a.GetString(i),
                    BooleanArray a => a.GetValue(i),
                    _ => throw new NotSupportedException(column.GetType().Name),
                });
            }
        }

        return values;
    }

    /// <summary>CommandStatementUpdate on DoPut: a zero-field schema and no batches, then exactly one PutResult.</summary>
    public Task<long> UpdateAsync(string sql) => _calls.UpdateAsync(sql, Headers);

    public void Dispose() => _channel.Dispose();
}
