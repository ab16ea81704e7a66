using System.Net;
using Federation.Coordinator.Security;
using Federation.Coordinator.Workers;
using Federation.Storage;

namespace Federation.Coordinator;

/// <summary>
/// How the coordinator listens, whom it lets in and how it reads object storage. Bound from configuration (a JSON file, FED_* environment
/// variables, command-line options), so every property is settable and has the embedded default.
/// </summary>
public sealed class CoordinatorOptions
{
    /// <summary>The port Flight SQL servers customarily use.</summary>
    public const int DefaultPort = 32010;

    /// <summary>The address to bind: loopback by default; any other needs users configured.</summary>
    public string Listen { get; set; } = "127.0.0.1";

    /// <summary>TCP port; 0 picks a free one.</summary>
    public int Port { get; set; } = DefaultPort;

    /// <summary>With none, access is anonymous and only loopback may be bound.</summary>
    public List<UserAccount> Users { get; set; } = [];

    public TlsOptions Tls { get; set; } = new();

    /// <summary>
    /// How objects are read: request sizes, and the bytes of Parquet footers kept across queries
    /// (<c>Storage:FooterCacheBytes</c>, FED_STORAGE__FOOTERCACHEBYTES).
    /// </summary>
    public ObjectReadOptions Storage { get; set; } = new();

    /// <summary>
    /// The cluster secret (FED_CLUSTER_SECRET) workers' heartbeats and fragment tickets are signed with; without one
    /// no worker can join and every scan runs in this process.
    /// </summary>
    public string? ClusterSecret { get; set; }

    /// <summary>
    /// Local `fed worker` processes `fed serve` starts beside itself (and stops on exit); 0: none. Two by default, so
    /// the demo shows external scans fanned out to a pool as a deployment would run them.
    /// </summary>
    public int Workers { get; set; } = 2;

    /// <summary>Every statement's limits until its session sets its own: memory per query and in all, statement timeout.</summary>
    public Engine.QueryDefaults Query { get; set; } = new();

    /// <summary>
    /// Where queries that would pass their memory limit spill (<c>Spill:Folder</c>, default the data folder's <c>spill</c>)
    /// and how much they may hold there together (<c>Spill:MaxBytes</c>).
    /// </summary>
    public Engine.SpillSettings Spill { get; set; } = new();

    /// <summary>
    /// What CREATE EXTERNAL SCHEMA ... FROM DATA CATALOG means: <c>builtin</c> (the default, kept in the data folder) or
    /// <c>glue</c> (the AWS Glue Data Catalog); fed.json's <c>DataCatalog</c>, or FED_DATACATALOG.
    /// </summary>
    public string? DataCatalog { get; set; }

    /// <summary>How workers are kept and fragments sent to them.</summary>
    public WorkerPoolOptions Pool { get; set; } = new();

    public bool Anonymous => Users.Count == 0;

    /// <summary>The bind address; a configuration error reads as one, naming the setting.</summary>
    public IPAddress ListenAddress() => Common.ListenAddress.Parse(Listen);

    /// <summary>Refuses settings that would start an unsafe or broken server, before anything listens.</summary>
    public void Validate()
    {
        var address = ListenAddress();
        if (Anonymous && !IPAddress.IsLoopback(address))
        {
            throw new InvalidOperationException(
                $"listening on {Listen} needs users: with none configured access is anonymous, which is allowed on loopback only (add Users with PasswordHash values from 'fed hash-password')");
        }

        if (Port is < 0 or > 65535)
        {
            throw new InvalidOperationException($"Port: {Port} is not a TCP port");
        }

        foreach (var user in Users)
        {
            if (string.IsNullOrWhiteSpace(user.Name))
            {
                throw new InvalidOperationException("Users: every user needs a Name");
            }

            if (!PasswordHash.IsWellFormed(user.PasswordHash))
            {
                throw new InvalidOperationException(
                    $"Users: the PasswordHash of \"{user.Name}\" is not a hash from 'fed hash-password' (pbkdf2-sha256:iterations:salt:hash)");
            }
        }

        if (Storage.FooterCacheBytes < 0)
        {
            throw new InvalidOperationException($"Storage:FooterCacheBytes: {Storage.FooterCacheBytes} is not a size (bytes of footers to keep; 0 keeps none)");
        }

        Tls.Validate();
        Pool.Validate();
        Query.Validate();
        Spill.Validate();
        if (Workers < 0)
        {
            throw new InvalidOperationException($"Workers: {Workers} must not be negative");
        }

        if (!string.IsNullOrEmpty(ClusterSecret))
        {
            Exchange.ClusterSecret.FromText(ClusterSecret);
        }
    }
}

/// <summary>TLS for the Flight SQL endpoint: a PEM certificate and key, or a PKCS#12 (.pfx) file.</summary>
public sealed class TlsOptions
{
    /// <summary>A PEM certificate (chain) file, or a .pfx/.p12 file.</summary>
    public string? Certificate { get; set; }

    /// <summary>The PEM private key, when <see cref="Certificate"/> is PEM and the key is not in the same file.</summary>
    public string? Key { get; set; }

    /// <summary>The password of a .pfx file or an encrypted PEM key.</summary>
    public string? Password { get; set; }

    public bool Enabled => !string.IsNullOrEmpty(Certificate);

    public void Validate()
    {
        if (Enabled && !File.Exists(Certificate))
        {
            throw new InvalidOperationException($"Tls:Certificate: no file {Certificate}");
        }

        if (!Enabled && !string.IsNullOrEmpty(Key))
        {
            throw new InvalidOperationException("Tls:Key is set but Tls:Certificate is not");
        }

        if (!string.IsNullOrEmpty(Key) && !File.Exists(Key))
        {
            throw new InvalidOperationException($"Tls:Key: no file {Key}");
        }
    }
}
