using System.Collections.Concurrent;
using System.Diagnostics;

namespace Federation.Testing;

/// <summary>
/// Every process this test assembly started through <see cref="FedProcess"/> and <see cref="FedProgram"/>, with
/// the processes they started in turn (`fed serve --workers N`'s workers), so that the suite can check none of them
/// outlives the tests. Only this assembly's own: other test assemblies run at the same time on the same fed.dll, and
/// their processes are theirs to account for.
/// </summary>
public static class StartedProcesses
{
    private static readonly ConcurrentDictionary<(int Pid, long StartTime), ProcessEntry> Entries = new();

    /// <summary>Records a process just started (on Linux, where /proc names it; elsewhere there is nothing to check against).</summary>
    internal static void Started(Process process)
    {
        if (OperatingSystem.IsLinux() && ProcessEntry.Read(process.Id) is { } entry)
        {
            Entries[(entry.Pid, entry.StartTime)] = entry;
        }
    }

    /// <summary>
    /// Records <paramref name="pid"/>'s descendants as they are now, before it is stopped: once it is gone they are
    /// orphans that no process tree leads to any more.
    /// </summary>
    internal static List<ProcessEntry> Family(int pid)
    {
        if (!OperatingSystem.IsLinux())
        {
            return [];
        }

        var family = ProcessEntry.Read(pid) is { } self ? [self, .. ProcessEntry.Descendants(pid)] : ProcessEntry.Descendants(pid);
        foreach (var entry in family)
        {
            Entries[(entry.Pid, entry.StartTime)] = entry;
        }

        return family;
    }

    /// <summary>Waits until every process of <paramref name="family"/> has exited; fails naming those that never do.</summary>
    internal static Task AllExitedAsync(IReadOnlyList<ProcessEntry> family) =>
        Eventually.UntilAsync(() => family.All(p => !p.IsRunning()),
            () => "these processes outlived their stop: " + string.Join("; ", family.Where(p => p.IsRunning())));

    /// <summary>
    /// The recorded processes still running (and anything they started), after they were killed: empty when the tests
    /// left nothing behind. Called when the assembly's tests have finished; the kill keeps a leak from also keeping the
    /// machine busy.
    /// </summary>
    public static List<ProcessEntry> KillLeftRunning()
    {
        var left = new List<ProcessEntry>();
        foreach (var entry in Entries.Values.Where(e => e.IsRunning()))
        {
            left.Add(entry);
            left.AddRange(ProcessEntry.Descendants(entry.Pid).Where(d => !left.Contains(d)));
        }

        foreach (var entry in left.Where(e => e.IsRunning()))
        {
            try
            {
                using var process = Process.GetProcessById(entry.Pid);
                process.Kill(entireProcessTree: true);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Gone meanwhile.
            }
        }

        return left;
    }
}
