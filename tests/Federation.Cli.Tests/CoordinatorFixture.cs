using Federation.Coordinator;
using Federation.Engine;

namespace Federation.Cli.Tests;

/// <summary>
/// A real coordinator on a free loopback port for the shell to talk to over a real socket. One per test class;
/// each test names its own tables, so tests do not see each other's data.
/// </summary>
public sealed class CoordinatorFixture : IAsyncLifetime
{
    private CoordinatorHost? _host;

    public int Port { get; private set; }

    /// <summary>The coordinator's engine: a test may register a table function of its own (a gate) in it.</summary>
    public FederationEngine Engine { get; } = new();

    public async Task InitializeAsync()
    {
        _host = await CoordinatorHost.StartAsync(Engine, port: 0);
        Port = _host.Address.Port;
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            await _host.DisposeAsync();
        }
    }

    /// <summary>Runs fed sql in this process, as its non-interactive entry point, with captured stdout and stderr.</summary>
    public async Task<ShellRun> RunAsync(SqlShellSettings settings, string stdin = "")
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var exitCode = await SqlCommand.RunAsync(settings with { Port = settings.Port == 0 ? Port : settings.Port }, new StringReader(stdin), stdout, stderr,
            stdinRedirected: true, CancellationToken.None);
        return new ShellRun(exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>fed sql -c SQL in this process.</summary>
    public Task<ShellRun> SqlAsync(string sql, string format = "table") => RunAsync(new SqlShellSettings { Port = 0, Command = sql, Format = format });
}
