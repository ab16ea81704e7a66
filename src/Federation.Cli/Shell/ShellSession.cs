using System.Diagnostics;
using System.Globalization;
using System.Text;
using Apache.Arrow;
using Federation.Client;
using Grpc.Core;

namespace Federation.Cli.Shell;

/// <summary>
/// The shell's state and its statement loop, shared by the interactive prompt and by scripts (-c, -f, stdin): lines
/// go in one at a time; backslash commands run at once; SQL collects until a semicolon outside quotes and comments
/// ends a statement, which then runs. Queries (statements starting SELECT, WITH, VALUES, TABLE, EXPLAIN, SHOW or
/// DESCRIBE) go through GetFlightInfo and DoGet and print their rows; everything else goes through DoPut and prints
/// its row count. Rows go to <see cref="Output"/>; status lines (row counts, timing, replies of \ commands) go there
/// too in table format, and to <see cref="Error"/> in csv and json, so those stay machine-readable.
/// </summary>
public sealed class ShellSession
{
    private static readonly HashSet<string> QueryKeywords = new(StringComparer.Ordinal)
    {
        "SELECT", "WITH", "VALUES", "TABLE", "EXPLAIN", "SHOW", "DESCRIBE", "DESC",
    };

    /// <summary>How long Ctrl-C waits for the server to acknowledge CancelFlightInfo.</summary>
    private static readonly TimeSpan CancelTimeout = TimeSpan.FromSeconds(5);

    private readonly StringBuilder _pending = new();
    private readonly string? _source;
    private int _lineNumber;
    private int _pendingStartLine = 1;
    private CancellationTokenSource? _running;

    /// <param name="client">A connected client.</param>
    /// <param name="output">Where rows go (stdout).</param>
    /// <param name="error">Where errors and the progress line go (stderr).</param>
    /// <param name="source">The script's name for error positions ("file.sql:3: ..."), or null (-c, interactive).</param>
    public ShellSession(FlightSqlClient client, TextWriter output, TextWriter error, string? source = null)
    {
        Client = client;
        Output = output;
        Error = error;
        _source = source;
    }

    public FlightSqlClient Client { get; }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    /// <summary>Draw the progress line for long statements on <see cref="Error"/>: for a person at a terminal only.</summary>
    public bool ShowProgress { get; init; }

    public ResultFormat Format { get; set; } = ResultFormat.Table;

    /// <summary>\timing: print each statement's elapsed time after it.</summary>
    public bool Timing { get; set; }

    /// <summary>Set by \q.</summary>
    public bool QuitRequested { get; set; }

    /// <summary>Status lines: with the rows in table format, on the error writer in csv and json.</summary>
    public TextWriter Info => Format == ResultFormat.Table ? Output : Error;

    /// <summary>The number of the line read last, for errors of backslash commands.</summary>
    public int LineNumber => _lineNumber;

    /// <summary>True while part of a statement waits for more lines (the interactive shell shows the continuation prompt).</summary>
    public bool HasPendingInput => _pending.Length > 0;

    /// <summary>Runs a whole script; stops at the first error. Returns the exit code: 0, or 1 after an error.</summary>
    public async Task<int> RunScriptAsync(TextReader script, CancellationToken cancellationToken)
    {
        while (!QuitRequested && await script.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (!await FeedLineAsync(line, cancellationToken).ConfigureAwait(false))
            {
                return 1;
            }
        }

        return QuitRequested || await FinishAsync(cancellationToken).ConfigureAwait(false) ? 0 : 1;
    }

