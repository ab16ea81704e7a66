namespace Federation.Cli.Shell;

/// <summary>
/// The prompt loop at a terminal: "fed=> " for a new statement, "fed-> " while one continues. Ctrl-C is read as a
/// key the whole time (the terminal sends no SIGINT), so at the prompt it clears the line and the statement collected
/// so far, and while a statement runs it cancels that statement and the shell carries on. Ctrl-D at an empty prompt
/// or \q ends the session.
/// </summary>
public sealed class InteractiveShell
{
    private const string Prompt = "fed=> ";
    private const string ContinuationPrompt = "fed-> ";

    /// <summary>How often keys are checked for Ctrl-C while a statement runs.</summary>
    private static readonly TimeSpan KeyPollInterval = TimeSpan.FromMilliseconds(50);

    private readonly ShellSession _session;
    private readonly LineEditor _editor;

    public InteractiveShell(ShellSession session, History history)
    {
        _session = session;
        _editor = new LineEditor(new ConsoleKeySource(), Console.Out, history, TerminalWidth);
        History = history;
    }

    public History History { get; }

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var address = _session.Client.Options;
        await Console.Out.WriteLineAsync($"fed sql: connected to {address.Host}:{address.Port}{(address.UseTls ? " (TLS)" : string.Empty)}. Type \\? for help, \\q to quit.")
            .ConfigureAwait(false);
        var treatControlC = Console.TreatControlCAsInput;
        Console.TreatControlCAsInput = true;
        try
        {
            while (!_session.QuitRequested && !cancellationToken.IsCancellationRequested)
            {
                var read = _editor.ReadLine(_session.HasPendingInput ? ContinuationPrompt : Prompt);
                if (read.Kind == LineReadKind.EndOfInput)
                {
                    break;
                }

                if (read.Kind == LineReadKind.Interrupted)
                {
                    _session.ClearPending();
                    continue;
                }

                History.Add(read.Text);
                using var watching = new CancellationTokenSource();
                var watcher = WatchForControlCAsync(watching.Token);
                try
                {
                    await _session.FeedLineAsync(read.Text, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    await watching.CancelAsync().ConfigureAwait(false);
                    await watcher.ConfigureAwait(false);
                }
            }
        }
        finally
        {
            Console.TreatControlCAsInput = treatControlC;
        }

        return 0;
    }

    /// <summary>The terminal's width now (it may have been resized), or 0 when it cannot be told.</summary>
    private static int TerminalWidth()
    {
        try
        {
            return Console.IsOutputRedirected ? 0 : Console.WindowWidth;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>Cancels the running statement when Ctrl-C is pressed; other keys typed meanwhile are dropped.</summary>
    private async Task WatchForControlCAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            while (Console.KeyAvailable)
            {
                var key = Console.ReadKey(intercept: true);
                if (key.KeyChar == '\u0003' || (key.Key == ConsoleKey.C && (key.Modifiers & ConsoleModifiers.Control) != 0))
                {
                    _session.CancelRunning();
                }
            }

            try
            {
                await Task.Delay(KeyPollInterval, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
