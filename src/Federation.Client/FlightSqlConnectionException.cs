namespace Federation.Client;

/// <summary>The server could not be reached at all (refused, unknown host, TLS failure), as opposed to an error it answered.</summary>
public sealed class FlightSqlConnectionException : Exception
{
    public FlightSqlConnectionException(string host, int port, string reason, Exception? inner = null)
        : base($"cannot connect to {host}:{port}: {reason}", inner)
    {
        Host = host;
        Port = port;
        Reason = reason;
    }

    public string Host { get; }

    public int Port { get; }

    public string Reason { get; }

    /// <summary>True when nothing listened or the host was not found (a socket error), rather than a TLS or protocol mismatch.</summary>
    public bool NothingListening => InnerException is Grpc.Core.RpcException { Status.DebugException: { } cause } && HasSocketError(cause);

    private static bool HasSocketError(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
        {
            if (error is System.Net.Sockets.SocketException)
            {
                return true;
            }
        }

        return false;
    }
}
