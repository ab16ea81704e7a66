using Federation.Common;

namespace Federation.Storage;

/// <summary>Errors of object stores: each names the object (its full URL) and the cause.</summary>
public static class ObjectStoreErrors
{
    public static FederationException NotFound(IObjectStore store, string key) =>
        new(ErrorCode.ObjectNotFound, $"{Describe(store, key)}: no such object");

    public static FederationException ReadFailed(IObjectStore store, string key, string cause, Exception? inner = null) =>
        new(ErrorCode.ObjectReadError, $"{Describe(store, key)}: {cause}", inner);

    /// <summary>The store could not be reached, or kept failing after its retries: a later try can succeed.</summary>
    public static FederationException Unavailable(IObjectStore store, string key, string cause, Exception? inner = null) =>
        new(ErrorCode.ObjectStoreUnavailable, $"{Describe(store, key)}: {cause}", inner);

    /// <summary>The store refused the request: credentials, role or policy.</summary>
    public static FederationException AccessDenied(IObjectStore store, string key, string cause, Exception? inner = null) =>
        new(ErrorCode.ObjectAccessDenied, $"{Describe(store, key)}: {cause}", inner);

    public static FederationException OutOfRange(IObjectStore store, string key, long offset, int length, long size) =>
        new(ErrorCode.ObjectReadError,
            $"{Describe(store, key)}: cannot read {length} bytes at offset {offset}: the object has {size} bytes (truncated or changed while read?)");

    public static FederationException Changed(IObjectStore store, string key, string expectedETag, string? actualETag) =>
        new(ErrorCode.ObjectChanged,
            $"{Describe(store, key)}: the object changed while the statement read it (ETag {expectedETag} when listed, {actualETag ?? "none"} now); run the statement again");

    /// <summary>Whether two ETags name the same version: S3 quotes them, and some servers drop the quotes.</summary>
    public static bool SameETag(string expected, string? actual) =>
        actual is not null && expected.Trim('"').Equals(actual.Trim('"'), StringComparison.Ordinal);

    public static string Describe(IObjectStore store, string key) => store.Url.TrimEnd('/') + "/" + key;
}
