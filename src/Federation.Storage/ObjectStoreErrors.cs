using Federation.Common;

namespace Federation.Storage;

/// <summary>Errors of object stores: each names the object (its full URL) and the cause.</summary>
public static class ObjectStoreErrors
{
    public static FederationException NotFound(IObjectStore store, string key) =>
        new(ErrorCode.ObjectNotFound, $"{Describe(store, key)}: no such object");

    public static FederationException ReadFailed(IObjectStore store, string key, string cause, Exception? inner = null) =>
        new(ErrorCode.ObjectReadError, $"{Describe(store, key)}: {cause}", inner);

    public static FederationException OutOfRange(IObjectStore store, string key, long offset, int length, long size) =>
        new(ErrorCode.ObjectReadError,
            $"{Describe(store, key)}: cannot read {length} bytes at offset {offset}: the object has {size} bytes (truncated or changed while read?)");

    public static string Describe(IObjectStore store, string key) => store.Url.TrimEnd('/') + "/" + key;
}
