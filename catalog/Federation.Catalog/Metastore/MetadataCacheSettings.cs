using System.Globalization;
using Federation.Common;

namespace Federation.Catalog.Metastore;

/// <summary>The metadata cache's setting shared by every catalog client (Hive, Glue): FED_METADATA_CACHE_TTL_SECONDS.</summary>
public static class MetadataCacheSettings
{
    /// <summary>The TTL when nothing is set: a minute, as Trino's hive.metastore-cache-ttl users expect a short one.</summary>
    public static readonly TimeSpan DefaultTtl = TimeSpan.FromMinutes(1);

    /// <summary>FED_METADATA_CACHE_TTL_SECONDS (seconds, fractions allowed, 0 turns the cache off), else <see cref="DefaultTtl"/>; anything else is an error naming the setting.</summary>
    public static TimeSpan TtlFromEnvironment()
    {
        if (Environment.GetEnvironmentVariable("FED_METADATA_CACHE_TTL_SECONDS") is not { Length: > 0 } ttl)
        {
            return DefaultTtl;
        }

        return double.TryParse(ttl, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 && double.IsFinite(seconds)
            ? TimeSpan.FromSeconds(seconds)
            : throw new FederationException(ErrorCode.InvalidArgument, $"FED_METADATA_CACHE_TTL_SECONDS '{ttl}' is not a number of seconds (0 turns the cache off)");
    }
}
