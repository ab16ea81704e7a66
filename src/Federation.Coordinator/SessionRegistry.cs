using System.Collections.Concurrent;
using System.Security.Cryptography;
using Federation.Coordinator.Security;
using Federation.Engine;
using Grpc.Core;

namespace Federation.Coordinator;

/// <summary>
/// The engine sessions of Flight SQL clients, keyed by the bearer token Handshake gave out; each carries the
/// identity that authenticated it (<see cref="AuthenticationInterceptor"/> checks the token on every call). A
/// session left unused for <see cref="IdleTimeout"/> is forgotten, since clients rarely say goodbye.
/// </summary>
public sealed class SessionRegistry : IDisposable
{
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromHours(1);

    /// <summary>UserState keys the interceptor fills in for the service.</summary>
    public const string IdentityKey = "federation.identity";
    public const string TokenKey = "federation.token";
    public const string BasicKey = "federation.basic";

    private const string BearerPrefix = "Bearer ";

    private readonly FederationEngine _engine;
    private readonly ConcurrentDictionary<string, Entry> _sessions = new(StringComparer.Ordinal);

    /// <summary>Sessions of clients that send basic credentials on every call instead of a token: one per user.</summary>
    private readonly ConcurrentDictionary<string, Entry> _basicSessions = new(StringComparer.OrdinalIgnoreCase);

    private readonly Timer _sweeper;

    public SessionRegistry(FederationEngine engine)
    {
        _engine = engine;
        _sweeper = new Timer(_ => Sweep(), null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    public int Count => _sessions.Count;

    public static bool TryParseBearer(string header, out string token)
    {
        token = header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) ? header[BearerPrefix.Length..].Trim() : string.Empty;
        return token.Length > 0;
    }

    /// <summary>Opens a session for the call's identity and returns its token: 32 random bytes as hex, printable and unguessable.</summary>
    public string Open(ServerCallContext context)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        _sessions[token] = NewEntry(IdentityOf(context));
        return token;
    }

    /// <summary>The identity a token was issued to; null when the token is unknown or expired.</summary>
    public ClientIdentity? IdentityOf(string token) => _sessions.TryGetValue(token, out var entry) ? entry.Identity : null;

    /// <summary>The identity the interceptor authenticated for this call.</summary>
    public static ClientIdentity IdentityOf(ServerCallContext context) =>
        context.UserState.TryGetValue(IdentityKey, out var identity) ? (ClientIdentity)identity : ClientIdentity.Anonymous;

    /// <summary>
    /// The session of the call: its bearer token's; for basic credentials on every call, the user's own session;
    /// without either (anonymous access) a session of its own, so its SET settings last for that call only.
    /// </summary>
    public Session For(ServerCallContext context)
    {
        Entry entry;
        if (context.UserState.TryGetValue(TokenKey, out var token))
        {
            if (!_sessions.TryGetValue((string)token, out entry!))
            {
                throw Authenticator.Refused("unknown or expired session token: call Handshake again");
            }
        }
        else if (context.UserState.ContainsKey(BasicKey))
        {
            var identity = IdentityOf(context);
            entry = _basicSessions.GetOrAdd(identity.User, _ => NewEntry(identity));
        }
        else
        {
            return NewEntry(IdentityOf(context)).Session;
        }

        entry.LastUsed = Environment.TickCount64;
        return entry.Session;
    }

    private Entry NewEntry(ClientIdentity identity) => new(_engine.CreateSession(identity.User, identity.ReadOnly), identity);

    private void Sweep()
    {
        var cutoff = Environment.TickCount64 - (long)IdleTimeout.TotalMilliseconds;
        foreach (var sessions in new[] { _sessions, _basicSessions })
        {
            foreach (var (key, entry) in sessions)
            {
                if (entry.LastUsed < cutoff)
                {
                    sessions.TryRemove(key, out _);
                }
            }
        }
    }

    public void Dispose() => _sweeper.Dispose();

    private sealed class Entry(Session session, ClientIdentity identity)
    {
        public Session Session { get; } = session;

        public ClientIdentity Identity { get; } = identity;

        public long LastUsed { get; set; } = Environment.TickCount64;
    }
}
