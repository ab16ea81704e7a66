using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Federation.Testing.Postgres;

/// <summary>
/// A private PostgreSQL 15 server, the oracle for SQL whose answers must be PostgreSQL's: a fresh cluster under a temp
/// folder (initdb -A trust, fsync off, no locale, UTC), listening only on a Unix socket in that folder, so it needs no
/// port and cannot meet the Debian package's own cluster. Stopped (pg_ctl stop -m immediate, then a kill of the
/// postmaster if that fails) and deleted on dispose.
/// </summary>
/// <remarks>
/// initdb and postgres refuse to run as root; when this process is root they run as the <c>postgres</c> user
/// (<c>runuser -u postgres --</c>), with the folder given to it.
/// </remarks>
public sealed class PostgresServer : IAsyncDisposable
{
    /// <summary>Where the Debian package postgresql-15 puts the server binaries (.ci/run installs it when missing).</summary>
    public const string BinDirectory = "/usr/lib/postgresql/15/bin";

    private const string SuperUser = "postgres";

    private readonly string _root;
    private readonly string _data;
    private bool _stopped;

    private PostgresServer(string root)
    {
        _root = root;
        _data = Path.Combine(root, "data");
        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = root,
            Username = SuperUser,
            Database = "postgres",
            Pooling = true,
            // The oracle runs statements one at a time; a server that stops answering is a failure, not a wait.
            CommandTimeout = 60,
        }.ConnectionString;
    }

    /// <summary>Connects through the Unix socket in the server's folder.</summary>
    public string ConnectionString { get; }

    /// <summary>Whether the PostgreSQL binaries are installed here.</summary>
    public static bool IsInstalled => File.Exists(Path.Combine(BinDirectory, "initdb"));

    /// <summary>Creates the cluster and starts the server; returns once it accepts connections.</summary>
    public static async Task<PostgresServer> StartAsync(CancellationToken cancellationToken = default)
    {
        if (!IsInstalled)
        {
            throw new InvalidOperationException($"PostgreSQL 15 is not installed ({BinDirectory}/initdb is missing): apt-get install postgresql-15, as .ci/run does");
        }

        // Short: the socket path (folder + "/.s.PGSQL.5432") must stay under the 107 bytes of sun_path.
        var root = Path.Combine(Path.GetTempPath(), "fedpg-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(root);
        var server = new PostgresServer(root);
        try
        {
            if (IsRoot)
            {
                await RunAsync("chown", ["postgres:postgres", root], asPostgres: false, cancellationToken).ConfigureAwait(false);
            }

            await RunAsync(Path.Combine(BinDirectory, "initdb"),
                ["-D", server._data, "-A", "trust", "-U", SuperUser, "-E", "UTF8", "--no-locale", "--no-sync"], IsRoot, cancellationToken).ConfigureAwait(false);
            var options = string.Join(' ',
                "-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off",
                "-c listen_addresses=''", $"-c unix_socket_directories={root}",
                "-c timezone=UTC", "-c datestyle=ISO,MDY", "-c lc_messages=C", "-c max_connections=20", "-c shared_buffers=16MB");
            await RunAsync(Path.Combine(BinDirectory, "pg_ctl"),
                ["start", "-w", "-t", "60", "-D", server._data, "-l", Path.Combine(root, "server.log"), "-o", options], IsRoot, cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Opens a new connection (each has its own session settings).</summary>
    public async Task<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken = default)
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    /// <summary>
    /// Runs one statement and returns its rows as PostgreSQL prints them (its text output format, as psql shows it),
    /// null for NULL, with each column's type name; a statement without rows answers none.
    /// </summary>
    public static async Task<PostgresRows> QueryTextAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken = default)
    {
        await using var command = new NpgsqlCommand(sql, connection) { AllResultTypesAreUnknown = true };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<string?[]>();
        var types = new string[reader.FieldCount];
        for (var c = 0; c < types.Length; c++)
        {
            types[c] = reader.GetPostgresType(c).Name;
        }

        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var row = new string?[reader.FieldCount];
            for (var c = 0; c < row.Length; c++)
            {
                row[c] = reader.IsDBNull(c) ? null : reader.GetString(c);
            }

            rows.Add(row);
        }

        return new PostgresRows(types, rows);
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        NpgsqlConnection.ClearAllPools();
        if (Directory.Exists(_data))
        {
            try
            {
                await RunAsync(Path.Combine(BinDirectory, "pg_ctl"), ["stop", "-m", "immediate", "-w", "-t", "30", "-D", _data], IsRoot, CancellationToken.None)
                    .ConfigureAwait(false);
            }
            catch (InvalidOperationException)
            {
                KillPostmaster();
            }
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A file the stopped server left open for a moment: the temp cleaner takes it.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>The postmaster's pid is the first line of postmaster.pid; killing it (SIGKILL) ends the server.</summary>
    private void KillPostmaster()
    {
        var pidFile = Path.Combine(_data, "postmaster.pid");
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
        catch (InvalidOperationException)
        {
        }
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asPostgres, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // postgres refuses a working folder it cannot read (root's home); the temp folder is readable by all.
            WorkingDirectory = Path.GetTempPath(),
        };
        if (asPostgres)
        {
            foreach (var argument in new[] { "-u", "postgres", "--", program })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["LC_ALL"] = "C";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output.ConfigureAwait(false)}{await error.ConfigureAwait(false)}");
        }
    }
}
