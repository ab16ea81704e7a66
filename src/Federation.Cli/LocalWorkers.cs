using System.Diagnostics;

namespace Federation.Cli;

/// <summary>
/// The `fed worker` processes `fed serve --workers N` starts beside the coordinator: each listens on a free loopback
/// port, holds the coordinator's cluster secret (passed in its environment, which other users cannot read) and joins
/// the coordinator's pool on its own with --coordinator. They are killed when the coordinator exits.
/// </summary>
internal sealed class LocalWorkers : IAsyncDisposable
{
    private readonly List<Process> _processes = [];

    public int Count => _processes.Count;

    public static LocalWorkers Start(int count, string coordinator, string secret)
    {
        var workers = new LocalWorkers();
        for (var i = 0; i < count; i++)
        {
            var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };

            // Run as `dotnet fed.dll`, the worker is started the same way; run as the fed executable, as itself.
            if (Path.GetFileNameWithoutExtension(start.FileName).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            {
                start.ArgumentList.Add(typeof(LocalWorkers).Assembly.Location);
            }

            // --parent-pid: should this process die without stopping them (SIGKILL), they stop too.
            foreach (var argument in new[]
                     {
                         "worker", "--port", "0", "--listen", "127.0.0.1", "--coordinator", coordinator, "--parent-pid",
                         Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     })
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment[WorkerCommand.SecretVariable] = secret;
            var process = Process.Start(start) ?? throw new InvalidOperationException("could not start fed worker");

            // Their banners are not the coordinator's; their warnings (a failed fragment) are, prefixed.
            process.OutputDataReceived += (_, _) => { };
            var name = $"worker {i + 1}";
            process.ErrorDataReceived += (_, e) =>
            {
                if (!string.IsNullOrWhiteSpace(e.Data))
                {
                    Console.Error.WriteLine($"[{name}] {e.Data}");
                }
            };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            workers._processes.Add(process);
        }

        return workers;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().ConfigureAwait(false);
            }

            process.Dispose();
        }

        _processes.Clear();
    }
}
