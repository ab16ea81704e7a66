using System.Security.Cryptography;
using System.Text;

namespace Federation.Exchange;

/// <summary>
/// The key the coordinator signs fragment tickets with and workers check them with. It comes from configuration as
/// text (FED_CLUSTER_SECRET, --secret); its UTF-8 bytes are the HMAC-SHA256 key, so it must be long enough to resist
/// guessing: at least <see cref="MinimumLength"/> characters (`openssl rand -base64 32` makes a good one).
/// </summary>
public sealed class ClusterSecret
{
    public const int MinimumLength = 32;

    private readonly byte[] _key;

    private ClusterSecret(byte[] key)
    {
        _key = key;
    }

    /// <summary>The secret as configured; too short a secret is a configuration error naming the rule.</summary>
    public static ClusterSecret FromText(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            throw new InvalidOperationException("no cluster secret: set FED_CLUSTER_SECRET (or ClusterSecret in the settings, or --secret) to the coordinator's");
        }

        if (text.Length < MinimumLength)
        {
            throw new InvalidOperationException($"the cluster secret has {text.Length} characters; it needs at least {MinimumLength} (e.g. from `openssl rand -base64 32`)");
        }

        return new ClusterSecret(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>An HMAC-SHA256 over the given parts, in order, as if they were one byte string.</summary>
    internal byte[] Mac(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, ReadOnlySpan<byte> third)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);
        hmac.AppendData(first);
        hmac.AppendData(second);
        hmac.AppendData(third);
        return hmac.GetHashAndReset();
    }
}
