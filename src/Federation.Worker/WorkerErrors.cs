using Federation.Common;
using Federation.Exchange;
using Grpc.Core;

namespace Federation.Worker;

/// <summary>
/// Turns a failed fragment into a gRPC status for the coordinator. The message is the engine's own (naming the object
/// for a bad file); the code says what kind of failure it was, and the trailer "fed-error-code" carries the exact
/// <see cref="ErrorCode"/>, so the coordinator can rebuild the error and decide whether running the fragment again
/// elsewhere could help (a missing or corrupt object: no).
/// </summary>
public static class WorkerErrors
{
    public const string ErrorCodeTrailer = ErrorStatus.ErrorCodeTrailer;

    /// <summary>The same statuses the coordinator's Flight SQL service answers for these errors.</summary>
    public static StatusCode StatusOf(FederationException error) => ErrorStatus.Of(error);

    public static RpcException ToRpcException(FederationException error, string fragmentId) =>
        new(new Status(StatusOf(error), $"fragment {fragmentId}: {error.Message}"), new Metadata { { ErrorCodeTrailer, error.Code.ToString() } });

    /// <summary>A ticket the worker will not run: unsigned, wrongly signed or expired.</summary>
    public static RpcException Rejected(string reason) => new(new Status(StatusCode.Unauthenticated, "scan fragment refused: " + reason));

    /// <summary>Everything but DoGet: only the coordinator talks to a worker, and only to hand it fragments.</summary>
    public static RpcException NotServed(string call) =>
        new(new Status(StatusCode.Unimplemented,
            $"{call} is not served: this is a Federation worker, which runs only the scan fragments its coordinator sends through DoGet; clients connect to the coordinator"));
}