    /// <summary>
    /// Takes one line of input: runs it as a backslash command, or adds it to the statement being collected and runs
    /// every statement it completes. False when something failed (the rest of the line is then dropped).
    /// </summary>
    public async Task<bool> FeedLineAsync(string line, CancellationToken cancellationToken)
    {
        _lineNumber++;
        if (line.TrimStart().StartsWith('\\'))
        {
            // Catalog listings go to the server too, so Ctrl-C cancels them like statements.
            using var running = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _running = running;
            try
            {
                return await BackslashCommands.RunAsync(this, line.Trim(), running.Token).ConfigureAwait(false);
            }
            finally
            {
                _running = null;
                await Output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }

        if (_pending.Length == 0)
        {
            _pendingStartLine = _lineNumber;
        }

        _pending.Append(line).Append('\n');
        var text = _pending.ToString();
        var statements = StatementSplitter.SplitComplete(text, out var rest);
        var consumed = text[..rest];
        var remainder = text[rest..];
        _pending.Clear();
        if (!StatementSplitter.IsBlank(remainder))
        {
            _pending.Append(remainder);
        }

        var startLine = _pendingStartLine;
        _pendingStartLine = startLine + Count(consumed, '\n');
        foreach (var statement in statements)
        {
            if (!await ExecuteAsync(statement.Text, startLine + Count(text.AsSpan(0, statement.Offset), '\n'), cancellationToken).ConfigureAwait(false))
            {
                _pending.Clear();
                return false;
            }
        }

        return true;
    }

    /// <summary>At the end of a script: runs a last statement that had no semicolon.</summary>
    public async Task<bool> FinishAsync(CancellationToken cancellationToken)
    {
        var text = _pending.ToString();
        _pending.Clear();
        foreach (var statement in StatementSplitter.Split(text))
        {
            if (!await ExecuteAsync(statement.Text, _pendingStartLine + Count(text.AsSpan(0, statement.Offset), '\n'), cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Drops a statement collected so far (Ctrl-C at the prompt).</summary>
    public void ClearPending() => _pending.Clear();

    /// <summary>Cancels the statement running now, if any (Ctrl-C while it runs).</summary>
    public void CancelRunning()
    {
        try
        {
            _running?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // It finished in the meantime.
        }
    }

    /// <summary>Whether a statement returns rows, judged by its first keyword (the protocol needs to know beforehand).</summary>
    public static bool IsQuery(string sql) => QueryKeywords.Contains(StatementSplitter.FirstKeyword(sql));

    /// <summary>Runs one statement and prints its result or its error. False on error or cancellation.</summary>
    public async Task<bool> ExecuteAsync(string sql, int line, CancellationToken cancellationToken)
    {
        using var running = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _running = running;
        var watch = Stopwatch.StartNew();
        FlightSqlResult? result = null;
        var isQuery = IsQuery(sql);

        // Started before the first call: some servers do all the work in GetFlightInfo (or DoPut) before any row comes.
        var progress = ShowProgress ? new ProgressIndicator(Error, countsRows: isQuery) : null;
        try
        {
            if (isQuery)
            {
                result = await InSessionAsync(() => Client.ExecuteQueryAsync(sql, running.Token), running.Token).ConfigureAwait(false);
                await PrintAsync(result, running.Token, progress).ConfigureAwait(false);
            }
            else
            {
                var update = await InSessionAsync(() => Client.UpdateAsync(sql, running.Token), running.Token).ConfigureAwait(false);
                var count = update.RecordCount;
                progress?.Dispose();
                foreach (var notice in update.Notices)
                {
                    await Info.WriteLineAsync("NOTICE: " + notice).ConfigureAwait(false);
                }

                await Info.WriteLineAsync(count == 1 ? "OK, 1 row affected" : string.Create(CultureInfo.InvariantCulture, $"OK, {count} rows affected"))
                    .ConfigureAwait(false);
            }

            if (Timing)
            {
                await Info.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Time: {watch.Elapsed.TotalMilliseconds:0.000} ms")).ConfigureAwait(false);
            }

            return true;
        }
        catch (Exception e) when (running.IsCancellationRequested && e is RpcException or OperationCanceledException)
        {
            progress?.Dispose();
            await Output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            await CancelOnServerAsync(result).ConfigureAwait(false);
            await ReportAsync("query cancelled", line).ConfigureAwait(false);
            return false;
        }
        catch (Exception e) when (e is RpcException or FlightSqlConnectionException or NotSupportedException or InvalidDataException)
        {
            progress?.Dispose();
            await Output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            await ReportAsync(Describe(e, Client.Options), line).ConfigureAwait(false);
            return false;
        }
        finally
        {
            progress?.Dispose();
            _running = null;
            await Output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Prints a result's rows in the current format, keeping <paramref name="progress"/> (if any) up to date and off the
    /// screen while rows are written; it is finished before the footer.
    /// </summary>
    public async Task PrintAsync(FlightSqlResult result, CancellationToken cancellationToken, ProgressIndicator? progress = null)
    {
        var printer = ResultPrinter.Create(Format, Output);
        var headerWritten = false;
        long rows = 0;
        await foreach (var batch in result.ReadBatchesAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!headerWritten)
            {
                printer.WriteHeader(result.Schema ?? batch.Schema);
                headerWritten = true;
            }

            rows += batch.Length;
            if (progress is null)
            {
                printer.WriteBatch(batch);
            }
            else
            {
                progress.Rows = rows;
                progress.Hold(() => printer.WriteBatch(batch));
            }
        }

        progress?.Dispose();
        if (!headerWritten)
        {
            printer.WriteHeader(result.Schema ?? new Schema.Builder().Build());
        }

        printer.WriteFooter(rows);
    }

    /// <summary>Prints rows built by the shell itself (\d's column list) in the current format.</summary>
    public void PrintRows(RecordBatch batch)
    {
        var printer = ResultPrinter.Create(Format, Output);
        printer.WriteHeader(batch.Schema);
        printer.WriteBatch(batch);
        printer.WriteFooter(batch.Length);
    }

    /// <summary>An error line: "ERROR: ...", after "file.sql:LINE: " when running a file or stdin.</summary>
    public async Task ReportAsync(string message, int line)
    {
        var prefix = _source is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"{_source}:{line}: ");
        await Error.WriteLineAsync(prefix + "ERROR: " + message).ConfigureAwait(false);
        await Error.FlushAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// gRPC status and message; the message carries line and column for SQL errors. An unreachable server is named,
    /// with the socket's reason, since gRPC's own words for it ("Error connecting to subchannel") say little.
    /// </summary>
    public static string Describe(Exception error, FlightSqlClientOptions? server = null) => error switch
    {
        RpcException { StatusCode: StatusCode.Unavailable, Status.DebugException: { } cause } when server is not null =>
            $"Unavailable: lost the connection to {server.Host}:{server.Port}: {cause.GetBaseException().Message}",
        RpcException rpc => $"{rpc.StatusCode}: {rpc.Status.Detail}",
        _ => error.Message,
    };

    /// <summary>
    /// Runs a call; when the server no longer knows the session's token (it restarted, or the session sat idle past its
    /// timeout) handshakes again and repeats the call once, as psql reconnects. Unauthenticated comes before any work
    /// is done, so the repeat cannot run a statement twice.
    /// </summary>
    private async Task<T> InSessionAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Unauthenticated && Client.BearerToken is not null)
        {
            await Error.WriteLineAsync("note: the server no longer knew this session; started a new one (settings made with SET are back to their defaults)")
                .ConfigureAwait(false);
            await Client.HandshakeAsync(cancellationToken).ConfigureAwait(false);
            return await call().ConfigureAwait(false);
        }
    }

    /// <summary>After the call was cancelled: also ask the server to stop (CancelFlightInfo); it may not support that.</summary>
    private async Task CancelOnServerAsync(FlightSqlResult? result)
    {
        if (result is null)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(CancelTimeout);
        try
        {
            await result.CancelAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (RpcException)
        {
            // Servers without the action answer Unimplemented, or Unknown from a base class that throws. Either way the
            // statement is over for the user: its call was cancelled, which servers see as well.
        }
    }

    private static int Count(ReadOnlySpan<char> text, char c) => text.Count(c);
}
