using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Polly;
using Polly.Retry;

namespace Federation.Storage.S3;

/// <summary>
/// One S3 bucket as an object store, through AWSSDK.S3. Every request goes through a Polly retry pipeline
/// (exponential backoff with jitter on throttling, 5xx, timeouts, dropped connections and bodies cut short; the SDK's
/// own retries are off so that there is one policy), and every retry is counted by kind in <see cref="Retries"/>.
/// Errors name the object and say what happened: a missing bucket or object, access denied, no credentials, the store
/// unreachable or still failing after the retries.
/// </summary>
public sealed class S3ObjectStore : IObjectStore
{
    private readonly IAmazonS3 _client;
    private readonly string _bucket;
    private readonly ResiliencePipeline _retry;
    private readonly int _attempts;

    public S3ObjectStore(IAmazonS3 client, string bucket, S3StoreOptions options, StorageRetryCounters? retries = null)
    {
        _client = client;
        _bucket = bucket;
        Url = "s3://" + bucket;
        Retries = retries ?? new StorageRetryCounters();
        _attempts = Math.Max(options.MaxRetries, 0) + 1;
        _retry = RetryPipeline(options, Retries);
    }

    /// <summary>The retries this store made (shared by the stores of one <see cref="Register"/> call), by kind.</summary>
    public StorageRetryCounters Retries { get; }

    public string Url { get; }

    /// <summary>A client for the options (endpoint override, path style, region, static keys or the credential chain).</summary>
    public static AmazonS3Client CreateClient(S3StoreOptions options)
    {
        var region = options.Region ?? S3StoreOptions.DefaultRegion;
        var config = new AmazonS3Config
        {
            // Checksums only where S3 requires them: S3-compatible stores (s3rver, older MinIO) reject or mangle the rest.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            MaxErrorRetry = 0,

            // The SDK also retries, outside MaxErrorRetry, what it takes for a dead pooled connection (a reset, a body
            // ended early): off too, so that every retry goes through the one policy that backs off and counts it.
            MaxStaleConnectionRetries = 0,
            Timeout = options.RequestTimeout,
        };
        if (options.Endpoint is { } endpoint)
        {
            config.ServiceURL = endpoint;
            config.AuthenticationRegion = region;
            config.ForcePathStyle = options.PathStyle ?? true;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
            config.ForcePathStyle = options.PathStyle ?? false;
        }

        if (options.AccessKeyId is { } key && options.SecretAccessKey is { } secret)
        {
            AWSCredentials credentials = options.SessionToken is { } token ? new SessionAWSCredentials(key, secret, token) : new BasicAWSCredentials(key, secret);
            return new AmazonS3Client(credentials, config);
        }

        return new AmazonS3Client(config);
    }

    /// <summary>
    /// Lets <paramref name="registry"/> open s3:// (and s3a://) locations, one store per bucket over one shared client;
    /// their retries are counted in <paramref name="retries"/> when given.
    /// </summary>
    public static void Register(ObjectStoreRegistry registry, S3StoreOptions options, StorageRetryCounters? retries = null)
    {
        var resolved = options.WithEnvironment();
        var client = new Lazy<AmazonS3Client>(() => CreateClient(resolved));
        var counters = retries ?? new StorageRetryCounters();
        registry.RegisterScheme("s3", bucket => new S3ObjectStore(client.Value, bucket, resolved, counters));
    }

    public async IAsyncEnumerable<ObjectMeta> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? continuation = null;
        do
        {
            var request = new ListObjectsV2Request { BucketName = _bucket, Prefix = prefix, ContinuationToken = continuation };
            var page = await RunAsync(prefix, ct => _client.ListObjectsV2Async(request, ct), cancellationToken).ConfigureAwait(false);
            foreach (var item in page.S3Objects ?? [])
            {
                yield return Meta(item);
            }

            continuation = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (continuation is not null);
    }

