using Federation.Common;

namespace Federation.Storage;

/// <summary>
/// A parsed storage URL: "s3://bucket/prefix/" is scheme s3, authority "bucket", key "prefix/"; a plain path or a
/// file:// URL is scheme file with the path as key under the root "/".
/// </summary>
public sealed record ObjectLocation(string Scheme, string Authority, string Key)
{
    public static ObjectLocation Parse(string url)
    {
        var separator = url.IndexOf("://", StringComparison.Ordinal);
        if (separator < 0)
        {
            return new ObjectLocation("file", string.Empty, Path.GetFullPath(url).TrimStart('/'));
        }

        var scheme = url[..separator].ToLowerInvariant();
        var rest = url[(separator + 3)..];
        if (scheme == "file")
        {
            return new ObjectLocation("file", string.Empty, Uri.UnescapeDataString(rest).TrimStart('/'));
        }

        if (scheme is "s3a" or "s3n")
        {
            // Hadoop's names for S3, as Hive and Spark write them into table locations.
            scheme = "s3";
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = slash < 0 ? rest : rest[..slash];
        if (authority.Length == 0)
        {
            throw new FederationException(ErrorCode.InvalidArgument, $"invalid location \"{url}\": no bucket after {scheme}://");
        }

        return new ObjectLocation(scheme, authority, slash < 0 ? string.Empty : rest[(slash + 1)..]);
    }

    /// <summary>The key with a trailing '/', so that listing "a/b/" does not also find "a/bc".</summary>
    public string KeyAsPrefix => Key.Length == 0 || Key.EndsWith('/') ? Key : Key + "/";

    public override string ToString() => Scheme == "file" ? "file:///" + Key : $"{Scheme}://{Authority}/{Key}";
}
