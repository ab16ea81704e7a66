using Federation.Exchange;
using Google.Protobuf;
using Proto = Federation.Exchange.Protocol;

namespace Federation.Worker.Tests;

/// <summary>Tickets made with the cluster secret are accepted while valid; unsigned, tampered, foreign and expired ones are refused, each with its reason.</summary>
public sealed class FragmentTicketTests
{
    private static readonly ClusterSecret Secret = ClusterSecret.FromText("the-cluster-secret-of-these-tests-0123456789");
    private static readonly DateTimeOffset Issued = new(2026, 12, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Fragment = FragmentCodec.Encode(TestTable.Fragment([]));

    [Fact]
    public void A_ticket_signed_with_the_secret_yields_the_fragment_until_it_expires()
    {
        var ticket = FragmentTicket.Sign(Fragment, Secret, Issued, TimeSpan.FromMinutes(5));

        Assert.Equal(Fragment, FragmentTicket.Verify(ticket, Secret, Issued.AddMinutes(1)).ToArray());
        Assert.Equal(Fragment, FragmentTicket.Verify(ticket, Secret, Issued.AddMinutes(5)).ToArray());
        Assert.Contains("the ticket expired at 2026-12-02T08:05:00.0000000+00:00",
            Assert.Throws<TicketRejectedException>(() => FragmentTicket.Verify(ticket, Secret, Issued.AddMinutes(5).AddMilliseconds(1))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ticket_from_the_future_beyond_the_clock_skew_is_refused()
    {
        var ticket = FragmentTicket.Sign(Fragment, Secret, Issued, TimeSpan.FromMinutes(5));

        Assert.Equal(Fragment, FragmentTicket.Verify(ticket, Secret, Issued - FragmentTicket.ClockSkew).ToArray());
        Assert.Contains("the clocks differ",
            Assert.Throws<TicketRejectedException>(() => FragmentTicket.Verify(ticket, Secret, Issued - FragmentTicket.ClockSkew.Add(TimeSpan.FromSeconds(1)))).Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Unsigned_foreign_and_tampered_tickets_are_refused()
    {
        var ticket = FragmentTicket.Sign(Fragment, Secret, Issued, TimeSpan.FromMinutes(5));
        var other = ClusterSecret.FromText("another-cluster-secret-entirely-9876543210");

        var unsigned = Proto.SignedTicket.Parser.ParseFrom(ticket);
        unsigned.Mac = ByteString.Empty;
        var tampered = Proto.SignedTicket.Parser.ParseFrom(ticket);
        var bytes = tampered.Fragment.ToByteArray();
        bytes[^1] ^= 1;
        tampered.Fragment = ByteString.CopyFrom(bytes);
        var extended = Proto.SignedTicket.Parser.ParseFrom(ticket);
        extended.ExpiresAtMs += 3_600_000;

        Assert.Contains("is not signed", Rejected(unsigned.ToByteArray(), Secret), StringComparison.Ordinal);
        Assert.Contains("signature is wrong", Rejected(ticket, other), StringComparison.Ordinal);
        Assert.Contains("signature is wrong", Rejected(tampered.ToByteArray(), Secret), StringComparison.Ordinal);
        Assert.Contains("signature is wrong", Rejected(extended.ToByteArray(), Secret), StringComparison.Ordinal);
        Assert.Contains("not a signed scan fragment", Rejected("SELECT 1"u8.ToArray(), Secret), StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_or_missing_secret_is_a_configuration_error()
    {
        Assert.Contains("at least 32", Assert.Throws<InvalidOperationException>(() => ClusterSecret.FromText("short")).Message, StringComparison.Ordinal);
        Assert.Contains("FED_CLUSTER_SECRET", Assert.Throws<InvalidOperationException>(() => ClusterSecret.FromText(null)).Message, StringComparison.Ordinal);
    }

    private static string Rejected(byte[] ticket, ClusterSecret secret) =>
        Assert.Throws<TicketRejectedException>(() => FragmentTicket.Verify(ticket, secret, Issued.AddMinutes(1))).Message;
}
