using System.Runtime.InteropServices;

namespace Federation.LocalTables;

/// <summary>
/// Writes that survive a power cut: file contents flushed to the device, and folder entries (a new or renamed
/// file) made durable by fsyncing the folder, which .NET has no call for.
/// </summary>
internal static partial class DurableFiles
{
    /// <summary>Writes <paramref name="bytes"/> to a new file and fsyncs it.</summary>
    public static void WriteNew(string path, ReadOnlySpan<byte> bytes)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Makes the folder's entries durable (no-op on Windows, where NTFS journals them).</summary>
    public static void SyncFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var fd = Open(folder, 0); // O_RDONLY
        if (fd < 0)
        {
            throw new IOException($"cannot open folder \"{folder}\" to sync it (errno {Marshal.GetLastPInvokeError()})");
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                throw new IOException($"cannot sync folder \"{folder}\" (errno {Marshal.GetLastPInvokeError()})");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
