using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using Proto = Federation.Exchange.Protocol;

namespace Federation.Exchange;

/// <summary>
/// What a worker tells its coordinator every heartbeat interval: its identity (one per process), where it serves
/// Flight, how many fragments it is running and has run, and whether it is leaving. It travels as the body of a
/// DoAction <see cref="ActionType"/> on the coordinator, signed with the cluster secret like a fragment ticket, so
/// only a holder of the secret can join the pool; the coordinator refuses a stale one (<see cref="MaxAge"/>) and one
/// whose <see cref="Sequence"/> is not above the last it took from that worker, so a captured heartbeat cannot be
/// replayed to keep a dead worker in the pool.
/// </summary>
public sealed record WorkerHeartbeat(
    string WorkerId,
    string Location,
    long Sequence,
    DateTimeOffset SentAt,
    DateTimeOffset StartedAt,
    int RunningFragments,
    long CompletedFragments,
    long FailedFragments,
    bool Leaving)
{
    /// <summary>The DoAction type a worker sends its heartbeats as.</summary>
    public const string ActionType = "WorkerHeartbeat";

    /// <summary>How old (or how far ahead of the coordinator's clock) a heartbeat may be.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private static readonly byte[] Domain = Encoding.ASCII.GetBytes("federation/worker-heartbeat");

    public byte[] Sign(ClusterSecret secret)
    {
        var body = new Proto.WorkerHeartbeat
        {
            WorkerId = WorkerId,
            Location = Location,
            Sequence = Sequence,
            SentAtMs = SentAt.ToUnixTimeMilliseconds(),
            StartedAtMs = StartedAt.ToUnixTimeMilliseconds(),
            RunningFragments = RunningFragments,
            CompletedFragments = CompletedFragments,
            FailedFragments = FailedFragments,
            Leaving = Leaving,
        }.ToByteArray();
        return new Proto.SignedHeartbeat { Heartbeat = ByteString.CopyFrom(body), Mac = ByteString.CopyFrom(secret.Mac(Domain, [], body)) }.ToByteArray();
    }

    /// <summary>The heartbeat in <paramref name="signed"/>, if its MAC holds and it is fresh; else <see cref="TicketRejectedException"/> saying why.</summary>
    public static WorkerHeartbeat Verify(ReadOnlySpan<byte> signed, ClusterSecret secret, DateTimeOffset now)
    {
        Proto.SignedHeartbeat message;
        try
        {
            message = Proto.SignedHeartbeat.Parser.ParseFrom(signed);
        }
        catch (InvalidProtocolBufferException)
        {
            throw new TicketRejectedException("the body is not a signed worker heartbeat");
        }

        if (message.Heartbeat.IsEmpty || message.Mac.IsEmpty)
        {
            throw new TicketRejectedException("the worker heartbeat is not signed: only workers holding the cluster secret may join");
        }

        if (!CryptographicOperations.FixedTimeEquals(secret.Mac(Domain, [], message.Heartbeat.Span), message.Mac.Span))
        {
            throw new TicketRejectedException("the worker heartbeat's signature is wrong: the worker's cluster secret is not the coordinator's");
        }

        var body = Proto.WorkerHeartbeat.Parser.ParseFrom(message.Heartbeat);
        var sentAt = DateTimeOffset.FromUnixTimeMilliseconds(body.SentAtMs);
        if ((now - sentAt).Duration() > MaxAge)
        {
            throw new TicketRejectedException($"the worker heartbeat was sent at {sentAt:O}, more than {MaxAge.TotalSeconds:F0} s from now ({now:O}): replayed, or the clocks differ");
        }

        if (string.IsNullOrEmpty(body.WorkerId) || string.IsNullOrEmpty(body.Location))
        {
            throw new TicketRejectedException("the worker heartbeat names no worker or location");
        }

        return new WorkerHeartbeat(body.WorkerId, body.Location, body.Sequence, sentAt, DateTimeOffset.FromUnixTimeMilliseconds(body.StartedAtMs),
            body.RunningFragments, body.CompletedFragments, body.FailedFragments, body.Leaving);
    }
}
