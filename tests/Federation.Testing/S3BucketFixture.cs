using Federation.Storage.S3;
using Xunit;

namespace Federation.Testing;

/// <summary>
/// A real s3rver with one bucket, <see cref="Bucket"/>, that a test class writes its objects into (the text, JSON and
/// Avro tests each get their own server, so the one name never collides).
/// </summary>
public sealed class S3BucketFixture : IAsyncLifetime
{
    public const string Bucket = "data";

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
