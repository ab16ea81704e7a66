using System.Net;

namespace Federation.Worker;

/// <summary>
/// How a worker listens and the secret it checks fragments with: all it is configured with besides object-store
/// access. Bound from configuration (a JSON file, FED_* environment variables, command-line options).
/// </summary>
public sealed class WorkerOptions
{
    /// <summary>The port workers listen on unless told otherwise (the coordinator's is 32010).</summary>
    public const int DefaultPort = 32020;

    /// <summary>The address to bind: loopback by default. Others are allowed: only signed fragments are run.</summary>
    public string Listen { get; set; } = "127.0.0.1";

    /// <summary>TCP port; 0 picks a free one.</summary>
    public int Port { get; set; } = DefaultPort;

    /// <summary>The cluster secret, the same as the coordinator's (FED_CLUSTER_SECRET).</summary>
    public string? ClusterSecret { get; set; }

    /// <summary>How many partitions one fragment's scan reads at once (row groups are dealt among them).</summary>
    public int ScanPartitions { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// The coordinator to join (host:port or a URL): the worker registers there and sends heartbeats on its own.
    /// Without one the worker serves fragments but no coordinator knows of it.
    /// </summary>
    public string? Coordinator { get; set; }

    /// <summary>How often a heartbeat goes to the coordinator; it drops a worker it has not heard from in a few intervals.</summary>
    public int HeartbeatMilliseconds { get; set; } = 1_000;

    /// <summary>
    /// With a <see cref="Coordinator"/>: after this many seconds in which no heartbeat reached it (since the last one
    /// that did, or since the start), the worker stops, exit code 1, saying so. It serves only that coordinator's pool,
    /// so with the coordinator gone for good (a `fed serve` killed without stopping its workers, a test run that
    /// ended) it would wait forever, holding its port; a coordinator that comes back within the time (a restart, an
    /// upgrade) takes it back at its next heartbeat, and a supervisor (systemd, Kubernetes) restarts one that stopped.
    /// 0: never stop.
    /// </summary>
    public int CoordinatorLostExitSeconds { get; set; } = 600;

    public TimeSpan CoordinatorLostExit => TimeSpan.FromSeconds(CoordinatorLostExitSeconds);

    /// <summary>
    /// The Flight location the coordinator should reach this worker at (grpc+tcp://host:port), when the bound address is
    /// not it (a wildcard bind, NAT). By default the bound address; a wildcard one is replaced by the address the
    /// coordinator sees the heartbeats come from.
    /// </summary>
    public string? Advertise { get; set; }

    /// <summary>The bind address; a configuration error reads as one, naming the setting.</summary>
    public IPAddress ListenAddress() => Common.ListenAddress.Parse(Listen);

    /// <summary>Refuses settings that would start a broken or open worker, before anything listens.</summary>
    public void Validate()
    {
        ListenAddress();
        if (Port is < 0 or > 65535)
        {
            throw new InvalidOperationException($"Port: {Port} is not a TCP port");
        }

        if (ScanPartitions < 1)
        {
            throw new InvalidOperationException($"ScanPartitions: {ScanPartitions} must be at least 1");
        }

        if (HeartbeatMilliseconds < 50)
        {
            throw new InvalidOperationException($"HeartbeatMilliseconds: {HeartbeatMilliseconds} must be at least 50");
        }

        if (CoordinatorLostExitSeconds < 0)
        {
            throw new InvalidOperationException($"CoordinatorLostExitSeconds: {CoordinatorLostExitSeconds} must be 0 (never) or more");
        }

        if (!string.IsNullOrEmpty(Coordinator))
        {
            CoordinatorHeartbeat.CoordinatorAddress(Coordinator);
        }

        Exchange.ClusterSecret.FromText(ClusterSecret);
    }
}
