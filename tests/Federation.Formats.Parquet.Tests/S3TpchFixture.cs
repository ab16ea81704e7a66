using Federation.Samples.Tpch;
using Federation.Storage.S3;
using Federation.Testing;

namespace Federation.Formats.Parquet.Tests;

/// <summary>
/// TPC-H SF 0.01 generated on local disk (lineitem and orders partitioned by month) and the same files uploaded to
/// a bucket of a real s3rver, so each test can compare answers from S3 with answers from the local copy.
/// </summary>
public sealed class S3TpchFixture : IAsyncLifetime
{
    public const string Bucket = "lake";

    private readonly S3rverFixture _s3 = new();

    public string LocalFolder { get; } = Path.Combine(Path.GetTempPath(), "fed-parquet-s3-" + Guid.NewGuid().ToString("N")[..8]);

    public S3rverFixture S3 => _s3;

    public S3StoreOptions Options => _s3.Options;

    public async Task InitializeAsync()
    {
        await _s3.InitializeAsync();
        new TpchGenerator(new TpchGeneratorOptions { ScaleFactor = 0.01, OutputDirectory = LocalFolder, PartitionByMonth = true, RowsPerRowGroup = 10_000 })
            .Generate(CancellationToken.None);
        await _s3.CreateBucketAsync(Bucket);
        var store = new S3ObjectStore(_s3.Client, Bucket, Options);
        var files = Directory.GetFiles(LocalFolder, "*", SearchOption.AllDirectories);
        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (file, ct) =>
            await store.WriteAsync("tpch/" + Path.GetRelativePath(LocalFolder, file).Replace(Path.DirectorySeparatorChar, '/'), await File.ReadAllBytesAsync(file, ct), ct));
    }

    public async Task DisposeAsync()
    {
        await _s3.DisposeAsync();
        Directory.Delete(LocalFolder, recursive: true);
    }
}
