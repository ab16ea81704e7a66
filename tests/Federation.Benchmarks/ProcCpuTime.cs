using System.Globalization;

/// <summary>
/// The CPU time a process has used (user + system, from /proc/PID/stat, in milliseconds): on a loaded machine a
/// run's wall time mostly measures the other processes, its CPU time much less so.
/// </summary>
internal static class ProcCpuTime
{
    // The kernel's clock ticks per second (USER_HZ), 100 on Linux.
    private const double TicksPerSecond = 100;

    public static double MillisecondsOf(int processId)
    {
        var stat = File.ReadAllText($"/proc/{processId}/stat");
        // Fields after the command name (which is in parentheses and may hold spaces): utime is the 14th field, stime the 15th.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks * 1000 / TicksPerSecond;
    }
}
