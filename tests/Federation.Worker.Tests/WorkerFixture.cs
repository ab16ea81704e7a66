using System.Security.Cryptography;
using Apache.Arrow.Flight;
using Apache.Arrow.Flight.Client;
using Federation.Engine;
using Federation.Exchange;
using Federation.Formats.Parquet;
using Federation.Samples.Tpch;
using Federation.Storage;
using Federation.Storage.S3;
using Federation.Testing;
using Google.Protobuf;
using Grpc.Net.Client;

namespace Federation.Worker.Tests;

/// <summary>
/// A real `fed worker` process on loopback, configured as a user would (FED_CLUSTER_SECRET and the AWS_* variables),
/// reading a bucket of a real s3rver that holds TPC-H SF 0.01 (all eight tables under tpch/, lineitem and orders
/// partitioned by month, row groups of 1,000 rows); and an engine in this process over the same bucket, whose answers
/// the worker's must equal. The worker reads through <see cref="S3Proxy"/>, where a test can hold its reads.
/// </summary>
public sealed class WorkerFixture : IAsyncLifetime
{
    public const string Bucket = "lake";

    private readonly S3rverFixture _s3 = new();
    private readonly string _local = Path.Combine(Path.GetTempPath(), "fed-worker-tests-" + Guid.NewGuid().ToString("N")[..8]);
    private GrpcChannel? _channel;
    private GatedS3Proxy? _proxy;

    /// <summary>This run's cluster secret: random, so nothing else could have signed a ticket with it.</summary>
    private readonly string _secret = "worker-tests-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24));

    public WorkerFixture()
    {
        Secret = ClusterSecret.FromText(_secret);
    }

    public ClusterSecret Secret { get; }

    /// <summary>The s3rver the bucket is on.</summary>
    public S3rverFixture S3 => _s3;

    /// <summary>Where the fixture's worker reads the bucket: s3rver, unless a test closed a gate on some objects.</summary>
    public GatedS3Proxy S3Proxy => _proxy!;

    /// <summary>The TPC-H files as generated, before they were uploaded (their footers are the same).</summary>
    public string LocalFolder => _local;

    /// <summary>This run's cluster secret as configured (FED_CLUSTER_SECRET).</summary>
    public string SecretText => _secret;

    /// <summary>What a `fed worker` of this run is started with: the cluster secret and the s3rver's address and keys.</summary>
    public Dictionary<string, string> WorkerEnvironment => new()
    {
        ["FED_CLUSTER_SECRET"] = _secret,
        ["AWS_ENDPOINT_URL_S3"] = _s3.Endpoint,
        ["AWS_ACCESS_KEY_ID"] = S3rverFixture.AccessKey,
        ["AWS_SECRET_ACCESS_KEY"] = S3rverFixture.SecretKey,
        ["AWS_REGION"] = "us-east-1",
    };

    public FedProcess Worker { get; private set; } = null!;

    public FlightClient Client { get; private set; } = null!;

    public S3ObjectStore Store { get; private set; } = null!;

    /// <summary>The reference: the engine reading the same objects in this process.</summary>
    public FederationEngine Engine { get; } = new();

    public async Task InitializeAsync()
    {
        await _s3.InitializeAsync();
        new TpchGenerator(new TpchGeneratorOptions { ScaleFactor = 0.01, OutputDirectory = _local, PartitionByMonth = true, RowsPerRowGroup = 1_000 })
            .Generate(CancellationToken.None);
        await _s3.CreateBucketAsync(Bucket);
        Store = new S3ObjectStore(_s3.Client, Bucket, _s3.Options);
        var files = TpchSchemas.Tables.Select(TpchSchemas.TableName).SelectMany(t => Directory.GetFiles(Path.Combine(_local, t), "*.parquet", SearchOption.AllDirectories)).ToArray();
        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (file, ct) =>
            await Store.WriteAsync("tpch/" + Path.GetRelativePath(_local, file).Replace(Path.DirectorySeparatorChar, '/'), await File.ReadAllBytesAsync(file, ct), ct));