    public async Task<ObjectListing> ListLevelAsync(string prefix, CancellationToken cancellationToken)
    {
        var objects = new List<ObjectMeta>();
        var prefixes = new List<string>();
        string? continuation = null;
        do
        {
            var request = new ListObjectsV2Request { BucketName = _bucket, Prefix = prefix, Delimiter = "/", ContinuationToken = continuation };
            var page = await RunAsync(prefix, ct => _client.ListObjectsV2Async(request, ct), cancellationToken).ConfigureAwait(false);
            foreach (var item in page.S3Objects ?? [])
            {
                objects.Add(Meta(item));
            }

            prefixes.AddRange(page.CommonPrefixes ?? []);
            continuation = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (continuation is not null);

        return new ObjectListing(objects, prefixes);
    }

    public async ValueTask<ObjectMeta> HeadAsync(string key, CancellationToken cancellationToken)
    {
        var request = new GetObjectMetadataRequest { BucketName = _bucket, Key = key };
        var response = await RunAsync(key, ct => _client.GetObjectMetadataAsync(request, ct), cancellationToken).ConfigureAwait(false);
        return new ObjectMeta(key, response.ContentLength, response.LastModified ?? DateTimeOffset.MinValue, response.ETag);
    }

    public async ValueTask ReadAsync(string key, long offset, Memory<byte> destination, string? expectedETag, CancellationToken cancellationToken)
    {
        if (destination.Length == 0)
        {
            return;
        }

        var request = new GetObjectRequest { BucketName = _bucket, Key = key, ByteRange = new ByteRange(offset, offset + destination.Length - 1) };
        await RunAsync(key, async ct =>
        {
            using var response = await _client.GetObjectAsync(request, ct).ConfigureAwait(false);

            // Checked on the response rather than sent as If-Match: every S3-compatible server returns the ETag, not all honour the condition.
            if (expectedETag is not null && !ObjectStoreErrors.SameETag(expectedETag, response.ETag))
            {
                throw ObjectStoreErrors.Changed(this, key, expectedETag, response.ETag);
            }

            if (response.ContentLength < destination.Length)
            {
                // The store itself says the object ends sooner: not a transfer problem, so not retried.
                throw ObjectStoreErrors.OutOfRange(this, key, offset, destination.Length, offset + response.ContentLength);
            }

            var read = await ReadFullyAsync(response.ResponseStream, destination, ct).ConfigureAwait(false);
            if (read != destination.Length)
            {
                throw new TruncatedResponseException(key, destination.Length, read);
            }

            return read;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<(int Read, long ObjectSize)> ReadTailAsync(string key, Memory<byte> destination, CancellationToken cancellationToken)
    {
        // A suffix range ("the last N bytes") needs no HEAD first: one request however large the object is.
        var request = new GetObjectRequest { BucketName = _bucket, Key = key, ByteRange = new ByteRange("bytes=-" + destination.Length.ToString(CultureInfo.InvariantCulture)) };
        try
        {
            var (read, start, size) = await RunAsync(key, async ct =>
            {
                using var response = await _client.GetObjectAsync(request, ct).ConfigureAwait(false);
                var length = (int)Math.Min(response.ContentLength, destination.Length);
                var n = await ReadFullyAsync(response.ResponseStream, destination[^length..], ct).ConfigureAwait(false);
                if (n != length)
                {
                    throw new TruncatedResponseException(key, length, n);
                }

                var (first, total) = ParseContentRange(response.ContentRange);
                return (n, first ?? 0, total ?? response.ContentLength);
            }, cancellationToken).ConfigureAwait(false);
            if (start == size - read)
            {
                return (read, size);
            }

            // Some S3-compatible servers (s3rver) answer a suffix range with the object's first bytes: now that the
            // size is known, ask for the tail by its offsets.
            var tail = (int)Math.Min(size, destination.Length);
            await ReadAsync(key, size - tail, destination[^tail..], null, cancellationToken).ConfigureAwait(false);
            return (tail, size);
        }
        catch (Common.FederationException e) when (e.InnerException is AmazonS3Exception { StatusCode: HttpStatusCode.RequestedRangeNotSatisfiable })
        {
            // An empty object has no last bytes to range over.
            var meta = await HeadAsync(key, cancellationToken).ConfigureAwait(false);
            return (0, meta.Size);
        }
    }

    public async ValueTask WriteAsync(string key, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        await RunAsync(key, async ct =>
        {
            // Unchunked: S3-compatible stores that do not speak aws-chunked framing would store the frames.
            using var body = new MemoryStream(data.ToArray(), writable: false);
            var request = new PutObjectRequest { BucketName = _bucket, Key = key, InputStream = body, UseChunkEncoding = false, AutoCloseStream = false };
            return await _client.PutObjectAsync(request, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var request = new DeleteObjectRequest { BucketName = _bucket, Key = key };
        await RunAsync(key, ct => _client.DeleteObjectAsync(request, ct), cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> RunAsync<T>(string key, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await _retry.ExecuteAsync(async ct => await call(ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not Common.FederationException && !(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            throw Translate(key, e);
        }
    }

    /// <summary>What a request that failed (after its retries, where it was worth retrying) tells the user.</summary>
    private Common.FederationException Translate(string key, Exception e)
    {
        var after = _attempts == 1 ? string.Empty : $" (after {_attempts} attempts)";
        if (e is AmazonS3Exception s3)
        {
            return (s3.StatusCode, s3.ErrorCode) switch
            {
                (_, "NoSuchBucket") => new Common.FederationException(Common.ErrorCode.ObjectNotFound,
                    $"{ObjectStoreErrors.Describe(this, key)}: bucket \"{_bucket}\" does not exist", e),
                (HttpStatusCode.NotFound, _) or (_, "NoSuchKey") => ObjectStoreErrors.NotFound(this, key),
                (HttpStatusCode.Forbidden, _) or (_, "AccessDenied" or "InvalidAccessKeyId" or "SignatureDoesNotMatch") => ObjectStoreErrors.AccessDenied(this, key,
                    $"access denied ({s3.ErrorCode ?? "403"}): the store refused these credentials or this request; check the access key, the secret, the role and the bucket policy", e),
                (HttpStatusCode.RequestedRangeNotSatisfiable, _) => ObjectStoreErrors.ReadFailed(this, key, "the requested range is past the end of the object", e),
                _ when Classify(s3) is { } kind => ObjectStoreErrors.Unavailable(this, key,
                    $"the store {(kind == StorageRetryKind.Throttled ? "throttled the request" : "failed")}: S3 error {(int)s3.StatusCode} {s3.ErrorCode}{after}: {s3.Message}", e),
                _ => ObjectStoreErrors.ReadFailed(this, key, $"S3 error {(int)s3.StatusCode} {s3.ErrorCode}: {s3.Message}", e),
            };
        }

        if (IsMissingCredentials(e))
        {
            return new Common.FederationException(Common.ErrorCode.StorageCredentialsMissing,
                $"{ObjectStoreErrors.Describe(this, key)}: no AWS credentials found; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE "
                + "(a profile in ~/.aws/credentials), or run with a container or instance role");
        }

        if (Classify(e) is { } transient)
        {
            var what = transient switch
            {
                StorageRetryKind.TimedOut => "no answer within the request timeout",
                StorageRetryKind.TruncatedResponse => "the answer was cut short",
                _ => "cannot reach the store",
            };
            return ObjectStoreErrors.Unavailable(this, key, $"{what}{after}: {Innermost(e).Message}", e);
        }

        return ObjectStoreErrors.ReadFailed(this, key, $"request failed: {Innermost(e).Message}", e);
    }

    /// <summary>The SDK says so in an AmazonClientException (a client-side failure, no service answer) when no provider of the default chain found credentials.</summary>
    private static bool IsMissingCredentials(Exception e) =>
        e is AmazonClientException && e.Message.Contains("credentials", StringComparison.OrdinalIgnoreCase);

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is { } inner && e is not AmazonServiceException)
        {
            e = inner;
        }

        return e;
    }

    private static ResiliencePipeline RetryPipeline(S3StoreOptions options, StorageRetryCounters retries) => options.MaxRetries <= 0
        ? ResiliencePipeline.Empty
        : new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => Classify(e) is not null),
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxRetryDelay,
                OnRetry = args =>
                {
                    if (args.Outcome.Exception is { } failure && Classify(failure) is { } kind)
                    {
                        retries.Count(kind);
                    }

                    return ValueTask.CompletedTask;
                },
            })
            .Build();

    /// <summary>Throttling, server errors, timeouts, dropped connections and bodies cut short pass; anything the client got wrong does not.</summary>
    internal static bool IsTransient(Exception e) => Classify(e) is not null;

    /// <summary>The kind of a failure worth another attempt, or null for one that would fail the same way again.</summary>
    internal static StorageRetryKind? Classify(Exception e) => e switch
    {
        AmazonS3Exception s3 when s3.StatusCode == HttpStatusCode.TooManyRequests || s3.ErrorCode is "SlowDown" => StorageRetryKind.Throttled,
        AmazonS3Exception s3 when (int)s3.StatusCode >= 500 || s3.ErrorCode is "InternalError" or "ServiceUnavailable" => StorageRetryKind.ServerError,
        AmazonS3Exception { ErrorCode: "RequestTimeout" } => StorageRetryKind.TimedOut,
        AmazonS3Exception => null,
        TruncatedResponseException => StorageRetryKind.TruncatedResponse,
        TimeoutException => StorageRetryKind.TimedOut,
        HttpRequestException => StorageRetryKind.ConnectionFailed,

        // Read while streaming a body whose headers came: the body ended before its Content-Length.
        IOException io when EndedEarly(io) => StorageRetryKind.TruncatedResponse,
        IOException => StorageRetryKind.ConnectionFailed,

        // The SDK wraps what went wrong on the wire (a body that ended early, a reset mid-answer) in its own exceptions;
        // an XML answer that does not parse was cut short (S3 does not send broken XML).
        AmazonUnmarshallingException or System.Xml.XmlException => StorageRetryKind.TruncatedResponse,
        AmazonServiceException { InnerException: { } inner } => Classify(inner),
        AmazonClientException { InnerException: { } inner } => Classify(inner),
        _ => null,
    };

    private static bool EndedEarly(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            if (x is HttpIOException { HttpRequestError: HttpRequestError.ResponseEnded })
            {
                return true;
            }
        }

        return false;
    }

    private static async Task<int> ReadFullyAsync(Stream stream, Memory<byte> destination, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < destination.Length)
        {
            var n = await stream.ReadAsync(destination[read..], cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return read;
    }

    /// <summary>The first byte and the object size from a Content-Range header ("bytes 100-199/200").</summary>
    private static (long? First, long? Total) ParseContentRange(string? contentRange)
    {
        if (contentRange is null || !contentRange.StartsWith("bytes ", StringComparison.OrdinalIgnoreCase))
        {
            return (null, null);
        }

        var dash = contentRange.IndexOf('-', StringComparison.Ordinal);
        var slash = contentRange.LastIndexOf('/');
        long? first = dash > 6 && long.TryParse(contentRange.AsSpan(6, dash - 6), NumberStyles.None, CultureInfo.InvariantCulture, out var f) ? f : null;
        long? total = slash >= 0 && long.TryParse(contentRange.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : null;
        return (first, total);
    }

    private static ObjectMeta Meta(S3Object item) =>
        new(item.Key, item.Size ?? 0, item.LastModified ?? DateTimeOffset.MinValue, item.ETag);
}
