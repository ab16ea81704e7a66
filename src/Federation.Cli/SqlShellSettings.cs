namespace Federation.Cli;

/// <summary>The options of fed sql, as parsed from its command line.</summary>
public sealed record SqlShellSettings
{
    public string Host { get; init; } = "127.0.0.1";

    public int Port { get; init; } = Client.FlightSqlClientOptions.DefaultPort;

    public string? User { get; init; }

    public string? PasswordEnvironmentVariable { get; init; }

    public bool UseTls { get; init; }

    /// <summary>-c: SQL to run.</summary>
    public string? Command { get; init; }

    /// <summary>-f: a file of SQL to run.</summary>
    public string? File { get; init; }

    /// <summary>table, csv or json.</summary>
    public string Format { get; init; } = "table";
}
