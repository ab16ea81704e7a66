using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Federation.Engine;

namespace Federation.Coordinator;

/// <summary>
/// Results planned by GetFlightInfo and waiting for the client's DoGet, keyed by the opaque handle inside the
/// ticket. A ticket is read once; a result nobody fetches within <see cref="Expiry"/> is dropped and its query
/// cancelled, so abandoned tickets do not hold memory.
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

    /// <summary>Stores a result and returns its handle: printable text, since some clients turn handles into strings.</summary>
    public byte[] Add(StatementResult result, CancellationTokenSource lifetime)
    {
        var handle = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _results[handle] = new PendingResult(result, lifetime, Environment.TickCount64);
        return Encoding.UTF8.GetBytes(handle);
    }

    /// <summary>Takes the result of a handle out of the store; null when it was never issued, already read or expired.</summary>
    public PendingResult? Take(ReadOnlySpan<byte> handle) =>
        _results.TryRemove(Encoding.UTF8.GetString(handle), out var result) ? result : null;

    private void Sweep()
    {
        var cutoff = Environment.TickCount64 - (long)Expiry.TotalMilliseconds;
        foreach (var (handle, result) in _results)
        {
            if (result.CreatedAt < cutoff && _results.TryRemove(handle, out _))
            {
                result.Dispose();
            }
        }
    }

    public void Dispose()
    {
        _sweeper.Dispose();
        foreach (var handle in _results.Keys)
        {
            if (_results.TryRemove(handle, out var result))
            {
                result.Dispose();
            }
        }
    }
}
