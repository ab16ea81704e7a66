using System.Globalization;

namespace Federation.Testing;

/// <summary>
/// One process as Linux's /proc shows it: its parent, its state, when it started (clock ticks after boot, which with
/// the pid names it uniquely: a pid can be used again, a pid and start time cannot) and its command line.
/// </summary>
public sealed record ProcessEntry(int Pid, int ParentPid, char State, long StartTime, string CommandLine)
{
    /// <summary>Exited: gone, or a zombie (dead, only its exit status left for its parent to collect).</summary>
    public bool HasExited => State is 'Z' or 'X';

    /// <summary>The process <paramref name="pid"/> now, or null when there is none.</summary>
    public static ProcessEntry? Read(int pid)
    {
        string stat;
        string commandLine;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
            commandLine = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').TrimEnd();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // "pid (comm) state ppid ... starttime ...": comm may hold spaces and parentheses, so the fields start after the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return new ProcessEntry(pid, int.Parse(fields[1], CultureInfo.InvariantCulture), fields[0][0], long.Parse(fields[19], CultureInfo.InvariantCulture),
            commandLine);
    }

    /// <summary>Every process now.</summary>
    public static List<ProcessEntry> All()
    {
        var all = new List<ProcessEntry>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Read(pid) is { } entry)
            {
                all.Add(entry);
            }
        }

        return all;
    }

    /// <summary>The processes below <paramref name="pid"/> now: its children, theirs, and so on.</summary>
    public static List<ProcessEntry> Descendants(int pid)
    {
        var byParent = All().ToLookup(p => p.ParentPid);
        var found = new List<ProcessEntry>();
        var pending = new Queue<int>([pid]);
        while (pending.TryDequeue(out var parent))
        {
            foreach (var child in byParent[parent])
            {
                found.Add(child);
                pending.Enqueue(child.Pid);
            }
        }

        return found;
    }

    /// <summary>Whether this very process (the same pid and start time) is still running.</summary>
    public bool IsRunning() => Read(Pid) is { HasExited: false } now && now.StartTime == StartTime;

    public override string ToString() => $"pid {Pid} ({CommandLine})";
}
