using System.Text;
using Federation.Common;
using Federation.Testing;

namespace Federation.Storage.Tests;

/// <summary>
/// What every object store must do, run against each implementation (Trino's BaseConnectorTest pattern): the
/// same keys, bytes and errors whatever is underneath.
/// </summary>
public abstract class ObjectStoreConformance
{
    protected abstract Task<IObjectStore> CreateStoreAsync();

    private static ReadOnlyMemory<byte> Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static async Task<List<ObjectMeta>> ListAsync(IObjectStore store, string prefix)
    {
        var result = new List<ObjectMeta>();
        await foreach (var meta in store.ListAsync(prefix, CancellationToken.None))
        {
            result.Add(meta);
        }

        return result;
    }

    [Fact]
    public async Task Written_objects_list_by_prefix_in_key_order_with_their_sizes()
    {
        var store = await CreateStoreAsync();
        await store.WriteAsync("t/year=2024/b.parquet", Bytes("bbbb"), default);
        await store.WriteAsync("t/year=2024/a.parquet", Bytes("aa"), default);
        await store.WriteAsync("t/year=2025/c.parquet", Bytes("c"), default);
        await store.WriteAsync("tx/other.parquet", Bytes("x"), default);

        var all = await ListAsync(store, "t/");
        Assert.Equal(["t/year=2024/a.parquet", "t/year=2024/b.parquet", "t/year=2025/c.parquet"], all.Select(m => m.Key));
        Assert.Equal([2L, 4L, 1L], all.Select(m => m.Size));
        Assert.All(all, m => Assert.False(string.IsNullOrEmpty(m.ETag)));

        Assert.Equal(["t/year=2025/c.parquet"], (await ListAsync(store, "t/year=2025/")).Select(m => m.Key));
        Assert.Empty(await ListAsync(store, "nothing/here/"));
    }

    [Fact]
    public async Task A_level_listing_separates_objects_from_sub_prefixes()
    {
        var store = await CreateStoreAsync();
        await store.WriteAsync("lvl/_SUCCESS", Bytes(string.Empty), default);
        await store.WriteAsync("lvl/k=1/part-0.parquet", Bytes("1"), default);
        await store.WriteAsync("lvl/k=2/part-0.parquet", Bytes("22"), default);

        var level = await store.ListLevelAsync("lvl/", default);

        Assert.Equal(["lvl/_SUCCESS"], level.Objects.Select(o => o.Key));
        Assert.Equal(0, level.Objects[0].Size);
        Assert.Equal(["lvl/k=1/", "lvl/k=2/"], level.Prefixes);
    }

    [Fact]
    public async Task Ranged_reads_return_exactly_the_requested_bytes()
    {
        var store = await CreateStoreAsync();
        var data = Enumerable.Range(0, 10_000).Select(i => (byte)(i * 7)).ToArray();
        await store.WriteAsync("ranges/data.bin", data, default);

        var middle = new byte[100];
        await store.ReadAsync("ranges/data.bin", 5_000, middle, null, default);
        Assert.Equal(data.AsSpan(5_000, 100).ToArray(), middle);

        var head = await store.HeadAsync("ranges/data.bin", default);
        Assert.Equal(10_000, head.Size);
    }

    [Fact]
    public async Task A_tail_read_takes_the_last_bytes_in_one_request_and_tells_the_size()
    {
        var store = await CreateStoreAsync();
        var data = Enumerable.Range(0, 5_000).Select(i => (byte)i).ToArray();
        await store.WriteAsync("tail/file.bin", data, default);
        await store.WriteAsync("tail/small.bin", Bytes("tiny"), default);

        var buffer = new byte[1_000];
        var (read, size) = await store.ReadTailAsync("tail/file.bin", buffer, default);
        Assert.Equal((1_000, 5_000L), (read, size));
        Assert.Equal(data.AsSpan(4_000).ToArray(), buffer);

        var (smallRead, smallSize) = await store.ReadTailAsync("tail/small.bin", buffer, default);
        Assert.Equal((4, 4L), (smallRead, smallSize));
        Assert.Equal("tiny", Encoding.UTF8.GetString(buffer.AsSpan(buffer.Length - 4)));
    }

