using Apache.Arrow.Flight;
using Apache.Arrow.Flight.Server;
using Federation.Common;
using Federation.Exchange;
using Federation.Execution;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Federation.Worker;

/// <summary>
/// The worker's Flight service. DoGet takes a ticket signed by the coordinator (<see cref="FragmentTicket"/>), checks
/// its MAC and expiry before anything else, decodes the fragment, and streams the record batches of its scan back;
/// every other call is refused, since nothing but the coordinator should talk to a worker. A fragment that fails
/// (a missing or corrupt object) ends its call with a status naming the object; the worker runs the next one as
/// usual. When the caller cancels, the call's token stops the scan.
/// </summary>
public sealed partial class WorkerFlightServer : FlightServer
{
    private readonly ClusterSecret _secret;
    private readonly FragmentPlanner _planner;
    private readonly WorkerOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<WorkerFlightServer> _logger;

    public WorkerFlightServer(ClusterSecret secret, FragmentPlanner planner, WorkerOptions options, TimeProvider clock, ILogger<WorkerFlightServer> logger)
    {
        _secret = secret;
        _planner = planner;
        _options = options;
        _clock = clock;
        _logger = logger;
    }

    public override async Task DoGet(FlightTicket ticket, FlightServerRecordBatchStreamWriter responseStream, ServerCallContext context)
    {
        ScanFragment fragment;
        try
        {
            var bytes = FragmentTicket.Verify(ticket.Ticket.Span, _secret, _clock.GetUtcNow());
            fragment = FragmentCodec.Decode(bytes.Span);
        }
        catch (TicketRejectedException e)
        {
            LogRejected(context.Peer, e.Message);
            throw WorkerErrors.Rejected(e.Message);
        }
        catch (FederationException e)
        {
            throw WorkerErrors.ToRpcException(e, "(undecodable)");
        }

        var cancellationToken = context.CancellationToken;
        try
        {
            var task = new TaskContext(new ExecutionOptions { TargetPartitions = _options.ScanPartitions }, cancellationToken, fragment.StatementTimestampMicros);
            var plan = await _planner.PlanAsync(fragment, _options.ScanPartitions, cancellationToken).ConfigureAwait(false);
            await responseStream.SetupStream(plan.Schema).ConfigureAwait(false);
            await foreach (var batch in plan.ExecuteAsync(0, task).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                await responseStream.WriteAsync(batch).ConfigureAwait(false);
            }
        }
        catch (FederationException e)
        {
            LogFailed(fragment.Id, e.Message);
            throw WorkerErrors.ToRpcException(e, fragment.Id);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.Cancelled, $"fragment {fragment.Id}: cancelled by the caller"));
        }
    }

    public override Task<FlightInfo> GetFlightInfo(FlightDescriptor request, ServerCallContext context) => throw WorkerErrors.NotServed("GetFlightInfo");

    public override Task<Apache.Arrow.Schema> GetSchema(FlightDescriptor request, ServerCallContext context) => throw WorkerErrors.NotServed("GetSchema");

    public override Task DoPut(FlightServerRecordBatchStreamReader requestStream, IAsyncStreamWriter<FlightPutResult> responseStream, ServerCallContext context) =>
        throw WorkerErrors.NotServed("DoPut");

    public override Task DoAction(FlightAction request, IAsyncStreamWriter<FlightResult> responseStream, ServerCallContext context) =>
        throw WorkerErrors.NotServed("DoAction");

    public override Task ListFlights(FlightCriteria request, IAsyncStreamWriter<FlightInfo> responseStream, ServerCallContext context) =>
        throw WorkerErrors.NotServed("ListFlights");

    public override Task Handshake(IAsyncStreamReader<FlightHandshakeRequest> requestStream, IAsyncStreamWriter<FlightHandshakeResponse> responseStream,
        ServerCallContext context) => throw WorkerErrors.NotServed("Handshake");

    [LoggerMessage(Level = LogLevel.Warning, Message = "refused a scan fragment from {Peer}: {Reason}")]
    private partial void LogRejected(string peer, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "fragment {Fragment} failed: {Reason}")]
    private partial void LogFailed(string fragment, string reason);
}
