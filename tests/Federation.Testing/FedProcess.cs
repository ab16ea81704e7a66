using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Federation.Testing;

/// <summary>
/// The real `fed` program running a server command (`fed serve`, `fed worker`) in a child process, on a free loopback
/// port, as a user starts it (fed.dll found as <see cref="FedProgram.Dll"/>); the port is read from the banner it prints.
/// It is given this test process as its --parent-pid, so it stops should the tests end without stopping it (a crash,
/// a kill); disposing it stops it and everything it started, and waits until they have all exited.
/// </summary>
public sealed partial class FedProcess : IAsyncDisposable
{
    private readonly Process _process;
    private int _disposed;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _errors = new();

    private FedProcess(Process process)
    {
        _process = process;
    }

    public Uri Address { get; private set; } = null!;

    /// <summary>The process id of the fed program.</summary>
    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    /// <summary>
    /// Starts `fed &lt;command&gt; --port 0 --parent-pid &lt;this test process, or <paramref name="parentPid"/>&gt;
    /// &lt;arguments&gt;`; it is ready once it prints where it listens.
    /// </summary>
    public static async Task<FedProcess> StartAsync(string command, IEnumerable<string> arguments, IDictionary<string, string>? environment = null,
        int? parentPid = null)
    {
        var server = new FedProcess(Start(command, arguments, environment, parentPid));
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        Uri? address = null;
        server._process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (server._output)
            {
                server._output.AppendLine(e.Data);
            }

            if (ListeningLine().Match(e.Data) is { Success: true } match)
            {
                address = new Uri($"http://{match.Groups[1].Value}:{match.Groups[2].Value}");
            }

            // The banner's last line: the whole banner is in Output once the test goes on.
            if (address is not null && e.Data.StartsWith("Press Ctrl+C", StringComparison.Ordinal))
            {
                listening.TrySetResult(address);
            }
        };
        server._process.ErrorDataReceived += (_, e) =>
        {
            lock (server._errors)
            {
                server._errors.AppendLine(e.Data);
            }
        };
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();

        var exited = server._process.WaitForExitAsync();
        var first = await Task.WhenAny(listening.Task, exited, Task.Delay(Eventually.Patience));
        if (first != listening.Task)
        {
            var why = server._process.HasExited ? $"it exited with code {server._process.ExitCode}" : $"no banner in {Eventually.Patience.TotalSeconds} s";
            await server.DisposeAsync();
            throw new InvalidOperationException($"fed {command} did not start ({why}): {server.Errors}\n{server.Output}");
        }

        server.Address = await listening.Task;
        return server;
    }

    /// <summary>Runs `fed &lt;command&gt;` expecting it to refuse to start: its exit code and what it said on stderr.</summary>
    public static async Task<(int ExitCode, string Errors)> RunToExitAsync(string command, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        using var process = Start(command, arguments, environment, null);
        var errors = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        await FedProgram.WaitOrKillAsync(process, $"fed {command}");
        return (process.ExitCode, await errors);
    }

    /// <summary>Until the program exits by itself (it is not stopped); its exit code.</summary>
    public async Task<int> WaitForExitAsync()
    {
        await Eventually.CompletesAsync(_process.WaitForExitAsync(), $"fed (pid {Pid}) exits; it printed: {Errors}\n{Output}");
        return _process.ExitCode;
    }

    /// <summary>
    /// SIGKILL to the fed program alone, not to what it started: as an out-of-memory killer or `kill -9` ends it,
    /// with no chance to stop its own children. The processes it started are returned, as they were just before.
    /// </summary>
    public async Task<List<ProcessEntry>> KillAloneAsync()
    {
        var family = StartedProcesses.Family(Pid);
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
        return family.Where(p => p.Pid != Pid).ToList();
    }

    private static Process Start(string command, IEnumerable<string> arguments, IDictionary<string, string>? environment, int? parentPid)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(FedProgram.Dll);
        start.ArgumentList.Add(command);
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add("0");
        start.ArgumentList.Add("--parent-pid");
        start.ArgumentList.Add((parentPid ?? Environment.ProcessId).ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start fed");
        StartedProcesses.Started(process);
        return process;
    }

    public int ExitCode => _process.ExitCode;

    /// <summary>Sends a POSIX signal (SIGTERM = 15, SIGINT = 2) as `kill` would: how an operator or a terminal stops a server.</summary>
    public void Signal(int signal)
    {
        if (Kill(_process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed: errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>Waits for the process to exit; false when it is still running at <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    /// <summary>Kills the program and everything it started, and waits until all of them have exited; again, it does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        var family = StartedProcesses.Family(Pid);
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        await StartedProcesses.AllExitedAsync(family);
    }

    [GeneratedRegex(@"listening on ([0-9.]+|\[[0-9a-f:]+\]):(\d+)")]
    private static partial Regex ListeningLine();
}
