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
/// (exponential backoff with jitter on throttling, 5xx, timeouts and dropped connections; the SDK's own retries are
/// off so that there is one policy); errors name the object and the cause.
/// </summary>
public sealed class S3ObjectStore : IObjectStore
{
    private readonly IAmazonS3 _client;
    private readonly string _bucket;
    private readonly ResiliencePipeline _retry;

    public S3ObjectStore(IAmazonS3 client, string bucket, S3StoreOptions options)
    {
        _client = client;
        _bucket = bucket;
        Url = "s3://" + bucket;
        _retry = RetryPipeline(options);
    }

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

    /// <summary>Lets <paramref name="registry"/> open s3:// (and s3a://) locations, one store per bucket over one shared client.</summary>
    public static void Register(ObjectStoreRegistry registry, S3StoreOptions options)
    {
        var resolved = options.WithEnvironment();
        var client = new Lazy<AmazonS3Client>(() => CreateClient(resolved));
        registry.RegisterScheme("s3", bucket => new S3ObjectStore(client.Value, bucket, resolved));
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

            var read = await ReadFullyAsync(response.ResponseStream, destination, ct).ConfigureAwait(false);
            if (read != destination.Length)
            {
                throw ObjectStoreErrors.OutOfRange(this, key, offset, destination.Length, offset + read);
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
        catch (AmazonS3Exception e)
        {
            throw Translate(key, e);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or AmazonServiceException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw ObjectStoreErrors.ReadFailed(this, key, $"request failed after retries: {e.Message}", e);
        }
    }

    private Common.FederationException Translate(string key, AmazonS3Exception e) => (e.StatusCode, e.ErrorCode) switch
    {
        (_, "NoSuchBucket") => ObjectStoreErrors.ReadFailed(this, key, $"bucket \"{_bucket}\" does not exist", e),
        (HttpStatusCode.NotFound, _) or (_, "NoSuchKey") => ObjectStoreErrors.NotFound(this, key),
        (HttpStatusCode.Forbidden, _) => ObjectStoreErrors.ReadFailed(this, key, $"access denied ({e.ErrorCode ?? "403"}): check the credentials and the bucket policy", e),
        (HttpStatusCode.RequestedRangeNotSatisfiable, _) => ObjectStoreErrors.ReadFailed(this, key, "the requested range is past the end of the object", e),
        _ => ObjectStoreErrors.ReadFailed(this, key, $"S3 error {(int)e.StatusCode} {e.ErrorCode}: {e.Message}", e),
    };

    private static ResiliencePipeline RetryPipeline(S3StoreOptions options) => new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
            MaxRetryAttempts = Math.Max(options.MaxRetries, 0) is 0 ? 1 : options.MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.RetryBaseDelay,
            MaxDelay = TimeSpan.FromSeconds(10),
        })
        .Build();

    /// <summary>Throttling, server errors, timeouts and dropped connections pass; anything the client got wrong does not.</summary>
    internal static bool IsTransient(Exception e) => e switch
    {
        AmazonS3Exception s3 => (int)s3.StatusCode >= 500 || s3.StatusCode == HttpStatusCode.TooManyRequests
            || s3.ErrorCode is "SlowDown" or "RequestTimeout" or "InternalError" or "ServiceUnavailable",
        HttpRequestException or IOException => true,
        AmazonServiceException service => service.InnerException is HttpRequestException or IOException,
        TimeoutException => true,
        _ => false,
    };

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
