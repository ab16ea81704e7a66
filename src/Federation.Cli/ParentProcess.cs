using System.Diagnostics;
using System.Globalization;

namespace Federation.Cli;

/// <summary>
/// --parent-pid: stops this process when the one that started it has exited, however it ended (SIGKILL included), so
/// that `fed serve`'s local workers, and the processes a test starts, never outlive their parent. On Linux the parent
/// is looked up in /proc every <see cref="Interval"/>: it is gone when its entry is, when it is a zombie (dead, but not
/// yet collected by its own parent: Process.WaitForExitAsync of a non-child counts that as alive, for as long as the
/// grandparent does not reap it), or when its pid now names a process started at another time (reused).
/// </summary>
internal static class ParentProcess
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    /// <summary>Cancels <paramref name="stop"/> once process <paramref name="pid"/> has exited (or at once if it is already gone).</summary>
    public static async Task StopWhenGoneAsync(int pid, CancellationTokenSource stop)
    {
        try
        {
            await WaitForExitAsync(pid, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping for another reason.
            return;
        }

        await stop.CancelAsync().ConfigureAwait(false);
    }

    private static async Task WaitForExitAsync(int pid, CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux())
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (ArgumentException)
            {
                // Already gone.
            }

            return;
        }

        var started = LiveStartTime(pid);
        if (started is null)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            if (LiveStartTime(pid) != started)
            {
                return;
            }
        }
    }

    /// <summary>When process <paramref name="pid"/> started (clock ticks after boot), or null when it is gone or a zombie.</summary>
    private static long? LiveStartTime(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // "pid (comm) state ppid ... starttime ...": comm may hold spaces and parentheses, so the fields start after the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return fields[0] is "Z" or "X" ? null : long.Parse(fields[19], CultureInfo.InvariantCulture);
    }
}