    [Fact]
    public async Task A_missing_object_is_an_error_that_names_it()
    {
        var store = await CreateStoreAsync();

        var error = await Assert.ThrowsAsync<FederationException>(async () => await store.HeadAsync("missing/object.parquet", default));
        Assert.Equal(ErrorCode.ObjectNotFound, error.Code);
        Assert.Contains("missing/object.parquet", error.Message, StringComparison.Ordinal);

        var read = await Assert.ThrowsAsync<FederationException>(async () => await store.ReadAsync("missing/object.parquet", 0, new byte[4], null, default));
        Assert.Equal(ErrorCode.ObjectNotFound, read.Code);
        Assert.StartsWith(store.Url.TrimEnd('/') + "/missing/object.parquet", read.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reading_past_the_end_is_an_error_that_names_the_object()
    {
        var store = await CreateStoreAsync();
        await store.WriteAsync("short/file.bin", Bytes("0123456789"), default);

        var error = await Assert.ThrowsAnyAsync<FederationException>(async () => await store.ReadAsync("short/file.bin", 5, new byte[10], null, default));

        Assert.Equal(ErrorCode.ObjectReadError, error.Code);
        Assert.Contains("short/file.bin", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writing_replaces_and_deleting_removes()
    {
        var store = await CreateStoreAsync();
        await store.WriteAsync("w/obj", Bytes("first"), default);
        var before = await store.HeadAsync("w/obj", default);
        await store.WriteAsync("w/obj", Bytes("second!"), default);

        var after = await store.HeadAsync("w/obj", default);
        Assert.Equal(7, after.Size);
        Assert.NotEqual(before.ETag, after.ETag);

        await store.DeleteAsync("w/obj", default);
        await store.DeleteAsync("w/obj", default);
        Assert.Empty(await ListAsync(store, "w/"));
    }

    [Fact]
    public async Task A_read_expecting_the_listed_etag_fails_naming_the_object_once_it_was_replaced()
    {
        var store = await CreateStoreAsync();
        await store.WriteAsync("v/data.bin", Bytes("first version"), default);
        var listed = await store.HeadAsync("v/data.bin", default);
        Assert.NotNull(listed.ETag);

        var buffer = new byte[5];
        await store.ReadAsync("v/data.bin", 0, buffer, listed.ETag, default);
        Assert.Equal("first", Encoding.UTF8.GetString(buffer));

        await store.WriteAsync("v/data.bin", Bytes("second, longer version"), default);
        var error = await Assert.ThrowsAsync<FederationException>(async () => await store.ReadAsync("v/data.bin", 0, buffer, listed.ETag, default));

        Assert.Equal(ErrorCode.ObjectChanged, error.Code);
        Assert.Contains(store.Url.TrimEnd('/') + "/v/data.bin: the object changed while the statement read it", error.Message, StringComparison.Ordinal);

        // Without an expectation the new version is read as it is.
        await store.ReadAsync("v/data.bin", 0, buffer, null, default);
        Assert.Equal("secon", Encoding.UTF8.GetString(buffer));
    }

    [Fact]
    public async Task A_glob_lists_its_literal_prefix_once_and_keeps_the_matching_data_objects()
    {
        var counters = new StorageCounters();
        var store = new CountingObjectStore(await CreateStoreAsync(), counters);
        await store.WriteAsync("g/k=1/part-0.parquet", Bytes("1"), default);
        await store.WriteAsync("g/k=1/part-1.parquet", Bytes("11"), default);
        await store.WriteAsync("g/k=1/notes.txt", Bytes("n"), default);
        await store.WriteAsync("g/k=2/part-0.parquet", Bytes("2"), default);
        await store.WriteAsync("g/k=2/deeper/part-9.parquet", Bytes("9"), default);
        await store.WriteAsync("g/k=3/_part-0.parquet", Bytes("hidden"), default);
        await store.WriteAsync("g/k=3/part-5.parquet", Bytes(string.Empty), default);
        await store.WriteAsync("g/part-top.parquet", Bytes("t"), default);

        var matched = new List<string>();
        await foreach (var meta in DataObjects.ListAsync(store, ObjectGlob.Parse("g/*/part-*.parquet"), default))
        {
            matched.Add(meta.Key);
        }

        Assert.Equal(["g/k=1/part-0.parquet", "g/k=1/part-1.parquet", "g/k=2/part-0.parquet"], matched);
        Assert.Equal(1, counters.ListRequests);

        var everywhere = new List<string>();
        await foreach (var meta in DataObjects.ListAsync(store, ObjectGlob.Parse("g/**/part-[0-9].parquet"), default))
        {
            everywhere.Add(meta.Key);
        }

        Assert.Equal(["g/k=1/part-0.parquet", "g/k=1/part-1.parquet", "g/k=2/deeper/part-9.parquet", "g/k=2/part-0.parquet"], everywhere);
    }

    [Fact]
    public async Task Counting_store_counts_requests_and_bytes()
    {
        var counters = new StorageCounters();
        var store = new CountingObjectStore(await CreateStoreAsync(), counters);
        await store.WriteAsync("c/one", Bytes("12345"), default);

        await store.ReadAsync("c/one", 1, new byte[3], null, default);
        await store.ReadTailAsync("c/one", new byte[2], default);
        await store.HeadAsync("c/one", default);
        await ListAsync(store, "c/");

        Assert.Equal(2, counters.GetRequests);
        Assert.Equal(5, counters.BytesRead);
        Assert.Equal(1, counters.HeadRequests);
        Assert.Equal(1, counters.ListRequests);
        Assert.Equal(1, counters.PutRequests);
        Assert.Equal(5, counters.BytesWritten);
    }
}

public sealed class InMemoryObjectStoreTests : ObjectStoreConformance
{
    protected override Task<IObjectStore> CreateStoreAsync() => Task.FromResult<IObjectStore>(new InMemoryObjectStore());
}

public sealed class LocalObjectStoreTests : ObjectStoreConformance, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("fed-store-").FullName;

    protected override Task<IObjectStore> CreateStoreAsync() => Task.FromResult<IObjectStore>(new LocalObjectStore(_root));

    [Fact]
    public void A_key_that_leaves_the_root_is_refused()
    {
        var store = new LocalObjectStore(_root);

        var error = Assert.Throws<FederationException>(() => store.HeadAsync("../etc/passwd", default).AsTask().GetAwaiter().GetResult());

        Assert.Contains("leaves the store's root", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}

public sealed class S3ObjectStoreTests(S3rverFixture s3) : ObjectStoreConformance, IClassFixture<S3rverFixture>
{
    protected override async Task<IObjectStore> CreateStoreAsync()
    {
        // A bucket per test: they run against one server.
        var bucket = await s3.CreateBucketAsync("t" + Guid.NewGuid().ToString("N")[..20]);
        return new S3.S3ObjectStore(s3.Client, bucket, s3.Options);
    }

    [Fact]
    public async Task Listing_pages_through_more_than_a_thousand_objects()
    {
        var store = await CreateStoreAsync();
        await Parallel.ForEachAsync(Enumerable.Range(0, 1_050), new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (i, ct) => await store.WriteAsync($"many/{i:D5}.csv", new byte[] { 1 }, ct));

        var keys = new List<string>();
        await foreach (var meta in store.ListAsync("many/", default))
        {
            keys.Add(meta.Key);
        }

        Assert.Equal(1_050, keys.Count);
        Assert.Equal("many/00000.csv", keys[0]);
        Assert.Equal("many/01049.csv", keys[^1]);
    }

    [Fact]
    public async Task A_missing_bucket_is_an_error_that_names_it()
    {
        var store = new S3.S3ObjectStore(s3.Client, "no-such-bucket", s3.Options);

        var error = await Assert.ThrowsAsync<FederationException>(async () => await store.ReadAsync("k", 0, new byte[1], null, default));

        Assert.Equal(ErrorCode.ObjectNotFound, error.Code);
        Assert.Contains("s3://no-such-bucket/k: bucket \"no-such-bucket\" does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_registry_opens_s3_locations_through_the_configured_endpoint()
    {
        var bucket = await s3.CreateBucketAsync("reg" + Guid.NewGuid().ToString("N")[..16]);
        var registry = new ObjectStoreRegistry();
        S3.S3ObjectStore.Register(registry, s3.Options);

        var (store, key) = registry.Resolve($"s3a://{bucket}/warehouse/t/part-0.parquet");
        await store.WriteAsync(key, new byte[] { 42 }, default);

        Assert.Equal("s3://" + bucket, store.Url);
        Assert.Equal("warehouse/t/part-0.parquet", key);
        Assert.Same(store, registry.Resolve($"s3://{bucket}/other").Store);
        Assert.Equal(1, (await store.HeadAsync(key, default)).Size);
    }
}
