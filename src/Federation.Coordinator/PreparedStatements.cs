using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Federation.Engine;

namespace Federation.Coordinator;

/// <summary>
/// The prepared statements clients hold handles to. Some clients never close theirs (the C# client prepares every
/// DML statement and drops the handle), so one unused for <see cref="IdleExpiry"/> is closed by the server.
/// </summary>
public sealed class PreparedStatements : IDisposable
{
    public static readonly TimeSpan IdleExpiry = TimeSpan.FromMinutes(30);

    private readonly ConcurrentDictionary<string, OpenPreparedStatement> _statements = new(StringComparer.Ordinal);
    private readonly Timer _sweeper;

    public PreparedStatements()
    {
        _sweeper = new Timer(_ => Sweep(), null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    public int Count => _statements.Count;

    /// <summary>Stores a prepared statement and returns its handle: printable text, as the C# client turns handles into strings.</summary>
    public byte[] Add(Session session, PreparedStatement statement)
    {
        var handle = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _statements[handle] = new OpenPreparedStatement(session, statement);
        return Encoding.UTF8.GetBytes(handle);
    }

    /// <summary>The statement of a handle, marked as used; null when it was never issued, was closed or expired.</summary>
    public OpenPreparedStatement? Find(ReadOnlySpan<byte> handle)
    {
        if (!_statements.TryGetValue(Encoding.UTF8.GetString(handle), out var statement))
        {
            return null;
        }

        statement.Touch();
        return statement;
    }

    /// <summary>Forgets a handle; false when there was no such handle (any more).</summary>
    public bool Close(ReadOnlySpan<byte> handle) => _statements.TryRemove(Encoding.UTF8.GetString(handle), out _);

    private void Sweep()
    {
        var cutoff = Environment.TickCount64 - (long)IdleExpiry.TotalMilliseconds;
        foreach (var (handle, statement) in _statements)
        {
            if (statement.LastUsed < cutoff)
            {
                _statements.TryRemove(handle, out _);
            }
        }
    }

    public void Dispose() => _sweeper.Dispose();
}
