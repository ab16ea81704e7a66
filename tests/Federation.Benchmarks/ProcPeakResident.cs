using System.Globalization;

/// <summary>A process's peak resident set size (VmHWM in /proc/PID/status), the same measure for both engines.</summary>
internal static class ProcPeakResident
{
    public static long Of(int processId)
    {
        foreach (var line in File.ReadLines($"/proc/{processId}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                var kib = line["VmHWM:".Length..].Trim().Split(' ')[0];
                return long.Parse(kib, CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }
}
