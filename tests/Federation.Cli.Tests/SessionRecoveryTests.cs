using Federation.Cli.Shell;
using Federation.Client;
using Federation.Coordinator;
using Federation.Engine;

namespace Federation.Cli.Tests;

public sealed class SessionRecoveryTests
{
    [Fact]
    public async Task A_restarted_server_gets_a_new_session_and_the_statement_runs()
    {
        var first = await CoordinatorHost.StartAsync(new FederationEngine(), port: 0);
        var port = first.Address.Port;
        using var client = await FlightSqlClient.ConnectAsync(new FlightSqlClientOptions { Port = port });
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var session = new ShellSession(client, stdout, stderr) { Format = ResultFormat.Csv };
        Assert.True(await session.ExecuteAsync("SELECT 1 AS before", 1, CancellationToken.None));
        var firstToken = client.BearerToken;

        await first.StopAsync();
        await first.DisposeAsync();
        await using var second = await CoordinatorHost.StartAsync(new FederationEngine(), port);
        try
        {
            Assert.True(await session.ExecuteAsync("SELECT 2 AS after", 2, CancellationToken.None), stderr.ToString());
        }
        finally
        {
            await second.StopAsync();
        }

        Assert.Equal("before\r\n1\r\nafter\r\n2\r\n", stdout.ToString());
        Assert.StartsWith("note: the server no longer knew this session; started a new one", stderr.ToString(), StringComparison.Ordinal);
        Assert.NotEqual(firstToken, client.BearerToken);
    }

    [Fact]
    public async Task A_server_gone_mid_session_is_named_with_the_reason()
    {
        var host = await CoordinatorHost.StartAsync(new FederationEngine(), port: 0);
        var port = host.Address.Port;
        using var client = await FlightSqlClient.ConnectAsync(new FlightSqlClientOptions { Port = port });
        var stderr = new StringWriter { NewLine = "\n" };
        var session = new ShellSession(client, TextWriter.Null, stderr);
        await host.StopAsync();
        await host.DisposeAsync();

        Assert.False(await session.ExecuteAsync("CREATE TABLE never (a INTEGER)", 1, CancellationToken.None));

        Assert.Equal($"ERROR: Unavailable: lost the connection to 127.0.0.1:{port}: Connection refused\n", stderr.ToString());
    }
}
