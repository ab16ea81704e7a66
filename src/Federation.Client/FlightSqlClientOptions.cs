namespace Federation.Client;

/// <summary>Where a <see cref="FlightSqlClient"/> connects and who it says it is.</summary>
public sealed record FlightSqlClientOptions
{
    /// <summary>The port Flight SQL servers customarily use.</summary>
    public const int DefaultPort = 32010;

    public string Host { get; init; } = "127.0.0.1";

    public int Port { get; init; } = DefaultPort;

    /// <summary>gRPC over TLS (https); otherwise plaintext HTTP/2.</summary>
    public bool UseTls { get; init; }

    /// <summary>Sent as HTTP basic credentials in Handshake; null connects anonymously.</summary>
    public string? User { get; init; }

    public string? Password { get; init; }

    /// <summary>The gRPC address, e.g. http://127.0.0.1:32010 (grpc+tcp://127.0.0.1:32010 in Flight terms).</summary>
    public Uri Address => new UriBuilder(UseTls ? Uri.UriSchemeHttps : Uri.UriSchemeHttp, Host, Port).Uri;
}
