using System.Globalization;
using Federation.Common;

namespace Federation.Execution;

/// <summary>
/// The local folder where the queries of one process spill (sorts, hash aggregates and hash joins that would pass
/// their memory limit), with a cap on what they may hold there together. The process works in a subfolder of its own,
/// locked while it lives, with one subfolder per query that is deleted when the query ends however it ends; a process
/// that starts deletes the subfolders of processes that died without deleting theirs. Nothing is created on disk until
/// a query first spills.
/// </summary>
public sealed class SpillSpace
{
    private const string ProcessPrefix = "fed-";
    private const string LockName = "lock";

    private readonly Lock _gate = new();
    private string? _processFolder;
    private FileStream? _lock;
    private long _used;
    private long _queries;

    /// <param name="folder">The spill folder (created when first needed).</param>
    /// <param name="maxBytes">What all queries of the process may hold in it together; null: 90% of the free disk space when first used.</param>
    /// <param name="setting">How a user changes the cap, named in the error that says a query reached it.</param>
    public SpillSpace(string folder, long? maxBytes = null, string setting = "Spill:MaxBytes")
    {
        Folder = Path.GetFullPath(folder);
        _maxBytes = maxBytes;
        Setting = setting;
    }

    private long? _maxBytes;

    /// <summary>A spill space under the system's temporary folder, shared by the engines of a process that name none.</summary>
    public static SpillSpace Temporary { get; } = new(Path.Combine(Path.GetTempPath(), "federation-spill"));

    public string Folder { get; }

    public string Setting { get; }

    /// <summary>The cap on what the process's queries hold in the folder together.</summary>
    public long MaxBytes
    {
        get
        {
            lock (_gate)
            {
                return _maxBytes ??= DefaultCap(Folder);
            }
        }
    }

    /// <summary>Bytes the process's queries hold in the folder now.</summary>
    public long UsedBytes => Interlocked.Read(ref _used);

    /// <summary>The subfolder of this process, or null before its first spill.</summary>
    public string? ProcessFolder
    {
        get
        {
            lock (_gate)
            {
                return _processFolder;
            }
        }
    }

    /// <summary>The spill area of one query; disposing it deletes whatever the query wrote.</summary>
    public QuerySpill StartQuery() => new(this, Interlocked.Increment(ref _queries));

    /// <summary>Creates the process's subfolder (and the spill folder) on first use, clearing dead processes' leftovers.</summary>
    internal string EnsureProcessFolder()
    {
        lock (_gate)
        {
            if (_processFolder is not null)
            {
                return _processFolder;
            }

            Directory.CreateDirectory(Folder);
            DeleteLeftovers(Folder);
            var folder = Path.Combine(Folder, string.Create(CultureInfo.InvariantCulture, $"{ProcessPrefix}{Environment.ProcessId}-{Guid.NewGuid():N}"));
            Directory.CreateDirectory(folder);
            // Held open and locked while the process lives: another process that finds the lock taken leaves the folder alone.
            _lock = new FileStream(Path.Combine(folder, LockName), FileMode.Create, FileAccess.ReadWrite, FileShare.None);
            _processFolder = folder;
            return folder;
        }
    }

    /// <summary>
    /// Makes the process's subfolder now rather than at the first spill (clearing dead processes' leftovers), and
    /// answers its path.
    /// </summary>
    public string Open() => EnsureProcessFolder();

    /// <summary>
    /// Deletes the subfolders of processes that are gone, in <paramref name="folder"/>: those whose lock file can be
    /// taken (a live process holds its own). Run when a process first spills; also callable at start-up.
    /// </summary>
    public static int DeleteLeftovers(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return 0;
        }

        var deleted = 0;
        foreach (var candidate in Directory.EnumerateDirectories(folder, ProcessPrefix + "*"))
        {
            try
            {
                var lockPath = Path.Combine(candidate, LockName);
                if (File.Exists(lockPath))
                {
                    using var probe = new FileStream(lockPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
                }

                Directory.Delete(candidate, recursive: true);
                deleted++;
            }
            catch (IOException)
            {
                // Locked: its process is alive. Or it went away while we looked.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours to delete.
            }
        }

        return deleted;
    }

    /// <summary>Counts <paramref name="bytes"/> more on disk, failing when that passes the cap.</summary>
    internal void Take(long bytes)
    {
        var cap = MaxBytes;
        var total = Interlocked.Add(ref _used, bytes);
        if (total > cap)
        {
            Interlocked.Add(ref _used, -bytes);
            throw new FederationException(ErrorCode.SpillLimitExceeded,
                string.Create(CultureInfo.InvariantCulture,
                    $"query would spill more than the spill folder's cap of {MemoryPool.Format(cap)} ({MemoryPool.Format(total - bytes)} in use in {Folder}); raise {Setting}, raise memory_limit, or make the query read less"));
        }
    }

    internal void Give(long bytes) => Interlocked.Add(ref _used, -bytes);

    /// <summary>DuckDB's default: 90% of the disk space free where the folder is (100 GiB if that cannot be told).</summary>
    private static long DefaultCap(string folder)
    {
        try
        {
            var existing = folder;
            while (!Directory.Exists(existing) && Path.GetDirectoryName(existing) is { } parent)
            {
                existing = parent;
            }

            var free = new DriveInfo(existing).AvailableFreeSpace;
            return free > 0 ? free / 10 * 9 : 100L << 30;
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return 100L << 30;
        }
    }
}
