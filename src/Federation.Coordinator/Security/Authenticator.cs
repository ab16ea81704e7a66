using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Grpc.Core;

namespace Federation.Coordinator.Security;

/// <summary>
/// Checks basic credentials against the configured users. With no users configured access is anonymous and any
/// credentials (or none) are accepted, so a client set up with a user still connects.
/// </summary>
public sealed class Authenticator
{
    private const string BasicPrefix = "Basic ";

    private readonly Dictionary<string, UserAccount> _users;

    /// <summary>
    /// The SHA-256 of the last password that passed for each user. Some drivers send basic credentials on every
    /// call; a PBKDF2 check each time would cost a fraction of a second per call.
    /// </summary>
    private readonly ConcurrentDictionary<string, byte[]> _verified = new(StringComparer.Ordinal);

    public Authenticator(IReadOnlyList<UserAccount> users)
    {
        // User names compare as SQL identifiers do: case-insensitively.
        _users = new Dictionary<string, UserAccount>(StringComparer.OrdinalIgnoreCase);
        foreach (var user in users)
        {
            _users[user.Name] = user;
        }
    }

    public bool IsAnonymous => _users.Count == 0;

    public static bool IsBasic(string header) => header.StartsWith(BasicPrefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>The identity of an "authorization: Basic ..." header; Unauthenticated when it does not check out.</summary>
    public ClientIdentity AuthenticateBasic(string header)
    {
        if (!TryDecodeBasic(header, out var name, out var password))
        {
            throw Refused("malformed basic credentials: expected base64 of user:password");
        }

        if (IsAnonymous)
        {
            return ClientIdentity.Anonymous;
        }

        // The same message whether the user or the password is wrong, so names cannot be probed.
        if (!_users.TryGetValue(name, out var user) || !Check(user, password))
        {
            throw Refused($"authentication failed for user \"{name}\": wrong user name or password");
        }

        return new ClientIdentity(user.Name, user.ReadOnly);
    }

    /// <summary>What a call without credentials gets: anonymous access, or a refusal saying what to send.</summary>
    public ClientIdentity AuthenticateNone() => IsAnonymous
        ? ClientIdentity.Anonymous
        : throw Refused("authentication required: send basic credentials (user and password), or the bearer token Handshake returned");

    public static RpcException Refused(string message) => new(new Status(StatusCode.Unauthenticated, message));

    private bool Check(UserAccount user, string password)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(password));
        if (_verified.TryGetValue(user.Name, out var known) && CryptographicOperations.FixedTimeEquals(known, digest))
        {
            return true;
        }

        if (!PasswordHash.Verify(password, user.PasswordHash))
        {
            return false;
        }

        _verified[user.Name] = digest;
        return true;
    }

    private static bool TryDecodeBasic(string header, out string name, out string password)
    {
        name = string.Empty;
        password = string.Empty;
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[BasicPrefix.Length..].Trim()));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        name = decoded[..colon];
        password = decoded[(colon + 1)..];
        return true;
    }
}
