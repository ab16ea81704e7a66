using System.Diagnostics;

namespace Federation.Cli.Tests;

/// <summary>The real fed program, started as a child process the way the ./fed launcher starts it (dotnet fed.dll).</summary>
public sealed class FedProcessTests : IClassFixture<CoordinatorFixture>
{
    private readonly CoordinatorFixture _server;

    public FedProcessTests(CoordinatorFixture server)
    {
        _server = server;
    }

    [Fact]
    public async Task Fed_sql_runs_statements_from_the_command_line()
    {
        var run = await RunFedAsync("sql", "--port", _server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--format", "csv",
            "-c", "CREATE TABLE proc_t (id INTEGER, name VARCHAR); INSERT INTO proc_t VALUES (1, 'one'), (2, NULL); SELECT * FROM proc_t ORDER BY id");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("id,name\r\n1,one\r\n2,\r\n", run.Stdout);
        Assert.Equal("OK, 0 rows affected\nOK, 2 rows affected\n", run.Stderr);
    }

    [Fact]
    public async Task Fed_sql_reads_piped_stdin_and_exits_non_zero_on_an_error()
    {
        var run = await RunFedAsync(["sql", "--port", _server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            stdin: "SELECT 42 AS answer;\nSELECT nope FROM nowhere;\nSELECT 1;\n");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(" answer\n--------\n     42\n(1 row)\n\n", run.Stdout);
        Assert.Equal("<stdin>:2: ERROR: NotFound: relation \"nowhere\" does not exist (line 1, column 18)\n", run.Stderr);
    }

    [Fact]
    public async Task Fed_sql_says_clearly_when_nothing_listens()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var run = await RunFedAsync("sql", "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-c", "SELECT 1");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"fed sql: cannot connect to 127.0.0.1:{port}: Connection refused", run.Stderr, StringComparison.Ordinal);
    }

    private static Task<ShellRun> RunFedAsync(params string[] arguments) => RunFedAsync(arguments, stdin: string.Empty);

    private static async Task<ShellRun> RunFedAsync(string[] arguments, string stdin)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(FedDll());
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new ShellRun(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// fed.dll where the ./fed launcher finds it: artifacts/bin/Federation.Cli/&lt;configuration&gt;/, beside this
    /// test's own artifacts/bin/Federation.Cli.Tests/&lt;configuration&gt;/ (the project reference builds it there).
    /// </summary>
    private static string FedDll()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var dll = Path.Combine(testOutput.Parent!.Parent!.FullName, "Federation.Cli", testOutput.Name, "fed.dll");
        Assert.True(File.Exists(dll), $"fed.dll not found at {dll}");
        return dll;
    }
}
