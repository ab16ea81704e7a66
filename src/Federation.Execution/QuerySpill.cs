using System.Globalization;
using Apache.Arrow;

namespace Federation.Execution;

/// <summary>
/// One query's spill files: a subfolder of the process's spill folder, made when the query first spills. Disposing it
/// (when the query ends: completion, error or cancellation) deletes the subfolder and everything in it and gives its
/// bytes back to the cap; afterwards no file can be made, so an operator still stopping cannot leave one behind.
/// </summary>
public sealed class QuerySpill : IDisposable
{
    private readonly SpillSpace _space;
    private readonly long _query;
    private readonly Lock _gate = new();
    private string? _folder;
    private long _files;
    private long _bytes;
    private long _written;
    private bool _disposed;

    internal QuerySpill(SpillSpace space, long query)
    {
        _space = space;
        _query = query;
    }

    public SpillSpace Space => _space;

    /// <summary>This query's subfolder, or null before it first spilled.</summary>
    public string? Folder
    {
        get
        {
            lock (_gate)
            {
                return _folder;
            }
        }
    }

    /// <summary>Bytes this query holds in spill files now.</summary>
    public long Bytes
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

    /// <summary>Bytes this query has written to spill files in all, deleted ones included (EXPLAIN ANALYZE shows it).</summary>
    public long WrittenBytes
    {
        get
        {
            lock (_gate)
            {
                return _written;
            }
        }
    }

    /// <summary>Spill files this query has made in all.</summary>
    public long FilesMade
    {
        get
        {
            lock (_gate)
            {
                return _files;
            }
        }
    }

    /// <summary>A new spill file for batches of <paramref name="schema"/>; <paramref name="metrics"/> counts its bytes.</summary>
    public SpillWriter CreateWriter(Schema schema, OperatorMetrics? metrics)
    {
        string path;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_folder is null)
            {
                var folder = Path.Combine(_space.EnsureProcessFolder(), string.Create(CultureInfo.InvariantCulture, $"q{_query}"));
                Directory.CreateDirectory(folder);
                _folder = folder;
            }

            path = Path.Combine(_folder, string.Create(CultureInfo.InvariantCulture, $"{++_files}.arrows"));
        }

        metrics?.Add("spill_files", 1);
        return new SpillWriter(this, path, schema, metrics);
    }

    /// <summary>Counts bytes written to one of this query's files against the cap.</summary>
    internal void Take(long bytes)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                // The query has ended and its folder is gone: an operator still stopping writes into a deleted file.
                return;
            }

            _space.Take(bytes);
            _bytes += bytes;
            _written += bytes;
        }
    }

    /// <summary>A file of this query was deleted before the query ended.</summary>
    internal void Give(long bytes)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _space.Give(bytes);
            _bytes -= bytes;
        }
    }

    public void Dispose()
    {
        string? folder;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            folder = _folder;
        }

        if (folder is not null)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
            }
        }

        lock (_gate)
        {
            _space.Give(_bytes);
            _bytes = 0;
        }
    }
}
