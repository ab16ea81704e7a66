using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace Federation.Storage;

/// <summary>
/// A folder of the local file system as an object store (file:// URLs and plain paths): the embedded default and
/// the store of tests. Keys are paths under the root with '/' separators; writes go to a temporary file first and
/// are renamed into place, so a reader never sees half an object.
/// </summary>
public sealed class LocalObjectStore : IObjectStore
{
    private readonly string _root;

    public LocalObjectStore(string root)
    {
        _root = Path.GetFullPath(root);
        Url = new Uri(_root.EndsWith(Path.DirectorySeparatorChar) ? _root : _root + Path.DirectorySeparatorChar).AbsoluteUri.TrimEnd('/');
    }

    public string Url { get; }

    public string Root => _root;

    public async IAsyncEnumerable<ObjectMeta> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // A key prefix need not end at a folder boundary: list from the folder holding it and filter by the prefix.
        var slash = prefix.LastIndexOf('/');
        var folder = FullPath(slash < 0 ? string.Empty : prefix[..slash]);
        if (!Directory.Exists(folder))
        {
            yield break;
        }

        var files = Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 });
        var metas = new List<ObjectMeta>();
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var key = KeyOf(file);
            if (key.StartsWith(prefix, StringComparison.Ordinal) && !IsTemporary(key))
            {
                metas.Add(Meta(key, new FileInfo(file)));
            }
        }

        metas.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        foreach (var meta in metas)
        {
            yield return meta;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public Task<ObjectListing> ListLevelAsync(string prefix, CancellationToken cancellationToken)
    {
        var folder = FullPath(prefix.TrimEnd('/'));
        if (!Directory.Exists(folder))
        {
            return Task.FromResult(new ObjectListing([], []));
        }

        var objects = new List<ObjectMeta>();
        var prefixes = new List<string>();
        var options = new EnumerationOptions { RecurseSubdirectories = false, AttributesToSkip = 0 };
        foreach (var file in Directory.EnumerateFiles(folder, "*", options))
        {
            var key = KeyOf(file);
            if (!IsTemporary(key))
            {
                objects.Add(Meta(key, new FileInfo(file)));
            }
        }

        foreach (var directory in Directory.EnumerateDirectories(folder, "*", options))
        {
            prefixes.Add(KeyOf(directory) + "/");
        }

        objects.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        prefixes.Sort(StringComparer.Ordinal);
        return Task.FromResult(new ObjectListing(objects, prefixes));
    }

    public ValueTask<ObjectMeta> HeadAsync(string key, CancellationToken cancellationToken)
    {
        var file = new FileInfo(FullPath(key));
        return file.Exists ? ValueTask.FromResult(Meta(key, file)) : throw ObjectStoreErrors.NotFound(this, key);
    }

    public async ValueTask ReadAsync(string key, long offset, Memory<byte> destination, string? expectedETag, CancellationToken cancellationToken)
    {
        using var handle = Open(key);
        if (expectedETag is not null && ETagOf(new FileInfo(FullPath(key))) is var current && !ObjectStoreErrors.SameETag(expectedETag, current))
        {
            throw ObjectStoreErrors.Changed(this, key, expectedETag, current);
        }

        var size = RandomAccess.GetLength(handle);
        if (offset < 0 || offset + destination.Length > size)
        {
            throw ObjectStoreErrors.OutOfRange(this, key, offset, destination.Length, size);
        }

        var read = 0;
        while (read < destination.Length)
        {
            var n = await RandomAccess.ReadAsync(handle, destination[read..], offset + read, cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                throw ObjectStoreErrors.OutOfRange(this, key, offset, destination.Length, size);
            }

            read += n;
        }
    }

    public async ValueTask<(int Read, long ObjectSize)> ReadTailAsync(string key, Memory<byte> destination, CancellationToken cancellationToken)
    {
        using var handle = Open(key);
        var size = RandomAccess.GetLength(handle);
        var length = (int)Math.Min(size, destination.Length);
        var target = destination[^length..];
        var read = 0;
        while (read < length)
        {
            var n = await RandomAccess.ReadAsync(handle, target[read..], size - length + read, cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                throw ObjectStoreErrors.ReadFailed(this, key, "the object shrank while it was read");
            }

            read += n;
        }

        return (length, size);
    }

    public async ValueTask WriteAsync(string key, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var path = FullPath(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + TemporarySuffix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        await File.WriteAllBytesAsync(temporary, data.ToArray(), cancellationToken).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
    }

    public ValueTask DeleteAsync(string key, CancellationToken cancellationToken)
    {
        File.Delete(FullPath(key));
        return ValueTask.CompletedTask;
    }

    private const string TemporarySuffix = ".fed-tmp-";

    private static bool IsTemporary(string key) => key.Contains(TemporarySuffix, StringComparison.Ordinal);

    private Microsoft.Win32.SafeHandles.SafeFileHandle Open(string key)
    {
        try
        {
            return File.OpenHandle(FullPath(key), FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw ObjectStoreErrors.NotFound(this, key);
        }
        catch (UnauthorizedAccessException e)
        {
            throw ObjectStoreErrors.AccessDenied(this, key, "permission denied: " + e.Message, e);
        }
        catch (IOException e)
        {
            throw ObjectStoreErrors.ReadFailed(this, key, e.Message, e);
        }
    }

    /// <summary>The file of a key; a key that would leave the root ("../") is refused.</summary>
    private string FullPath(string key)
    {
        var path = Path.GetFullPath(Path.Combine(_root, key.Replace('/', Path.DirectorySeparatorChar)));
        if (!path.StartsWith(_root, StringComparison.Ordinal))
        {
            throw ObjectStoreErrors.ReadFailed(this, key, "the key leaves the store's root folder");
        }

        return path;
    }

    private string KeyOf(string path)
    {
        var relative = Path.GetRelativePath(_root, path);
        return Path.DirectorySeparatorChar == '/' ? relative : relative.Replace(Path.DirectorySeparatorChar, '/');
    }

    private static ObjectMeta Meta(string key, FileInfo file) =>
        new(key, file.Length, file.LastWriteTimeUtc, ETagOf(file));

    /// <summary>Size and modification time stand in for S3's content hash: enough to notice a replaced file.</summary>
    private static string ETagOf(FileInfo file) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{file.Length}:{file.LastWriteTimeUtc.Ticks}")).AsSpan(0, 8));
}
