using Federation.Common;
using Grpc.Core;

namespace Federation.Coordinator.Workers;

/// <summary>
/// Reads the error a worker reported for a fragment it ran: the "fed-error-code" trailer names the exact
/// <see cref="ErrorCode"/>. During a rolling upgrade a worker of a newer build can name a code this coordinator does not
/// know; the fragment still failed on its own account (the same on any worker), so the code is taken from the gRPC
/// status the worker chose for it, which keeps the status the client gets and keeps the fragment from being retried on
/// every other worker as if the workers had failed.
/// </summary>
public static class FragmentErrorCode
{
    /// <summary>The fragment's own error code, or null when the call failed without one (the worker failed, not the fragment).</summary>
    public static ErrorCode? Read(string? trailer, StatusCode status)
    {
        if (trailer is null)
        {
            return null;
        }

        // Enum.TryParse also accepts numbers and undefined values; only a name this build defines is exact.
        if (Enum.TryParse<ErrorCode>(trailer, ignoreCase: false, out var code) && Enum.IsDefined(code) && !char.IsAsciiDigit(trailer[0]))
        {
            return code;
        }

        return FromStatus(status);
    }

    /// <summary>
    /// The code whose status (ErrorStatus.Of) is <paramref name="status"/>: the nearest this build has. Unavailable is
    /// also CatalogUnavailable's status; a worker never talks to a catalog, so from a worker it means the object store.
    /// </summary>
    public static ErrorCode FromStatus(StatusCode status) => status switch
    {
        StatusCode.NotFound => ErrorCode.ObjectNotFound,
        StatusCode.AlreadyExists => ErrorCode.DuplicateObject,
        StatusCode.Cancelled => ErrorCode.QueryCancelled,
        StatusCode.DeadlineExceeded => ErrorCode.StatementTimeout,
        StatusCode.PermissionDenied => ErrorCode.ObjectAccessDenied,
        StatusCode.Unavailable => ErrorCode.ObjectStoreUnavailable,
        StatusCode.DataLoss => ErrorCode.CorruptObject,
        StatusCode.FailedPrecondition => ErrorCode.ObjectReadError,
        StatusCode.Aborted => ErrorCode.ObjectChanged,
        StatusCode.InvalidArgument => ErrorCode.InvalidArgument,
        StatusCode.Unimplemented => ErrorCode.NotSupported,
        StatusCode.ResourceExhausted => ErrorCode.MemoryLimitExceeded,
        _ => ErrorCode.Internal,
    };
}
