namespace Federation.Storage;

/// <summary>
/// Objects under one root (an S3 bucket, a local folder), addressed by keys with '/' separators. The operations are
/// the ones lakehouse reading needs: list, head, ranged read (and the tail, where file footers live), and write for
/// statements that produce files. Errors are <see cref="Common.FederationException"/>s naming the object.
/// </summary>
public interface IObjectStore
{
    /// <summary>The URL of the root, e.g. "s3://bucket" or "file:///data"; objects print as Url + "/" + key.</summary>
    string Url { get; }

    /// <summary>Every object whose key starts with <paramref name="prefix"/>, at any depth, in key order; paging is internal.</summary>
    IAsyncEnumerable<ObjectMeta> ListAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>The objects and sub-prefixes directly under <paramref name="prefix"/> (which should end in '/').</summary>
    Task<ObjectListing> ListLevelAsync(string prefix, CancellationToken cancellationToken);

    ValueTask<ObjectMeta> HeadAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Reads exactly destination.Length bytes starting at <paramref name="offset"/>; reading past the end is an error.
    /// With <paramref name="expectedETag"/> (the ETag the object was listed with) a read of an object replaced since
    /// fails (<see cref="ObjectStoreErrors.Changed"/>): a scan never mixes bytes of two versions of one file.
    /// </summary>
    ValueTask ReadAsync(string key, long offset, Memory<byte> destination, string? expectedETag, CancellationToken cancellationToken);

    /// <summary>
    /// Reads the last bytes of an object into the end of <paramref name="destination"/> in one request, whatever its
    /// size: returns how many there were (fewer than destination.Length when the object is smaller) and the object's size.
    /// </summary>
    ValueTask<(int Read, long ObjectSize)> ReadTailAsync(string key, Memory<byte> destination, CancellationToken cancellationToken);

    /// <summary>Creates or replaces an object.</summary>
    ValueTask WriteAsync(string key, ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>Deletes an object; deleting one that does not exist is not an error.</summary>
    ValueTask DeleteAsync(string key, CancellationToken cancellationToken);
}
