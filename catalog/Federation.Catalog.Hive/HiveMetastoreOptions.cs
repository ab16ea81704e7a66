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

    /// <summary>host:port, as errors name the metastore.</summary>
    public string Address => $"{Host}:{Port}";
}
