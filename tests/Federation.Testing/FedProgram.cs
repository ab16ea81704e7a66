using System.Diagnostics;

namespace Federation.Testing;

/// <summary>The real fed program, run as a child process the way the ./fed launcher runs it (dotnet fed.dll).</summary>
public static class FedProgram
{
    /// <summary>
    /// fed.dll where the ./fed launcher finds it: artifacts/bin/Federation.Cli/&lt;configuration&gt;/, beside the test's
    /// own artifacts/bin/&lt;test project&gt;/&lt;configuration&gt;/ (the test project's reference to Federation.Cli builds it there).
    /// </summary>
    public static string Dll
    {
        get
        {
            var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var dll = Path.Combine(testOutput.Parent!.Parent!.FullName, "Federation.Cli", testOutput.Name, "fed.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException($"fed.dll not found at {dll}", dll);
        }
    }

    /// <summary>
    /// Runs fed with <paramref name="arguments"/> to its exit, <paramref name="stdin"/> piped in, with <paramref name="environment"/>
    /// set and the variables in <paramref name="unset"/> removed from what it inherits; kills it and fails if it never exits.
    /// </summary>
    public static async Task<FedRun> RunAsync(IEnumerable<string> arguments, string stdin = "", IReadOnlyDictionary<string, string>? environment = null,
        IEnumerable<string>? unset = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in unset ?? [])
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start fed");
        StartedProcesses.Started(process);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        await WaitOrKillAsync(process, "fed " + string.Join(' ', arguments));
        return new FedRun(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Until <paramref name="process"/> exits; one that never does is killed (it must not outlive the test) and fails the test.</summary>
    internal static async Task WaitOrKillAsync(Process process, string what)
    {
        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(exited, Task.Delay(Eventually.Patience)) != exited)
        {
            process.Kill(entireProcessTree: true);
            await exited;
            throw new TimeoutException($"{what} did not exit; it was killed");
        }

        await exited;
    }

    public static Task<FedRun> RunAsync(params string[] arguments) => RunAsync(arguments, string.Empty);
}
