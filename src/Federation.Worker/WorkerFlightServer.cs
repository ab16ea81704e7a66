using Apache.Arrow;
using Apache.Arrow.Flight;
using Apache.Arrow.Flight.Server;
using Federation.Common;
using Federation.Common.Arrow;
using Federation.Common.Types;
using Federation.Exchange;
using Federation.Execution;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Federation.Worker;

/// <summary>
/// The worker's Flight service. DoGet takes a ticket signed by the coordinator (<see cref="FragmentTicket"/>), checks
/// its MAC and expiry before anything else, decodes the fragment, and streams the record batches of its scan back;
/// every other call is refused, since nothing but the coordinator should talk to a worker. A fragment that fails
/// (a missing or corrupt object) ends its call with a status naming the object; the worker runs the next one as
/// usual. When the caller cancels, the call's token stops the scan. After the last batch comes a zero-row batch whose
/// app_metadata is the fragment's <see cref="FragmentMetrics"/>.
/// </summary>
public sealed partial class WorkerFlightServer : FlightServer
{
    private readonly ClusterSecret _secret;
    private readonly FragmentPlanner _planner;
    private readonly WorkerOptions _options;
    private readonly TimeProvider _clock;
    private readonly WorkerLoad _load;
    private readonly ILogger<WorkerFlightServer> _logger;
    private readonly MemoryPool _processMemory;

    public WorkerFlightServer(ClusterSecret secret, FragmentPlanner planner, WorkerOptions options, TimeProvider clock, WorkerLoad load,
        MemoryPool processMemory, ILogger<WorkerFlightServer> logger)
    {
        _processMemory = processMemory;
        _load = load;
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
        var succeeded = false;
        TaskContext? task = null;
        _load.Started();
        try
        {
            var options = new ExecutionOptions
            {
                TargetPartitions = _options.ScanPartitions,
                VerifyPageChecksums = fragment.VerifyPageChecksums,
                TimeZone = fragment.TimeZone,
                SpectrumQueryMaxError = fragment.SpectrumQueryMaxError,
            };
            task = new TaskContext(options, cancellationToken, fragment.StatementTimestampMicros, processMemory: _processMemory);
            var plan = await _planner.PlanAsync(fragment, _options.ScanPartitions, cancellationToken).ConfigureAwait(false);
            var schema = plan.Root.Schema;
            await responseStream.SetupStream(schema).ConfigureAwait(false);
            long rows = 0;
            await foreach (var batch in plan.Root.ExecuteAsync(0, task).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                rows += batch.Length;
                await responseStream.WriteAsync(batch).ConfigureAwait(false);
            }

            await responseStream.WriteAsync(EmptyBatch(schema), ByteString.CopyFrom(Metrics(task, plan, rows).ToBytes())).ConfigureAwait(false);
            succeeded = true;
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
        finally
        {
            task?.Memory.Close();
            _load.Finished(succeeded);
        }
    }

    /// <summary>The scan's counters and the rows it produced and the fragment returned.</summary>
    private static FragmentMetrics Metrics(TaskContext task, FragmentPlan plan, long rowsReturned)
    {
        var counters = new Dictionary<string, long>(StringComparer.Ordinal) { [FragmentMetrics.RowsReturned] = rowsReturned };
        if (task.FindMetrics(plan.Scan) is { } scan)
        {
            foreach (var (name, value) in scan.Counters)
            {
                counters[name] = value;
            }

            // The scan applies the filters it can to what it decodes: the rows it read are those it passed on and those it dropped.
            counters[FragmentMetrics.RowsScanned] = scan.OutputRows + counters.GetValueOrDefault("rows_filtered");
        }

        if (task.ScanErrors.Handled > 0)
        {
            counters[FragmentMetrics.BadRowsSkipped] = task.ScanErrors.SkippedRows;
            counters[FragmentMetrics.BadValuesHandled] = task.ScanErrors.Handled;
        }

        return new FragmentMetrics(counters) { ScanErrors = task.ScanErrors.Snapshot() };
    }

    /// <summary>A batch of no rows: the carrier of the metrics after the last batch.</summary>
    private static RecordBatch EmptyBatch(Schema schema)
    {
        var columns = new IArrowArray[schema.FieldsList.Count];
        for (var c = 0; c < columns.Length; c++)
        {
            columns[c] = ArrayFactory.FromScalar(ScalarValue.NullOf(ArrowTypes.FromArrow(schema.FieldsList[c].DataType) ?? SqlType.String), 0);
        }

        return new RecordBatch(schema, columns, 0);
    }

    public override Task<FlightInfo> GetFlightInfo(FlightDescriptor request, ServerCallContext context) => throw WorkerErrors.NotServed("GetFlightInfo");

    public override Task<Schema> GetSchema(FlightDescriptor request, ServerCallContext context) => throw WorkerErrors.NotServed("GetSchema");

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
