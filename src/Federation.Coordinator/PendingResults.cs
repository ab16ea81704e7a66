using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Apache.Arrow.Flight;
using Federation.Coordinator.Protocol;
using Federation.Engine;
using Google.Protobuf;

namespace Federation.Coordinator;

/// <summary>
/// Results planned by GetFlightInfo and waiting for the client's DoGet, keyed by the opaque handle inside the
/// ticket. A ticket is read once; a result nobody fetches within <see cref="Expiry"/> is dropped and its query
/// cancelled, so abandoned tickets do not hold memory. A result being read stays here until its DoGet ends, so
/// CancelFlightInfo can stop it mid-stream.
/// </summary>
public sealed class PendingResults : IDisposable
{
    public static readonly TimeSpan Expiry = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, PendingResult> _results = new(StringComparer.Ordinal);
    private readonly Timer _sweeper;

    public PendingResults()
    {
        _sweeper = new Timer(_ => Sweep(), null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    public int Count => _results.Count;

    /// <summary>
    /// Stores a result and answers the FlightInfo that fetches it: its schema and one endpoint whose ticket (an
    /// Any-packed TicketStatementQuery) has no location, so it is read on the connection the client already has.
    /// </summary>
    public FlightInfo Publish(StatementResult result, CancellationTokenSource lifetime, FlightDescriptor descriptor)
    {
        var handle = Add(result, lifetime);
        var ticket = new FlightTicket(FlightSqlCommand.Pack(new TicketStatementQuery { StatementHandle = ByteString.CopyFrom(handle) }));
        return new FlightInfo(result.Schema, descriptor, [new FlightEndpoint(ticket, [])]);
    }

    /// <summary>Stores a result and returns its handle: printable text, since some clients turn handles into strings.</summary>
    public byte[] Add(StatementResult result, CancellationTokenSource lifetime)
    {
        var handle = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _results[handle] = new PendingResult(result, lifetime, Environment.TickCount64,
            released => _results.TryRemove(new KeyValuePair<string, PendingResult>(handle, released)));
        return Encoding.UTF8.GetBytes(handle);
    }

    /// <summary>
    /// Claims the result of a handle for reading; null when it was never issued, is already being read, was read or
    /// expired. Disposing the result when the read ends removes it.
    /// </summary>
    public PendingResult? Take(ReadOnlySpan<byte> handle) =>
        _results.TryGetValue(Encoding.UTF8.GetString(handle), out var result) && result.TryBeginReading() ? result : null;

    /// <summary>Cancels the query of a handle, waiting or being read; false when there is no such query (any more).</summary>
    public bool Cancel(ReadOnlySpan<byte> handle)
    {
        if (!_results.TryGetValue(Encoding.UTF8.GetString(handle), out var result))
        {
            return false;
        }

        result.Cancel();
        return true;
    }

    private void Sweep()
    {
        // A result being read is the reader's to dispose, however long the stream takes.
        var cutoff = Environment.TickCount64 - (long)Expiry.TotalMilliseconds;
        foreach (var (_, result) in _results)
        {
            if (result.CreatedAt < cutoff)
            {
                result.TryExpire();
            }
        }
    }

    public void Dispose()
    {
        _sweeper.Dispose();
        foreach (var (_, result) in _results)
        {
            result.Dispose();
        }
    }
}
