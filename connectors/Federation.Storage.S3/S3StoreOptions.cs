namespace Federation.Storage.S3;

/// <summary>
/// Where S3 is and how to sign for it. Unset values come from the standard AWS environment variables
/// (<see cref="WithEnvironment"/>), and credentials not given here come from the SDK's usual chain (environment,
/// profile, container and instance roles).
/// </summary>
public sealed class S3StoreOptions
{
    /// <summary>An S3-compatible endpoint (MinIO, Ceph, s3rver), e.g. http://127.0.0.1:9000; null for AWS itself.</summary>
    public string? Endpoint { get; set; }

    public string? Region { get; set; }

    /// <summary>Path-style addressing (endpoint/bucket/key); the default whenever <see cref="Endpoint"/> is set.</summary>
    public bool? PathStyle { get; set; }

    public string? AccessKeyId { get; set; }

    public string? SecretAccessKey { get; set; }

    public string? SessionToken { get; set; }

    /// <summary>Attempts after the first, on throttling, server errors, timeouts and dropped connections.</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>The first retry's delay; later ones grow exponentially, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>No retry waits longer than this, however many came before it.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

    public const string DefaultRegion = "us-east-1";

    /// <summary>
    /// These options with what they leave unset taken from AWS_ENDPOINT_URL_S3 (else AWS_ENDPOINT_URL), AWS_REGION
    /// (else AWS_DEFAULT_REGION), AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN.
    /// </summary>
    public S3StoreOptions WithEnvironment(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var accessKey = AccessKeyId;
        var secret = SecretAccessKey;
        var token = SessionToken;
        if (string.IsNullOrEmpty(accessKey) && string.IsNullOrEmpty(secret))
        {
            accessKey = NonEmpty(environment("AWS_ACCESS_KEY_ID"));
            secret = NonEmpty(environment("AWS_SECRET_ACCESS_KEY"));
            token ??= NonEmpty(environment("AWS_SESSION_TOKEN"));
        }

        return new S3StoreOptions
        {
            Endpoint = NonEmpty(Endpoint) ?? NonEmpty(environment("AWS_ENDPOINT_URL_S3")) ?? NonEmpty(environment("AWS_ENDPOINT_URL")),
            Region = NonEmpty(Region) ?? NonEmpty(environment("AWS_REGION")) ?? NonEmpty(environment("AWS_DEFAULT_REGION")),
            PathStyle = PathStyle,
            AccessKeyId = accessKey,
            SecretAccessKey = secret,
            SessionToken = token,
            MaxRetries = MaxRetries,
            RetryBaseDelay = RetryBaseDelay,
            MaxRetryDelay = MaxRetryDelay,
            RequestTimeout = RequestTimeout,
        };
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
