using System.Net;
using System.Net.Sockets;
using System.Text;
using Federation.Common;
using Federation.Storage.S3;
using Federation.Testing;
using Federation.Testing.Faults;

namespace Federation.Storage.Tests;

/// <summary>
/// The S3 store against s3rver through a proxy that fails requests the ways S3 and networks do: what is retried (and
/// counted by kind), what the store then returns (exactly the bytes asked for, never a short read), and what error
/// each failure that cannot be retried away ends in.
/// </summary>
public sealed class S3StoreFaultTests(S3rverFixture s3) : IClassFixture<S3rverFixture>
{
    private static readonly byte[] Data = Encoding.ASCII.GetBytes("0123456789abcdefghijklmnopqrstuvwxyz");

    private async Task<string> BucketWithDataAsync()
    {
        var bucket = await s3.CreateBucketAsync("f" + Guid.NewGuid().ToString("N")[..20]);
        var direct = new S3ObjectStore(s3.Client, bucket, s3.Options);
        await direct.WriteAsync("k/data.bin", Data, default);
        await direct.WriteAsync("k/other.bin", Data.AsMemory(0, 5), default);
        return bucket;
    }

    /// <summary>A store reaching <paramref name="bucket"/> through <paramref name="endpoint"/>, with a quick backoff.</summary>
    private S3ObjectStore Store(string endpoint, string bucket, int maxRetries = 3, Action<S3StoreOptions>? configure = null)
    {
        var options = s3.Options;
        options.Endpoint = endpoint;
        options.MaxRetries = maxRetries;
        options.RetryBaseDelay = TimeSpan.FromMilliseconds(5);
        configure?.Invoke(options);
        return new S3ObjectStore(S3ObjectStore.CreateClient(options), bucket, options);
    }

    private static FaultInjectionOptions Only(FaultKind kind, int? faults) => new()
    {
        Fraction = 1,
        MaxFaults = faults,
        Weights = Enum.GetValues<FaultKind>().ToDictionary(k => k, k => k == kind ? 1.0 : 0.0),
    };

    [Fact]
    public async Task Throttled_requests_are_retried_with_backoff_until_they_succeed()
    {
        var bucket = await BucketWithDataAsync();
        await using var proxy = new FaultInjectingS3Proxy(s3.Endpoint, Only(FaultKind.SlowDown, 2));
        var store = Store(proxy.Endpoint, bucket);

        var buffer = new byte[4];
        await store.ReadAsync("k/data.bin", 3, buffer, null, default);

        Assert.Equal("3456", Encoding.ASCII.GetString(buffer));
        Assert.Equal(3, proxy.Requests);
        Assert.Equal(2, proxy.Injected(FaultKind.SlowDown));
        Assert.Equal(2, store.Retries[StorageRetryKind.Throttled]);
        Assert.Equal(2, store.Retries.Total);
    }

    [Fact]
    public async Task Throttling_that_outlasts_the_retries_is_unavailable_naming_the_object()
    {
        var bucket = await BucketWithDataAsync();
        await using var proxy = new FaultInjectingS3Proxy(s3.Endpoint, Only(FaultKind.SlowDown, null));
        var store = Store(proxy.Endpoint, bucket, maxRetries: 2);

        var error = await Assert.ThrowsAsync<FederationException>(async () => await store.ReadAsync("k/data.bin", 0, new byte[4], null, default));

        Assert.Equal(ErrorCode.ObjectStoreUnavailable, error.Code);
        Assert.StartsWith($"s3://{bucket}/k/data.bin: the store throttled the request: S3 error 503 SlowDown (after 3 attempts)", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, proxy.Requests);
        Assert.Equal(2, store.Retries[StorageRetryKind.Throttled]);
    }

    [Theory]
    [InlineData(FaultKind.SlowDown, StorageRetryKind.Throttled)]
    [InlineData(FaultKind.InternalError, StorageRetryKind.ServerError)]
    [InlineData(FaultKind.ResetConnection, StorageRetryKind.ConnectionFailed)]
    [InlineData(FaultKind.TruncatedBody, StorageRetryKind.TruncatedResponse)]
    public async Task A_failed_ranged_read_is_retried_and_returns_exactly_the_bytes_asked_for(FaultKind fault, StorageRetryKind retry)
    {
        var bucket = await BucketWithDataAsync();
        await using var proxy = new FaultInjectingS3Proxy(s3.Endpoint, Only(fault, 1));
        var store = Store(proxy.Endpoint, bucket);

        var buffer = new byte[20];
        await store.ReadAsync("k/data.bin", 10, buffer, null, default);

        Assert.Equal("abcdefghijklmnopqrst", Encoding.ASCII.GetString(buffer));
        Assert.Equal(1, proxy.Injected(fault));
        Assert.True(store.Retries[retry] == 1 && store.Retries.Total == 1, $"{proxy}; {store.Retries}");
    }

