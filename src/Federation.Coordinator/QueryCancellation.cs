using FlightResult = Apache.Arrow.Flight.FlightResult;
using Federation.Coordinator.Protocol;
using Federation.Coordinator.Protocol.Flight;
using Google.Protobuf;
using Grpc.Core;

namespace Federation.Coordinator;

/// <summary>
/// The cancel actions: Flight's CancelFlightInfo and Flight SQL's older CancelQuery. Both carry the FlightInfo that
/// GetFlightInfo answered; each of its tickets names a pending result, which is cancelled whether it still waits for
/// DoGet or DoGet is streaming it (that DoGet then ends with Cancelled). A FlightInfo none of whose tickets is
/// pending any more (read to the end, expired, not ours) is NotFound, as the specification asks.
/// </summary>
public sealed class QueryCancellation
{
    private readonly PendingResults _pending;

    public QueryCancellation(PendingResults pending)
    {
        _pending = pending;
    }

    /// <summary>CancelFlightInfo: body and result are a CancelFlightInfoRequest and CancelFlightInfoResult, serialized as is.</summary>
    public FlightResult CancelFlightInfo(ByteString body)
    {
        CancelFlightInfoRequest request;
        try
        {
            request = CancelFlightInfoRequest.Parser.ParseFrom(body);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw FlightSqlErrors.InvalidRequest("the body of CancelFlightInfo must be a CancelFlightInfoRequest: " + e.Message);
        }

        Cancel(request.Info ?? throw FlightSqlErrors.InvalidRequest("CancelFlightInfoRequest carries no FlightInfo"));
        return new FlightResult(new CancelFlightInfoResult { Status = CancelStatus.Cancelled }.ToByteString());
    }

    /// <summary>CancelQuery: an Any-packed ActionCancelQueryRequest holding a serialized FlightInfo; the result is Any-packed too.</summary>
    public FlightResult CancelQuery(ByteString body)
    {
        // The specification deprecates these messages in favour of CancelFlightInfo; older clients still send them.
#pragma warning disable CS0612, CS0618
        var request = FlightSqlCommand.As<ActionCancelQueryRequest>(FlightSqlCommand.Unpack(body))
            ?? throw FlightSqlErrors.InvalidRequest("the body of CancelQuery must be an Any-packed ActionCancelQueryRequest");
        FlightInfo info;
        try
        {
            info = FlightInfo.Parser.ParseFrom(request.Info);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw FlightSqlErrors.InvalidRequest("ActionCancelQueryRequest.info must be a serialized FlightInfo: " + e.Message);
        }

        Cancel(info);
        return new FlightResult(FlightSqlCommand.Pack(new ActionCancelQueryResult { Result = ActionCancelQueryResult.Types.CancelResult.Cancelled }));
#pragma warning restore CS0612, CS0618
    }

    private void Cancel(FlightInfo info)
    {
        var cancelled = 0;
        foreach (var endpoint in info.Endpoint)
        {
            if (endpoint.Ticket is null)
            {
                continue;
            }

            var ticket = FlightSqlCommand.As<TicketStatementQuery>(FlightSqlCommand.Unpack(endpoint.Ticket.Ticket_));
            if (ticket is not null && _pending.Cancel(ticket.StatementHandle.Span))
            {
                cancelled++;
            }
        }

        if (cancelled == 0)
        {
            throw new RpcException(new Status(StatusCode.NotFound,
                "no query of this FlightInfo is running or waiting to be read: it finished and was read, expired, or never came from this server"));
        }
    }
}
