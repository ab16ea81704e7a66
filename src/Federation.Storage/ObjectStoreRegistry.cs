using System.Collections.Concurrent;
using Federation.Common;

namespace Federation.Storage;

/// <summary>
/// Finds the store of a URL by scheme and authority (DataFusion's ObjectStoreRegistry): file:// is the local file
/// system; each scheme with a factory (s3://) gets one store per bucket, made on first use.
/// </summary>
public sealed class ObjectStoreRegistry
{
    private readonly ConcurrentDictionary<string, IObjectStore> _stores = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<string, IObjectStore>> _factories = new(StringComparer.Ordinal);

    public ObjectStoreRegistry()
    {
        _stores["file://"] = new LocalObjectStore("/");
    }

    /// <summary>Makes stores for <paramref name="scheme"/> URLs, given the authority (the bucket).</summary>
    public void RegisterScheme(string scheme, Func<string, IObjectStore> factory) => _factories[scheme] = factory;

    /// <summary>A store for exactly this scheme and authority, e.g. a test's in-memory store.</summary>
    public void Register(string scheme, string authority, IObjectStore store) => _stores[scheme + "://" + authority] = store;

    /// <summary>The store of a location and the key within it.</summary>
    public (IObjectStore Store, string Key) Resolve(string url)
    {
        var location = ObjectLocation.Parse(url);
        var name = location.Scheme + "://" + location.Authority;
        if (_stores.TryGetValue(name, out var store))
        {
            return (store, location.Key);
        }

        if (!_factories.TryGetValue(location.Scheme, out var factory))
        {
            throw new FederationException(ErrorCode.NotSupported,
                $"no object store for {location.Scheme}:// locations (\"{url}\"): supported are file://{(_factories.Count == 0 ? string.Empty : ", " + string.Join(", ", _factories.Keys.Select(k => k + "://")))}");
        }

        return (_stores.GetOrAdd(name, _ => factory(location.Authority)), location.Key);
    }
}
