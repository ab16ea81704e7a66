using Federation.Common;
using Grpc.Core;
using Microsoft.Extensions.Hosting;

namespace Federation.Coordinator;

/// <summary>
/// The server's stopping (Ctrl+C, SIGTERM, <see cref="CoordinatorHost.StopAsync"/>) as every statement sees it: each
/// runs under a token that stopping cancels, so the host's graceful wait for open calls ends in moments instead of
/// waiting out a long query, and the client learns why its statement stopped.
/// </summary>
public sealed class ServerShutdown
{
    public ServerShutdown(IHostApplicationLifetime lifetime)
    {
        Stopping = lifetime.ApplicationStopping;
    }

    public CancellationToken Stopping { get; }

    /// <summary>A statement's cancellation: the server stopping cancels it, and so does <paramref name="call"/> (its call ending).</summary>
    public CancellationTokenSource StatementLifetime(CancellationToken call = default) =>
        CancellationTokenSource.CreateLinkedTokenSource(Stopping, call);

    /// <summary>
    /// A statement cancelled because the server is stopping is Unavailable, the status a client may retry (on the
    /// restarted server), with a message that says so; any other error keeps its own status.
    /// </summary>
    public RpcException ToRpcException(FederationException error) =>
        Stopping.IsCancellationRequested && error.Code is ErrorCode.QueryCancelled
            ? new RpcException(new Status(StatusCode.Unavailable, "terminating statement: the server is shutting down; run it again once the server is back"))
            : FlightSqlErrors.ToRpcException(error);
}
