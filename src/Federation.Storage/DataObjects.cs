using System.Runtime.CompilerServices;

namespace Federation.Storage;

/// <summary>
/// Which objects under a table's location hold data, the rule Hive, Spark and Spectrum share: names starting with
/// _ or . (markers like _SUCCESS, _temporary/ folders, hidden files) are not data, nor are empty objects.
/// </summary>
public static class DataObjects
{
    /// <summary>Whether any part of a '/'-separated path relative to the location starts with _ or .</summary>
    public static bool IsHidden(string relative)
    {
        foreach (var part in relative.Split('/'))
        {
            if (part.Length > 0 && (part[0] == '_' || part[0] == '.'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The data objects whose keys match <paramref name="glob"/>, in key order, from one listing of its literal prefix;
    /// hidden and marker objects (below the glob's root folder) and empty ones are skipped as under a folder.
    /// </summary>
    public static async IAsyncEnumerable<ObjectMeta> ListAsync(IObjectStore store, ObjectGlob glob, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var meta in store.ListAsync(glob.ListPrefix, cancellationToken).ConfigureAwait(false))
        {
            if (meta.Size > 0 && !IsHidden(meta.Key[glob.Root.Length..]) && glob.IsMatch(meta.Key))
            {
                yield return meta;
            }
        }
    }

    /// <summary>The data objects at any depth under <paramref name="prefix"/>, in key order.</summary>
    public static async IAsyncEnumerable<ObjectMeta> ListAsync(IObjectStore store, string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var meta in store.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            if (meta.Size > 0 && !IsHidden(meta.Key[prefix.Length..]))
            {
                yield return meta;
            }
        }
    }

    /// <summary>
    /// The data objects a read_* function's location names, in key order: those matching a glob, or the one object
    /// the key names, or (when no object has that name) those under it as a folder. ObjectNotFound when there are none,
    /// naming the location and, as <paramref name="kind"/> says, what was looked for ("Avro files").
    /// </summary>
    public static async Task<List<ObjectMeta>> AtLocationAsync(IObjectStore store, string key, string kind, CancellationToken cancellationToken)
    {
        var objects = new List<ObjectMeta>();
        if (ObjectGlob.IsGlob(key))
        {
            await foreach (var meta in ListAsync(store, ObjectGlob.Parse(key), cancellationToken).ConfigureAwait(false))
            {
                objects.Add(meta);
            }
        }
        else
        {
            if (key.Length > 0 && !key.EndsWith('/'))
            {
                try
                {
                    objects.Add(await store.HeadAsync(key, cancellationToken).ConfigureAwait(false));
                }
                catch (Common.FederationException e) when (e.Code == Common.ErrorCode.ObjectNotFound)
                {
                    key += "/";
                }
            }

            if (objects.Count == 0)
            {
                await foreach (var meta in ListAsync(store, key, cancellationToken).ConfigureAwait(false))
                {
                    objects.Add(meta);
                }
            }
        }

        if (objects.Count == 0)
        {
            throw new Common.FederationException(Common.ErrorCode.ObjectNotFound, $"no {kind} found at {ObjectStoreErrors.Describe(store, key)}");
        }

        return objects;
    }
}
