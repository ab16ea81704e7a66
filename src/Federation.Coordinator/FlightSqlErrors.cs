using Federation.Common;
using Grpc.Core;

namespace Federation.Coordinator;

/// <summary>
/// Turns Federation's errors into gRPC statuses. Clients see only the status code and the message, so the code
/// must say what kind of failure it was (fix the SQL, the object is missing, the server cannot do it) and the
/// message must be the engine's own, with its line and column.
/// </summary>
public static class FlightSqlErrors
{
    public static StatusCode StatusOf(FederationException error) => error.Code switch
    {
        ErrorCode.TableNotFound or ErrorCode.SchemaNotFound or ErrorCode.ObjectNotFound => StatusCode.NotFound,
        ErrorCode.DuplicateObject => StatusCode.AlreadyExists,
        ErrorCode.QueryCancelled => StatusCode.Cancelled,
        ErrorCode.PermissionDenied => StatusCode.PermissionDenied,
        // An object that cannot be read (corrupt, truncated, inconsistent, changed while read, refused by the store)
        // stays so however often the statement is retried: not Unavailable, which clients retry on their own.
        ErrorCode.ObjectReadError => StatusCode.FailedPrecondition,
        _ => error.Category switch
        {
            ErrorCategory.Plan or ErrorCategory.Execution => StatusCode.InvalidArgument,
            ErrorCategory.NotSupported => StatusCode.Unimplemented,
            ErrorCategory.Resource => StatusCode.ResourceExhausted,
            _ => StatusCode.Internal,
        },
    };

    public static RpcException ToRpcException(FederationException error) =>
        new(new Status(StatusOf(error), error.Message));

    /// <summary>A request the protocol does not allow: bad protobuf, an unknown command, a ticket we never issued.</summary>
    public static RpcException InvalidRequest(string message) => new(new Status(StatusCode.InvalidArgument, message));
}
