using Federation.Common;
using Grpc.Core;

namespace Federation.Coordinator;

/// <summary>
/// Turns Federation's errors into gRPC statuses. Clients see only the status code and the message, so the code
/// must say what kind of failure it was and what the client can do about it, and the message must be the engine's
/// own, with its line and column. Unavailable means only "try again later, it may work": the store or the workers
/// could not be reached, or throttled past the retries. Anything a retry cannot fix says so: NotFound (an object,
/// a bucket, a table), PermissionDenied (the store refused the credentials), DataLoss (a corrupt file),
/// FailedPrecondition (a table that does not match its files, credentials not configured, an unreadable object),
/// Aborted (an object replaced mid-statement: run it again).
/// </summary>
public static class FlightSqlErrors
{
    public static StatusCode StatusOf(FederationException error) => error.Code switch
    {
        ErrorCode.TableNotFound or ErrorCode.SchemaNotFound or ErrorCode.ObjectNotFound => StatusCode.NotFound,
        ErrorCode.DuplicateObject => StatusCode.AlreadyExists,
        ErrorCode.QueryCancelled => StatusCode.Cancelled,
        ErrorCode.StatementTimeout => StatusCode.DeadlineExceeded,
        ErrorCode.PermissionDenied or ErrorCode.ObjectAccessDenied => StatusCode.PermissionDenied,
        ErrorCode.ObjectStoreUnavailable or ErrorCode.CatalogUnavailable or ErrorCode.WorkersUnavailable => StatusCode.Unavailable,
        ErrorCode.CorruptObject => StatusCode.DataLoss,
        ErrorCode.SchemaMismatch or ErrorCode.StorageCredentialsMissing or ErrorCode.ObjectReadError => StatusCode.FailedPrecondition,
        ErrorCode.ObjectChanged => StatusCode.Aborted,
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
