using System.Globalization;
using Federation.Catalog.External;
using Federation.Catalog.Metastore;

namespace Federation.Catalog.Hive;

/// <summary>
/// Opens the Hive metastore of a FROM HIVE METASTORE schema at its URI and PORT (9083 when none), with the server's
/// settings for every metastore (<paramref name="defaults"/>: transport, set_ugi user, timeouts, batch size).
/// </summary>
public sealed class HiveMetastoreFactory(HiveMetastoreOptions defaults) : IExternalMetastoreFactory
{
    public IMetastore Open(ExternalSchema schema)
    {
        var (host, port) = Address(schema);
        // Kept answers for the TTL; our own DDL through it drops what it changed.
        return new CachingMetastore(new HiveMetastore(defaults with { Host = host, Port = port }), defaults.MetadataCacheTtl, defaults.Clock);
    }

    /// <summary>The metastore's host (case-insensitive, as DNS is) and port.</summary>
    public string MetastoreKey(ExternalSchema schema)
    {
        var (host, port) = Address(schema);
        return $"hive:{host.ToLowerInvariant()}:{port.ToString(CultureInfo.InvariantCulture)}";
    }

    private (string Host, int Port) Address(ExternalSchema schema)
    {
        var host = schema.Options.GetValueOrDefault("URI") ?? defaults.Host;
        var port = schema.Options.TryGetValue("PORT", out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var p)
            ? p
            : HiveMetastoreOptions.DefaultPort;
        return (host, port);
    }
}
