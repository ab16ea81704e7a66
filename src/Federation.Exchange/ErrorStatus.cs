using Federation.Common;
using Grpc.Core;

namespace Federation.Exchange;

/// <summary>
/// The gRPC status of each error, the same from the coordinator's Flight SQL service and from a worker's fragment
/// calls, so that an error keeps its status wherever it was raised. Unavailable means only "try again later, it may
/// work": the store, the catalog or the workers could not be reached. Anything a retry cannot fix says so: NotFound (an
/// object, a bucket, a table), PermissionDenied (the store refused the credentials), DataLoss (a corrupt file),
/// FailedPrecondition (a table that does not match its files, credentials not configured, an unreadable object),
/// Aborted (an object replaced mid-statement: run it again). A worker also names the exact code in the trailer
/// <see cref="ErrorCodeTrailer"/>, from which the coordinator rebuilds the error.
/// </summary>
public static class ErrorStatus
{
    public const string ErrorCodeTrailer = "fed-error-code";

    public static StatusCode Of(FederationException error) => error.Code switch
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
}
