using Federation.Catalog.External;
using Federation.Coordinator;
using Federation.Coordinator.Workers;
using Federation.Engine;
using Federation.Storage.S3;
using Federation.Testing;

namespace Federation.Formats.Orc.Tests;

/// <summary>
/// A real s3rver holding shared ORC files under shared/&lt;table&gt;/, and a coordinator whose engine
/// (<see cref="PoolEngine"/>) sends its external scans to two real `fed worker` processes, with fragments of 4 KiB so
/// that a file of many stripes is read in several stripe splits.
/// </summary>
public sealed class OrcBucketFixture : IAsyncLifetime
{
    public const string Bucket = "orc";

    public const string Schema = "spectrum";

    private readonly string _secret = "orc-tests-" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));

    public S3rverFixture S3 { get; } = new();

    public S3ObjectStore Store { get; private set; } = null!;

    public FederationEngine PoolEngine { get; } = new(external: ExternalCatalog.InMemory());

    public CoordinatorHost Coordinator { get; private set; } = null!;

    public List<FedProcess> Workers { get; } = [];

    public async Task InitializeAsync()
    {
        await S3.InitializeAsync();
        await S3.CreateBucketAsync(Bucket);
        Store = new S3ObjectStore(S3.Client, Bucket, S3.Options);
        S3ObjectStore.Register(PoolEngine.Stores, S3.Options);
        PoolEngine.RegisterFileFormat(new OrcFileFormat());
        Coordinator = await CoordinatorHost.StartAsync(PoolEngine, new CoordinatorOptions
        {
            Port = 0,
            ClusterSecret = _secret,
            Pool = new WorkerPoolOptions { HeartbeatTimeoutMilliseconds = 3_000, FragmentTargetBytes = 4096 },
        });
        var environment = new Dictionary<string, string>
        {
            ["FED_CLUSTER_SECRET"] = _secret,
            ["AWS_ENDPOINT_URL_S3"] = S3.Endpoint,
            ["AWS_ACCESS_KEY_ID"] = S3rverFixture.AccessKey,
            ["AWS_SECRET_ACCESS_KEY"] = S3rverFixture.SecretKey,
            ["AWS_REGION"] = "us-east-1",
            ["FED_HEARTBEATMILLISECONDS"] = "250",
        };
        for (var w = 0; w < 2; w++)
        {
            Workers.Add(await FedProcess.StartAsync("worker", ["--coordinator", $"127.0.0.1:{Coordinator.Address.Port}"], environment));
        }

        await Eventually.UntilAsync(() => Coordinator.Pool.Snapshot() is var workers && workers.Count == 2 && workers.All(w => w.State == "live"),
            () => $"the pool holds 2 live workers; it holds {string.Join(", ", Coordinator.Pool.Snapshot())}");
    }

    /// <summary>Uploads shared file <paramref name="name"/> alone under shared/<paramref name="table"/>/ and returns its location.</summary>
    public async Task<string> UploadAsync(string name, string table)
    {
        await Store.WriteAsync($"shared/{table}/{Path.GetFileName(name)}", await File.ReadAllBytesAsync(SharedOrcFiles.Path(name)), default);
        return $"s3://{Bucket}/shared/{table}/";
    }

    public async Task DisposeAsync()
    {
        foreach (var worker in Workers)
        {
            await worker.DisposeAsync();
        }

        if (Coordinator is not null)
        {
            await Coordinator.DisposeAsync();
        }

        await S3.DisposeAsync();
    }
}
