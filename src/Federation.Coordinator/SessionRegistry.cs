using System.Collections.Concurrent;
using System.Security.Cryptography;
using Federation.Engine;
using Grpc.Core;

namespace Federation.Coordinator;

/// <summary>
/// The engine sessions of Flight SQL clients, keyed by the bearer token Handshake gave out. Access is anonymous:
/// the token only says which session (and so which SET settings) a call belongs to. A session left unused for
/// <see cref="IdleTimeout"/> is forgotten, since clients rarely say goodbye.
/// </summary>
public sealed class SessionRegistry : IDisposable
{
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromHours(1);

    private const string BearerPrefix = "Bearer ";

    private readonly FederationEngine _engine;
    private readonly ConcurrentDictionary<string, Entry> _sessions = new(StringComparer.Ordinal);
    private readonly Timer _sweeper;

    public SessionRegistry(FederationEngine engine)
    {
        _engine = engine;
        _sweeper = new Timer(_ => Sweep(), null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    public int Count => _sessions.Count;

    /// <summary>Opens a session and returns its token: 32 random bytes as hex, so it is printable and unguessable.</summary>
    public string Open()
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        _sessions[token] = new Entry(_engine.CreateSession());
        return token;
    }

    /// <summary>
    /// The session of the call's bearer token. A call without one (a client that skipped Handshake) gets a session
    /// of its own, so its SET settings last for that call only; an unknown token is refused so the client
    /// handshakes again instead of silently losing its settings.
    /// </summary>
    public Session For(ServerCallContext context)
    {
        var header = context.RequestHeaders.GetValue("authorization");
        if (header is null || !header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return _engine.CreateSession();
        }

        var token = header[BearerPrefix.Length..].Trim();
        if (!_sessions.TryGetValue(token, out var entry))
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, "unknown or expired session token: call Handshake again"));
        }

        entry.LastUsed = Environment.TickCount64;
        return entry.Session;
    }

    private void Sweep()
    {
        var cutoff = Environment.TickCount64 - (long)IdleTimeout.TotalMilliseconds;
        foreach (var (token, entry) in _sessions)
        {
            if (entry.LastUsed < cutoff)
            {
                _sessions.TryRemove(token, out _);
            }
        }
    }

    public void Dispose() => _sweeper.Dispose();

    private sealed class Entry(Session session)
    {
        public Session Session { get; } = session;

        public long LastUsed { get; set; } = Environment.TickCount64;
    }
}
