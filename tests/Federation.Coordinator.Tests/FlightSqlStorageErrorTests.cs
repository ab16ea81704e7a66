using System.Net;
using System.Net.Sockets;
using Apache.Arrow.Flight.Client;
using Federation.Cli;
using Federation.Engine;
using Federation.Storage.S3;
using Federation.Testing;
using Federation.Testing.Faults;
using Grpc.Core;
using Grpc.Net.Client;

namespace Federation.Coordinator.Tests;

/// <summary>
/// What a Flight SQL client is told when object storage fails, through the real service over s3rver: Unavailable only
/// where trying again can succeed (the store unreachable, throttling past the retries); a missing bucket or object is
/// NotFound, refused credentials PermissionDenied, a corrupt file DataLoss, a table whose declared type its file does
/// not have FailedPrecondition. Every message names the object.
/// </summary>
public sealed class FlightSqlStorageErrorTests(S3rverFixture s3) : IClassFixture<S3rverFixture>
{
    private static readonly string OrdersFile = Path.Combine(RepositoryPaths.DataDir, "external", "orders", "o_ordermonth=1995-01", "part-00000.parquet");

    /// <summary>A bucket holding orders/part-0.parquet (a real Parquet file) and broken/part-0.parquet (text).</summary>
    private async Task<string> BucketAsync()
    {
        var bucket = await s3.CreateBucketAsync("e" + Guid.NewGuid().ToString("N")[..20]);
        var store = new S3ObjectStore(s3.Client, bucket, s3.Options);
        await store.WriteAsync("orders/part-0.parquet", await File.ReadAllBytesAsync(OrdersFile), default);
        await store.WriteAsync("broken/part-0.parquet", "this is not parquet at all, just text"u8.ToArray(), default);
        return bucket;
    }

    /// <summary>A coordinator over an engine that reaches s3rver as `fed serve` does, after <paramref name="configure"/>.</summary>
    private async Task<Service> StartAsync(Action<FederationEngine>? configure = null)
    {
        var engine = EngineFactory.Create(s3.Options);
        configure?.Invoke(engine);
        var host = await CoordinatorHost.StartAsync(engine, port: 0);
        var channel = GrpcChannel.ForAddress(host.Address);
        var calls = new FlightSqlCalls(new FlightClient(channel));
        return new Service(host, channel, calls, await calls.HandshakeAsync());
    }

    /// <summary>A store of <paramref name="bucket"/> at <paramref name="endpoint"/> with s3rver's keys unless told otherwise, retrying quickly.</summary>
    private S3ObjectStore Store(string endpoint, string bucket, string? accessKey = null, int maxRetries = 2)
    {
        var options = s3.Options;
        options.Endpoint = endpoint;
        options.AccessKeyId = accessKey ?? options.AccessKeyId;
        options.MaxRetries = maxRetries;
        options.RetryBaseDelay = TimeSpan.FromMilliseconds(5);
        return new S3ObjectStore(S3ObjectStore.CreateClient(options), bucket, options);
    }

