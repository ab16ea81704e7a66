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
}
