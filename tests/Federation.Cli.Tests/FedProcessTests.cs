using Federation.Testing;

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
        var run = await FedProgram.RunAsync("sql", "--port", _server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--format", "csv",
            "-c", "CREATE TABLE proc_t (id INTEGER, name VARCHAR); INSERT INTO proc_t VALUES (1, 'one'), (2, NULL); SELECT * FROM proc_t ORDER BY id");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("id,name\r\n1,one\r\n2,\r\n", run.Stdout);
        Assert.Equal("OK, 0 rows affected\nOK, 2 rows affected\n", run.Stderr);
    }

    [Fact]
    public async Task Fed_sql_reads_piped_stdin_and_exits_non_zero_on_an_error()
    {
        var run = await FedProgram.RunAsync(["sql", "--port", _server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)],
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

        var run = await FedProgram.RunAsync("sql", "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-c", "SELECT 1");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"fed sql: cannot connect to 127.0.0.1:{port}: Connection refused", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task At_a_terminal_the_shell_is_interactive_and_keeps_its_history()
    {
        Assert.True(TerminalSession.IsAvailable, "util-linux script(1) gives the shell a terminal");
        var home = Directory.CreateTempSubdirectory("fed-sql-home-").FullName;
        try
        {
            await using var terminal = TerminalSession.Start(FedProgram.Dll, home, "sql", "--port", Port);
            var at = await terminal.WaitForAsync("fed=> ");

            // A statement over two lines: the second prompt is the continuation prompt.
            await terminal.TypeAsync("SELECT 41 + 1\r");
            at = await terminal.WaitForAsync("fed-> ", at);
            await terminal.TypeAsync("  AS answer;\r");
            at = await terminal.WaitForAsync(" answer\r\n--------\r\n     42\r\n(1 row)\r\n\r\nfed=> ", at);

            // Up recalls the last line; Ctrl-A, Ctrl-K and typing edit it.
            await terminal.TypeAsync("\u001b[A\u0001\u000bSELECT 'edited' AS e;\r");
            at = await terminal.WaitForAsync(" e\r\n--------\r\n edited\r\n(1 row)", at);

            // Ctrl-C at the prompt drops the line; \q quits.
            await terminal.TypeAsync("SELECT 'dropped'\u0003");
            at = await terminal.WaitForAsync("^C\r\nfed=> ", at);
            await terminal.TypeAsync("\\q\r");

            Assert.Equal(0, await terminal.WaitForExitAsync());
            Assert.DoesNotContain("dropped'\r\n", terminal.Screen, StringComparison.Ordinal);
            Assert.Equal(["SELECT 41 + 1", "  AS answer;", "SELECT 'edited' AS e;", "\\q"], File.ReadAllLines(Path.Combine(home, ".fed_history")));
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Fact]
    public async Task At_a_terminal_Ctrl_C_cancels_the_running_query_and_the_shell_goes_on()
    {
        Assert.True(TerminalSession.IsAvailable, "util-linux script(1) gives the shell a terminal");
        await _server.SqlAsync("CREATE TABLE tty_ten (x INTEGER); INSERT INTO tty_ten VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9)");
        var home = Directory.CreateTempSubdirectory("fed-sql-home-").FullName;
        try
        {
            await using var terminal = TerminalSession.Start(FedProgram.Dll, home, "sql", "--port", Port);
            var at = await terminal.WaitForAsync("fed=> ");

            await terminal.TypeAsync("SELECT count(*) FROM tty_ten a, tty_ten b, tty_ten c, tty_ten d, tty_ten e, tty_ten f, tty_ten g, tty_ten h, tty_ten i;\r");
            at = await terminal.WaitForAsync(" rows\u001b[K", at);
            await terminal.TypeAsync("\u0003");
            at = await terminal.WaitForAsync("ERROR: query cancelled\r\nfed=> ", at);

            await terminal.TypeAsync("SELECT 'after' AS status;\r");
            at = await terminal.WaitForAsync(" after\r\n(1 row)", at);

            // Ctrl-D at an empty prompt ends the session.
            await terminal.WaitForAsync("fed=> ", at);
            await terminal.TypeAsync("\u0004");
            Assert.Equal(0, await terminal.WaitForExitAsync());
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    private string Port => _server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