    [Fact]
    public async Task A_truncated_tail_read_is_retried_and_never_returned_short()
    {
        var bucket = await BucketWithDataAsync();
        await using var proxy = new FaultInjectingS3Proxy(s3.Endpoint, Only(FaultKind.TruncatedBody, 1));
        var store = Store(proxy.Endpoint, bucket);

        var buffer = new byte[10];
        var (read, size) = await store.ReadTailAsync("k/data.bin", buffer, default);

        Assert.Equal((10, 36L), (read, size));
        Assert.Equal("qrstuvwxyz", Encoding.ASCII.GetString(buffer));
        Assert.Equal(1, proxy.Injected(FaultKind.TruncatedBody));
        Assert.Equal(1, store.Retries[StorageRetryKind.TruncatedResponse]);
    }

    [Fact]
    public async Task A_listing_cut_short_is_retried_and_lists_every_object()
    {
        var bucket = await BucketWithDataAsync();
        await using var proxy = new FaultInjectingS3Proxy(s3.Endpoint, Only(FaultKind.TruncatedBody, 1));
        var store = Store(proxy.Endpoint, bucket);

        var keys = new List<(string, long)>();
        await foreach (var meta in store.ListAsync("k/", default))
        {
            keys.Add((meta.Key, meta.Size));
        }

        Assert.Equal([("k/data.bin", 36L), ("k/other.bin", 5L)], keys);
        Assert.Equal(1, proxy.Injected(FaultKind.TruncatedBody));
        Assert.Equal(1, store.Retries[StorageRetryKind.TruncatedResponse]);
    }

    [Fact]
    public async Task A_stall_past_the_request_timeout_is_retried()
    {
        var bucket = await BucketWithDataAsync();
        await using var proxy = new FaultInjectingS3Proxy(s3.Endpoint, Only(FaultKind.Stall, 1) with { StallDuration = TimeSpan.FromSeconds(30) });
        var store = Store(proxy.Endpoint, bucket, configure: o => o.RequestTimeout = TimeSpan.FromSeconds(1));

        var meta = await store.HeadAsync("k/data.bin", default);

        Assert.Equal(36, meta.Size);
        Assert.Equal(1, proxy.Injected(FaultKind.Stall));
        Assert.True(store.Retries[StorageRetryKind.TimedOut] >= 1, store.Retries.ToString());
    }

    [Fact]
    public async Task A_store_nobody_listens_on_is_unavailable_after_the_retries()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var store = Store($"http://127.0.0.1:{port}", "lake", maxRetries: 2);
        var error = await Assert.ThrowsAsync<FederationException>(async () => await store.HeadAsync("t/part-0.parquet", default));

        Assert.Equal(ErrorCode.ObjectStoreUnavailable, error.Code);
        Assert.StartsWith("s3://lake/t/part-0.parquet: cannot reach the store (after 3 attempts): Connection refused", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, store.Retries[StorageRetryKind.ConnectionFailed]);

        // No retries configured: one attempt.
        var once = Store($"http://127.0.0.1:{port}", "lake", maxRetries: 0);
        var single = await Assert.ThrowsAsync<FederationException>(async () => await once.HeadAsync("t/part-0.parquet", default));
        Assert.StartsWith("s3://lake/t/part-0.parquet: cannot reach the store: Connection refused", single.Message, StringComparison.Ordinal);
        Assert.Equal(0, once.Retries.Total);
    }

    [Fact]
    public async Task Credentials_the_store_refuses_are_access_denied_and_not_retried()
    {
        // s3rver checks the access key (InvalidAccessKeyId) but not SigV4 signatures, so a wrong secret would pass there.
        var bucket = await BucketWithDataAsync();
        var store = Store(s3.Endpoint, bucket, configure: o => o.AccessKeyId = "NOT-A-KEY");

        var read = await Assert.ThrowsAsync<FederationException>(async () => await store.ReadAsync("k/data.bin", 0, new byte[4], null, default));
        var list = await Assert.ThrowsAsync<FederationException>(async () =>
        {
            await foreach (var meta in store.ListAsync("k/", default))
            {
            }
        });

        Assert.Equal(ErrorCode.ObjectAccessDenied, read.Code);
        Assert.StartsWith($"s3://{bucket}/k/data.bin: access denied (", read.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCode.ObjectAccessDenied, list.Code);
        Assert.StartsWith($"s3://{bucket}/k/: access denied (", list.Message, StringComparison.Ordinal);
        Assert.Equal(0, store.Retries.Total);
    }
}
