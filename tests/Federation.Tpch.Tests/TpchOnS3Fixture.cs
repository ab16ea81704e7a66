using Federation.Samples.Tpch;
using Federation.Storage.S3;
using Federation.Testing;

namespace Federation.Tpch.Tests;

/// <summary>
/// TPC-H SF 0.01 generated on local disk (lineitem and orders partitioned by month, so a scan reads many objects) and
/// the same files uploaded under tpch/ in a bucket of a real s3rver; DuckDB reads the local copy.
/// </summary>
public sealed class TpchOnS3Fixture : IAsyncLifetime
{
    public const string Bucket = "lake";

    public S3rverFixture S3 { get; } = new();

    public string LocalFolder { get; } = Path.Combine(Path.GetTempPath(), "fed-tpch-s3-" + Guid.NewGuid().ToString("N")[..8]);

    public async Task InitializeAsync()
    {
        await S3.InitializeAsync();
        new TpchGenerator(new TpchGeneratorOptions { ScaleFactor = 0.01, OutputDirectory = LocalFolder, PartitionByMonth = true, RowsPerRowGroup = 5_000 })
            .Generate(CancellationToken.None);
        await S3.CreateBucketAsync(Bucket);
        var store = new S3ObjectStore(S3.Client, Bucket, S3.Options);
        var files = TpchDataset.Tables.SelectMany(t => Directory.GetFiles(Path.Combine(LocalFolder, t), "*.parquet", SearchOption.AllDirectories)).ToArray();
        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (file, ct) =>
            await store.WriteAsync("tpch/" + Path.GetRelativePath(LocalFolder, file).Replace(Path.DirectorySeparatorChar, '/'), await File.ReadAllBytesAsync(file, ct), ct));
    }

    public async Task DisposeAsync()
    {
        await S3.DisposeAsync();
        Directory.Delete(LocalFolder, recursive: true);
    }
}