        S3ObjectStore.Register(Engine.Stores, _s3.Options);
        Engine.RegisterTableFunction(new ReadParquetFunction(Engine.Stores));

        _proxy = new GatedS3Proxy(_s3.Endpoint);
        var environment = WorkerEnvironment;
        environment["AWS_ENDPOINT_URL_S3"] = _proxy.Endpoint;
        Worker = await FedProcess.StartAsync("worker", [], environment);
        _channel = GrpcChannel.ForAddress(Worker.Address);
        Client = new FlightClient(_channel);
    }

    public async Task DisposeAsync()
    {
        _channel?.Dispose();
        if (Worker is not null)
        {
            await Worker.DisposeAsync();
        }

        _proxy?.Dispose();
        await _s3.DisposeAsync();
        Directory.Delete(_local, recursive: true);
    }

    public async Task<List<ObjectMeta>> ListAsync(string prefix)
    {
        var objects = new List<ObjectMeta>();
        await foreach (var meta in Store.ListAsync(prefix, CancellationToken.None))
        {
            objects.Add(meta);
        }

        return objects;
    }

    public Task<ParquetFileInfo> FooterAsync(ObjectMeta meta) => ParquetFileInfo.ReadAsync(new ParquetObject(Store, meta, ObjectReadOptions.Default), CancellationToken.None);

    /// <summary>A ticket for <paramref name="fragment"/> signed with this run's secret, valid for five minutes from now.</summary>
    public byte[] Ticket(ScanFragment fragment) => FragmentTicket.Sign(fragment, Secret, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));

    /// <summary>DoGet on the worker: every row, values rendered as the SQL logic tests render them and joined by '|'.</summary>
    public async Task<List<string>> FetchAsync(byte[] ticket, CancellationToken cancellationToken = default) =>
        (await FetchWithMetricsAsync(ticket, cancellationToken)).Rows;

    /// <summary>DoGet on the worker: the rows, and the metrics the worker sends after them.</summary>
    public async Task<(List<string> Rows, FragmentMetrics Metrics)> FetchWithMetricsAsync(byte[] ticket, CancellationToken cancellationToken = default)
    {
        using var call = Client.GetStream(new FlightTicket(ByteString.CopyFrom(ticket)), null, null, cancellationToken);
        var rows = new List<string>();
        FragmentMetrics? metrics = null;
        while (await call.ResponseStream.MoveNext(cancellationToken))
        {
            // The reader keeps a message's app_metadata only until the next read: take it with its batch.
            foreach (var metadata in call.ResponseStream.ApplicationMetadata)
            {
                Assert.Null(metrics);
                Assert.Equal(0, call.ResponseStream.Current.Length);
                metrics = FragmentMetrics.FromBytes(metadata.Span);
            }

            SltRows.Append(call.ResponseStream.Current, rows);
        }

        return (rows, metrics ?? throw new InvalidOperationException("the worker sent no metrics after the last batch"));
    }

    /// <summary>The same statement run by the engine in this process.</summary>
    public Task<List<string>> SqlAsync(string sql) => SqlAsync(Engine, sql);

    /// <summary>A statement run by <paramref name="engine"/>: every row, rendered as <see cref="FetchAsync"/> renders them.</summary>
    public static Task<List<string>> SqlAsync(FederationEngine engine, string sql, CancellationToken cancellationToken = default) =>
        SqlAsync(engine.CreateSession(), sql, cancellationToken);

    /// <summary>A statement run in <paramref name="session"/> (which keeps what SET changed), rendered as <see cref="FetchAsync"/> renders rows.</summary>
    public static async Task<List<string>> SqlAsync(Session session, string sql, CancellationToken cancellationToken = default)
    {
        var result = await session.ExecuteAsync(sql, cancellationToken);
        return SltRows.Of(await result.CollectAsync(cancellationToken));
    }
}
