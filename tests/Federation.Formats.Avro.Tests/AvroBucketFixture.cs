using Federation.Storage.S3;
using Federation.Testing;

namespace Federation.Formats.Avro.Tests;

/// <summary>A real s3rver with one bucket the Avro tests write their objects into.</summary>
public sealed class AvroBucketFixture : IAsyncLifetime
{
    public const string Bucket = "avro";

    public S3rverFixture S3 { get; } = new();

    public S3ObjectStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await S3.InitializeAsync();
        await S3.CreateBucketAsync(Bucket);
        Store = new S3ObjectStore(S3.Client, Bucket, S3.Options);
    }

    public Task DisposeAsync() => S3.DisposeAsync();
}
