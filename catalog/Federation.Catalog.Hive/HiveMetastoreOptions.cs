using Federation.Catalog.Hive.Thrift;

namespace Federation.Catalog.Hive;

/// <summary>
/// How to reach one Hive metastore: its host and port (CREATE EXTERNAL SCHEMA ... URI 'host' PORT n) and the
/// server's settings for every metastore (transport, set_ugi, timeouts, pool and batch sizes).
/// </summary>
public sealed record HiveMetastoreOptions(string Host, int Port = HiveMetastoreOptions.DefaultPort)
{
    public const int DefaultPort = 9083;

    /// <summary>Buffered (the metastore's default) or framed (hive.metastore.thrift.framed.transport.enabled).</summary>
    public ThriftTransport Transport { get; init; } = ThriftTransport.Buffered;

    /// <summary>When set, each new connection first calls set_ugi(user, groups), as metastores without Kerberos that check users expect.</summary>
    public string? User { get; init; }

    public IReadOnlyList<string> Groups { get; init; } = [];

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one call may wait for its answer (listing many partitions can take a while).</summary>
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Idle connections kept open for reuse.</summary>
    public int MaxIdleConnections { get; init; } = 4;

    /// <summary>Partition names per get_partitions_by_names call.</summary>
    public int PartitionBatchSize { get; init; } = 100;

    /// <summary>How long databases, tables and partition lists are kept (<see cref="Metastore.CachingMetastore"/>); zero keeps nothing.</summary>
    public TimeSpan MetadataCacheTtl { get; init; } = Metastore.MetadataCacheSettings.DefaultTtl;

    /// <summary>The clock the metadata cache's TTL runs on (tests move it by hand).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>
    /// The settings for every metastore from the environment: FED_HIVE_TRANSPORT (buffered or framed),
    /// FED_HIVE_USER (calls set_ugi with it; FED_HIVE_GROUPS, comma-separated), FED_HIVE_TIMEOUT_SECONDS (each call),
    /// FED_HIVE_PARTITION_BATCH (names per get_partitions_by_names), FED_METADATA_CACHE_TTL_SECONDS (default 60, 0 off). Host and port come from each schema.
    /// </summary>
    public static HiveMetastoreOptions FromEnvironment()
    {
        var options = new HiveMetastoreOptions("localhost");
        if (Environment.GetEnvironmentVariable("FED_HIVE_TRANSPORT") is { Length: > 0 } transport)
        {
            options = options with
            {
                Transport = Enum.TryParse<ThriftTransport>(transport, ignoreCase: true, out var t)
                    ? t
                    : throw new Common.FederationException(Common.ErrorCode.InvalidArgument, $"FED_HIVE_TRANSPORT '{transport}' is not buffered or framed"),
            };
        }

        if (Environment.GetEnvironmentVariable("FED_HIVE_USER") is { Length: > 0 } user)
        {
            options = options with
            {
                User = user,
                Groups = (Environment.GetEnvironmentVariable("FED_HIVE_GROUPS") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            };
        }

        if (int.TryParse(Environment.GetEnvironmentVariable("FED_HIVE_TIMEOUT_SECONDS"), System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
        {
            options = options with { ReadTimeout = TimeSpan.FromSeconds(seconds) };
        }

        if (int.TryParse(Environment.GetEnvironmentVariable("FED_HIVE_PARTITION_BATCH"), System.Globalization.CultureInfo.InvariantCulture, out var batch) && batch > 0)
        {
            options = options with { PartitionBatchSize = batch };
        }

        return options with { MetadataCacheTtl = Metastore.MetadataCacheSettings.TtlFromEnvironment() };
    }

    /// <summary>host:port, as errors name the metastore.</summary>
    public string Address => $"{Host}:{Port}";
}
