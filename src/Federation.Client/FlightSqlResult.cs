using System.Runtime.CompilerServices;
using Apache.Arrow;
using Apache.Arrow.Flight;

namespace Federation.Client;

/// <summary>
/// A statement or metadata request the server has planned (its FlightInfo), whose rows are read by DoGet of each
/// endpoint in turn. Every endpoint is read on the client's own connection: the servers this shell meets answer
/// without locations, and several clients ignore them anyway.
/// </summary>
public sealed class FlightSqlResult
{
    private readonly FlightSqlClient _client;

    internal FlightSqlResult(FlightSqlClient client, FlightInfo info)
    {
        _client = client;
        Info = info;
        Schema = info.Schema is { FieldsList.Count: > 0 } schema ? schema : null;
    }

    public FlightInfo Info { get; }

    /// <summary>
    /// The result's columns: from the FlightInfo, or, when that carried none, from the first DoGet stream once
    /// <see cref="ReadBatchesAsync"/> has started.
    /// </summary>
    public Schema? Schema { get; private set; }

    /// <summary>Streams the batches of every endpoint; cancelling the token cancels the DoGet call under way.</summary>
    public IAsyncEnumerable<RecordBatch> ReadBatchesAsync(CancellationToken cancellationToken = default) => Read(cancellationToken);

    /// <summary>Reads every batch into memory: for small results such as metadata listings.</summary>
    public async Task<IReadOnlyList<RecordBatch>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        var batches = new List<RecordBatch>();
        await foreach (var batch in Read(cancellationToken).ConfigureAwait(false))
        {
            batches.Add(batch);
        }

        return batches;
    }

    /// <summary>Asks the server to stop the work behind this result (CancelFlightInfo); null when it does not support that.</summary>
    public Task<FlightCancelStatus?> CancelAsync(CancellationToken cancellationToken = default) => _client.CancelFlightInfoAsync(Info, cancellationToken);

    private async IAsyncEnumerable<RecordBatch> Read([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var endpoint in Info.Endpoints)
        {
            using var call = _client.Flight.GetStream(endpoint.Ticket, _client.CallHeaders, deadline: null, cancellationToken);
            var stream = call.ResponseStream;
            var more = await stream.MoveNext(cancellationToken).ConfigureAwait(false);
            if (Schema is null)
            {
                // The stream's schema is known once its first message is read, even when no batch follows.
                var streamSchema = await stream.Schema.ConfigureAwait(false);
                Schema = streamSchema is { FieldsList.Count: > 0 } ? streamSchema : Schema;
            }

            while (more)
            {
                yield return stream.Current;
                more = await stream.MoveNext(cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
