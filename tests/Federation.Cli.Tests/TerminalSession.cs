using System.Diagnostics;
using System.Text;

namespace Federation.Cli.Tests;

/// <summary>
/// The real fed program on a pseudo-terminal, through util-linux's script(1): stdin is a terminal, so fed sql runs its
/// interactive shell, and keys written here arrive as typed keys. Everything the terminal shows (stdout and stderr)
/// is collected in <see cref="Screen"/>.
/// </summary>
public sealed class TerminalSession : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _screen = new();
    private readonly Lock _lock = new();
    private readonly Task _reader;

    private TerminalSession(Process process)
    {
        _process = process;
        _reader = Task.Run(ReadAsync);
    }

    public string Screen
    {
        get
        {
            lock (_lock)
            {
                return _screen.ToString();
            }
        }
    }

    public static bool IsAvailable => File.Exists("/usr/bin/script");

    public static TerminalSession Start(string fedDll, string home, params string[] arguments)
    {
        var command = string.Join(' ', new[] { "dotnet", fedDll }.Concat(arguments).Select(a => "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));
        var start = new ProcessStartInfo("/usr/bin/script")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--quiet", "--flush", "--return", "--command", command, "/dev/null" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["HOME"] = home;
        start.Environment["TERM"] = "xterm";
        return new TerminalSession(Process.Start(start)!);
    }

    /// <summary>Types keys (control characters included) into the terminal.</summary>
    public async Task TypeAsync(string keys)
    {
        await _process.StandardInput.WriteAsync(keys);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Waits until the screen shows <paramref name="text"/> after position <paramref name="from"/>; returns where it ends.</summary>
    public async Task<int> WaitForAsync(string text, int from = 0)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < deadline)
        {
            var screen = Screen;
            var at = screen.IndexOf(text, Math.Min(from, screen.Length), StringComparison.Ordinal);
            if (at >= 0)
            {
                return at + text.Length;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"the terminal never showed \"{text}\"; it shows:\n{Screen}");
    }

    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await _process.WaitForExitAsync(timeout.Token);
        await _reader;
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task ReadAsync()
    {
        var buffer = new char[4096];
        int read;
        while ((read = await _process.StandardOutput.ReadAsync(buffer)) > 0)
        {
            lock (_lock)
            {
                _screen.Append(buffer, 0, read);
            }
        }
    }
}
