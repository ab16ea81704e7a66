using Apache.Arrow.Flight.Client;
using Federation.Exchange;
using Grpc.Net.Client;

namespace Federation.Coordinator.Workers;

/// <summary>
/// One worker in the pool: where it is, what its last heartbeat said, and the fragments this coordinator has running
/// on it. Mutable, guarded by the pool's lock; its Flight channel lives as long as the entry (and its last lease).
/// </summary>
internal sealed class PooledWorker
{
    public PooledWorker(WorkerHeartbeat heartbeat, string location, DateTime now)
    {
        Id = heartbeat.WorkerId;
        Location = location;
        JoinedAt = now;
        var address = new Uri(location.Replace("grpc+tcp://", "http://", StringComparison.OrdinalIgnoreCase)
            .Replace("grpc+tls://", "https://", StringComparison.OrdinalIgnoreCase));
        Channel = GrpcChannel.ForAddress(address);
        Client = new FlightClient(Channel);
        Heartbeat = heartbeat;
        LastHeartbeat = now;
    }

    public string Id { get; }

    public string Location { get; }

    public DateTime JoinedAt { get; }

    public GrpcChannel Channel { get; }

    public FlightClient Client { get; }

    public WorkerHeartbeat Heartbeat { get; set; }

    public DateTime LastHeartbeat { get; set; }

    /// <summary>When a fragment last failed to reach it; it gets no fragments until a heartbeat comes after this.</summary>
    public DateTime? SuspectSince { get; set; }

    /// <summary>Dropped from the pool: no new fragments; the channel closes when the last running one ends.</summary>
    public bool Removed { get; set; }

    public int Running { get; set; }

    public long Dispatched { get; set; }

    public long Failed { get; set; }

    public long BytesRead { get; set; }

    public long RowsReturned { get; set; }

    public long BytesReturned { get; set; }
}
