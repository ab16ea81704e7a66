using System.CommandLine;
using System.Text;
using Federation.Cli.Shell;
using Federation.Client;

namespace Federation.Cli;

/// <summary>
/// fed sql [--host H] [--port P] [--user U [--password-env VAR]] [--tls] [-c SQL | -f FILE] [--format table|csv|json]:
/// a SQL shell over Flight SQL. Interactive when stdin is a terminal and neither -c nor -f is given; otherwise it runs
/// the statements of -c, -f or stdin in turn and stops at the first error (exit code 1). Exit code 2: it could not
/// connect, or the options were wrong.
/// </summary>
public static class SqlCommand
{
    public static Command Create()
    {
        var host = new Option<string>("--host") { HelpName = "HOST", Description = "server host name or address", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port", "-p") { HelpName = "PORT", Description = "server port", DefaultValueFactory = _ => FlightSqlClientOptions.DefaultPort };
        var user = new Option<string?>("--user", "-U") { HelpName = "USER", Description = "user name, sent as basic credentials in Handshake" };
        var passwordEnv = new Option<string?>("--password-env") { HelpName = "VAR", Description = "environment variable holding the password (else it is asked for at a terminal)" };
        var tls = new Option<bool>("--tls") { Description = "connect over TLS" };
        var sql = new Option<string?>("--command", "-c") { HelpName = "SQL", Description = "SQL to run (several statements separated by ;), then exit" };
        var file = new Option<string?>("--file", "-f") { HelpName = "FILE", Description = "a file of SQL statements to run, then exit" };
        var format = new Option<string>("--format") { Description = "result format: table, csv (RFC 4180) or json (one object per line)", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv", "json");
        var command = new Command("sql", "SQL shell for a Flight SQL server (interactive, or -c/-f/stdin)") { host, port, user, passwordEnv, tls, sql, file, format };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = new SqlShellSettings
            {
                Host = parse.GetValue(host)!,
                Port = parse.GetValue(port),
                User = parse.GetValue(user),
                PasswordEnvironmentVariable = parse.GetValue(passwordEnv),
                UseTls = parse.GetValue(tls),
                Command = parse.GetValue(sql),
                File = parse.GetValue(file),
                Format = parse.GetValue(format)!,
            };
            // Rows to a pipe or file are written in blocks, not a flush per line; the session flushes after each statement.
            var stdout = Console.IsOutputRedirected ? new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16) : Console.Out;
            try
            {
                return await RunAsync(settings, Console.In, stdout, Console.Error, Console.IsInputRedirected, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await stdout.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }
        });
        return command;
    }

    /// <summary>
    /// The whole of fed sql with its streams given, so tests run it in process: <paramref name="stdin"/> is read as a
    /// script when it is not a terminal and neither -c nor -f is given.
    /// </summary>
    public static async Task<int> RunAsync(SqlShellSettings settings, TextReader stdin, TextWriter stdout, TextWriter stderr, bool stdinRedirected,
        CancellationToken cancellationToken)
    {
        if (!BackslashCommands.TryParseFormat(settings.Format, out var format))
        {
            await stderr.WriteLineAsync($"fed sql: --format takes table, csv or json, not {settings.Format}").ConfigureAwait(false);
            return 2;
        }

        if (settings.Command is not null && settings.File is not null)
        {
            await stderr.WriteLineAsync("fed sql: give either -c or -f, not both").ConfigureAwait(false);
            return 2;
        }

        string? password = null;
        if (settings.User is not null)
        {
            if (settings.PasswordEnvironmentVariable is { } variable)
            {
                password = Environment.GetEnvironmentVariable(variable);
                if (password is null)
                {
                    await stderr.WriteLineAsync($"fed sql: the environment variable {variable} (--password-env) is not set").ConfigureAwait(false);
                    return 2;
                }
            }
            else if (!stdinRedirected)
            {
                password = ReadPassword(settings.User, stderr);
            }
            else
            {
                await stderr.WriteLineAsync("fed sql: stdin is not a terminal, so the password cannot be asked for: use --password-env VAR").ConfigureAwait(false);
                return 2;
            }
        }

        TextReader? script = null;
        string? source = null;
        if (settings.Command is not null)
        {
            script = new StringReader(settings.Command);
        }
        else if (settings.File is not null)
        {
            if (!File.Exists(settings.File))
            {
                await stderr.WriteLineAsync($"fed sql: {settings.File}: no such file").ConfigureAwait(false);
                return 2;
            }

            script = new StreamReader(settings.File, Encoding.UTF8);
            source = settings.File;
        }
        else if (stdinRedirected)
        {
            script = stdin;
            source = "<stdin>";
        }

        var options = new FlightSqlClientOptions
        {
            Host = settings.Host,
            Port = settings.Port,
            UseTls = settings.UseTls,
            User = settings.User,
            Password = password,
        };
        FlightSqlClient client;
        try
        {
            client = await FlightSqlClient.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch (FlightSqlConnectionException e)
        {
            var hint = e.NothingListening ? " (is a Flight SQL server running there? 'fed serve' starts one)" : string.Empty;
            await stderr.WriteLineAsync($"fed sql: {e.Message}{hint}").ConfigureAwait(false);
            script?.Dispose();
            return 2;
        }
        catch (Grpc.Core.RpcException e)
        {
            await stderr.WriteLineAsync($"fed sql: Handshake with {settings.Host}:{settings.Port} failed: {ShellSession.Describe(e)}").ConfigureAwait(false);
            script?.Dispose();
            return 2;
        }

        using (client)
        {
            if (script is null)
            {
                var session = new ShellSession(client, stdout, stderr) { Format = format, ShowProgress = !Console.IsErrorRedirected };
                return await new InteractiveShell(session, new History(History.DefaultPath)).RunAsync(cancellationToken).ConfigureAwait(false);
            }

            using (script)
            {
                var session = new ShellSession(client, stdout, stderr, source) { Format = format };
                var exitCode = await session.RunScriptAsync(script, cancellationToken).ConfigureAwait(false);
                await stdout.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                return exitCode;
            }
        }
    }

    /// <summary>Reads a password at the terminal without echoing it.</summary>
    private static string ReadPassword(string user, TextWriter prompt)
    {
        prompt.Write($"Password for user {user}: ");
        prompt.Flush();
        var password = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                password.Length = Math.Max(0, password.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                password.Append(key.KeyChar);
            }
        }

        prompt.WriteLine();
        return password.ToString();
    }
}
