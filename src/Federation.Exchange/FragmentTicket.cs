using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using Proto = Federation.Exchange.Protocol;

namespace Federation.Exchange;

/// <summary>
/// The Flight ticket that carries a scan fragment from the coordinator to a worker: the fragment's bytes, when it was
/// issued and until when it may run, and an HMAC-SHA256 over all three with the cluster secret. Only a holder of the
/// secret (the coordinator) can make one a worker accepts, and a captured ticket stops working when it expires.
/// The MAC is checked, in constant time, before the fragment is decoded.
/// </summary>
public static class FragmentTicket
{
    /// <summary>The ticket layout this build writes and reads.</summary>
    public const uint CurrentVersion = 1;

    /// <summary>How far a worker's clock may be behind the coordinator's before a fresh ticket looks issued in the future.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    /// <summary>Separates these MACs from any other use of the same secret.</summary>
    private static readonly byte[] Domain = Encoding.ASCII.GetBytes("federation/scan-fragment");

    /// <summary>A ticket for <paramref name="fragment"/> valid from <paramref name="issuedAt"/> for <paramref name="lifetime"/>.</summary>
    public static byte[] Sign(ScanFragment fragment, ClusterSecret secret, DateTimeOffset issuedAt, TimeSpan lifetime) =>
        Sign(FragmentCodec.Encode(fragment), secret, issuedAt, lifetime);

    /// <summary>A ticket for already encoded fragment bytes.</summary>
    public static byte[] Sign(byte[] fragment, ClusterSecret secret, DateTimeOffset issuedAt, TimeSpan lifetime)
    {
        var issued = issuedAt.ToUnixTimeMilliseconds();
        var expires = (issuedAt + lifetime).ToUnixTimeMilliseconds();
        return new Proto.SignedTicket
        {
            Version = CurrentVersion,
            IssuedAtMs = issued,
            ExpiresAtMs = expires,
            Fragment = ByteString.CopyFrom(fragment),
            Mac = ByteString.CopyFrom(Mac(secret, CurrentVersion, issued, expires, fragment)),
        }.ToByteArray();
    }

    /// <summary>
    /// The fragment bytes of a ticket signed with <paramref name="secret"/> and valid at <paramref name="now"/>;
    /// anything else throws <see cref="TicketRejectedException"/> saying why.
    /// </summary>
    public static ReadOnlyMemory<byte> Verify(ReadOnlySpan<byte> ticket, ClusterSecret secret, DateTimeOffset now)
    {
        Proto.SignedTicket message;
        try
        {
            message = Proto.SignedTicket.Parser.ParseFrom(ticket);
        }
        catch (InvalidProtocolBufferException)
        {
            throw new TicketRejectedException("the ticket is not a signed scan fragment");
        }

        if (message.Fragment.IsEmpty)
        {
            throw new TicketRejectedException("the ticket is not a signed scan fragment");
        }

        if (message.Mac.IsEmpty)
        {
            throw new TicketRejectedException("the scan fragment is not signed: only the coordinator, which holds the cluster secret, can send fragments");
        }

        var expected = Mac(secret, message.Version, message.IssuedAtMs, message.ExpiresAtMs, message.Fragment.Span);
        if (!CryptographicOperations.FixedTimeEquals(expected, message.Mac.Span))
        {
            throw new TicketRejectedException("the scan fragment's signature is wrong: it was not signed with this worker's cluster secret");
        }

        // Checked only once the MAC holds, so these fields are the coordinator's.
        if (message.Version != CurrentVersion)
        {
            throw new TicketRejectedException($"ticket version {message.Version} is not the {CurrentVersion} this worker reads (coordinator and worker builds differ)");
        }

        var nowMs = now.ToUnixTimeMilliseconds();
        if (nowMs > message.ExpiresAtMs)
        {
            throw new TicketRejectedException(
                $"the ticket expired at {DateTimeOffset.FromUnixTimeMilliseconds(message.ExpiresAtMs):O} (now {now.ToUniversalTime():O}): it may have been captured and replayed, or the clocks differ");
        }

        if (message.IssuedAtMs - nowMs > (long)ClockSkew.TotalMilliseconds)
        {
            throw new TicketRejectedException(
                $"the ticket was issued at {DateTimeOffset.FromUnixTimeMilliseconds(message.IssuedAtMs):O}, after this worker's clock ({now.ToUniversalTime():O}): the clocks differ");
        }

        return message.Fragment.Memory;
    }

    private static byte[] Mac(ClusterSecret secret, uint version, long issued, long expires, ReadOnlySpan<byte> fragment)
    {
        Span<byte> header = stackalloc byte[20];
        BinaryPrimitives.WriteUInt32BigEndian(header, version);
        BinaryPrimitives.WriteInt64BigEndian(header[4..], issued);
        BinaryPrimitives.WriteInt64BigEndian(header[12..], expires);
        return secret.Mac(Domain, header, fragment);
    }
}
