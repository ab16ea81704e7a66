using Federation.Common;
using Federation.Exchange;
using Grpc.Core;

namespace Federation.Coordinator;

/// <summary>
/// Turns Federation's errors into gRPC statuses (<see cref="ErrorStatus"/>, the same a worker answers). Clients see
/// only the status code and the message, so the message must be the engine's own, with its line and column.
/// </summary>
public static class FlightSqlErrors
{
    public static StatusCode StatusOf(FederationException error) => ErrorStatus.Of(error);

    public static RpcException ToRpcException(FederationException error) =>
        new(new Status(StatusOf(error), error.Message));

    /// <summary>A request the protocol does not allow: bad protobuf, an unknown command, a ticket we never issued.</summary>
    public static RpcException InvalidRequest(string message) => new(new Status(StatusCode.InvalidArgument, message));
}