    [Fact]
    public async Task A_missing_bucket_is_NotFound_naming_it()
    {
        await using var service = await StartAsync();

        var error = await service.FailsAsync("SELECT count(*) FROM read_parquet('s3://no-such-bucket-here/orders/')");

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Contains("s3://no-such-bucket-here/orders/: bucket \"no-such-bucket-here\" does not exist", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_object_deleted_after_it_was_listed_is_NotFound_naming_it()
    {
        var bucket = await BucketAsync();
        await using var service = await StartAsync();

        // GetFlightInfo plans the statement: read_parquet lists the prefix and reads the footer. The rows are read by DoGet.
        var info = await service.Calls.Client.GetInfo(FlightSqlCalls.Query($"SELECT count(*) FROM read_parquet('s3://{bucket}/orders/')"), service.Session);
        await new S3ObjectStore(s3.Client, bucket, s3.Options).DeleteAsync("orders/part-0.parquet", default);
        var error = await Assert.ThrowsAsync<RpcException>(() => service.Calls.ReadAllAsync(Assert.Single(info.Endpoints).Ticket, service.Session));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Contains($"s3://{bucket}/orders/part-0.parquet: no such object", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credentials_the_store_refuses_are_PermissionDenied()
    {
        var bucket = await BucketAsync();
        await using var service = await StartAsync(engine => engine.Stores.Register("s3", bucket, Store(s3.Endpoint, bucket, accessKey: "NOT-A-KEY")));

        var error = await service.FailsAsync($"SELECT count(*) FROM read_parquet('s3://{bucket}/orders/')");

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.StartsWith($"s3://{bucket}/orders/: access denied (InvalidAccessKeyId)", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_store_nobody_listens_on_is_Unavailable()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        await using var service = await StartAsync(engine => engine.Stores.Register("s3", "offline", Store($"http://127.0.0.1:{port}", "offline")));

        var error = await service.FailsAsync("SELECT count(*) FROM read_parquet('s3://offline/orders/')");

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.StartsWith("s3://offline/orders/: cannot reach the store (after 3 attempts): Connection refused", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Throttling_past_the_retries_is_Unavailable()
    {
        var bucket = await BucketAsync();
        await using var proxy = new FaultInjectingS3Proxy(s3.Endpoint, new FaultInjectionOptions
        {
            Fraction = 1,
            Weights = Enum.GetValues<FaultKind>().ToDictionary(k => k, k => k == FaultKind.SlowDown ? 1.0 : 0.0),
        });
        await using var service = await StartAsync(engine => engine.Stores.Register("s3", bucket, Store(proxy.Endpoint, bucket)));

        var error = await service.FailsAsync($"SELECT count(*) FROM read_parquet('s3://{bucket}/orders/')");

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.StartsWith($"s3://{bucket}/orders/: the store throttled the request: S3 error 503 SlowDown (after 3 attempts)", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(3, proxy.Injected(FaultKind.SlowDown));
    }

    [Fact]
    public async Task A_corrupt_file_is_DataLoss_naming_it()
    {
        var bucket = await BucketAsync();
        await using var service = await StartAsync();

        var error = await service.FailsAsync($"SELECT count(*) FROM read_parquet('s3://{bucket}/broken/')");

        Assert.Equal(StatusCode.DataLoss, error.StatusCode);
        Assert.StartsWith($"cannot read Parquet file s3://{bucket}/broken/part-0.parquet: ", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_table_declaring_a_type_its_file_does_not_have_is_FailedPrecondition()
    {
        var bucket = await BucketAsync();
        await using var service = await StartAsync();
        await service.Calls.UpdateAsync("CREATE EXTERNAL SCHEMA lake FROM DATA CATALOG DATABASE 'lakedb' CREATE EXTERNAL DATABASE IF NOT EXISTS", service.Session);
        await service.Calls.UpdateAsync(
            $"CREATE EXTERNAL TABLE lake.orders (o_orderkey bigint, o_comment bigint) STORED AS PARQUET LOCATION 's3://{bucket}/orders/'", service.Session);

        Assert.Equal(198, await service.CountAsync("SELECT count(o_orderkey) FROM lake.orders"));
        var error = await service.FailsAsync("SELECT sum(o_comment) FROM lake.orders");

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains($"column \"o_comment\" of lake.orders has type", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains($"s3://{bucket}/orders/part-0.parquet but the table declares bigint", error.Status.Detail, StringComparison.Ordinal);
    }

    /// <summary>A running coordinator, a Flight SQL client of it and its session.</summary>
    private sealed record Service(CoordinatorHost Host, GrpcChannel Channel, FlightSqlCalls Calls, Metadata Session) : IAsyncDisposable
    {
        public async Task<RpcException> FailsAsync(string sql) =>
            await Assert.ThrowsAsync<RpcException>(() => Calls.FetchAsync(FlightSqlCalls.Query(sql), Session));

        public async Task<long> CountAsync(string sql)
        {
            var batch = Assert.Single(await Calls.FetchAsync(FlightSqlCalls.Query(sql), Session));
            return ((Apache.Arrow.Int64Array)batch.Column(0)).GetValue(0) ?? -1;
        }

        public async ValueTask DisposeAsync()
        {
            Channel.Dispose();
            await Host.StopAsync();
            await Host.DisposeAsync();
        }
    }
}
