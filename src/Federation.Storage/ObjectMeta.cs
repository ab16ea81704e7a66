namespace Federation.Storage;

/// <summary>
/// What a listing or a HEAD tells about one object. <see cref="Key"/> is relative to its store (for S3, the key in
/// the bucket); <see cref="ETag"/> and <see cref="Size"/> together say whether a cached footer is still good.
/// </summary>
public sealed record ObjectMeta(string Key, long Size, DateTimeOffset LastModified, string? ETag);
