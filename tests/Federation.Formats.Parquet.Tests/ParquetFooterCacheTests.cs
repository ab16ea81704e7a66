using Federation.Storage;

namespace Federation.Formats.Parquet.Tests;

/// <summary>The footer cache by itself: found only for the same size and ETag, bounded by bytes, least recently used out first.</summary>
public sealed class ParquetFooterCacheTests
{
    private readonly InMemoryObjectStore _store = new("memory://lake");

    private static ObjectMeta Meta(string key, long size = 1000, string? etag = "e1") => new(key, size, DateTimeOffset.UnixEpoch, etag);

    /// <summary>A parsed footer of 1,000 bytes, as ParquetFileInfo.ReadAsync returns it (with the bytes fetched to read it).</summary>
    private static ParquetFileInfo Footer(string key) =>
        new ParquetFileInfo("memory://lake/" + key, 1000, [], [10], []) { Footer = new FetchedRange(0, new byte[1000]), Opening = new FetchedRange(0, new byte[5000]) };

    [Fact]
    public void A_footer_is_found_for_the_same_size_and_etag_only_and_a_rewritten_object_drops_it()
    {
        var cache = new ParquetFooterCache(1024 * 1024);
        cache.Add(_store, Meta("t/a.parquet"), Footer("t/a.parquet"));

        var found = cache.Find(_store, Meta("t/a.parquet"));
        Assert.NotNull(found);
        Assert.Equal(1000, found.Footer!.Bytes.Length);
        Assert.Null(found.Opening);
        Assert.Null(cache.Find(new InMemoryObjectStore("memory://other"), Meta("t/a.parquet")));

        // Same ETag, another size: not this object any more, and the stale footer goes.
        Assert.Null(cache.Find(_store, Meta("t/a.parquet", size: 1001)));
        Assert.Equal(0, cache.Count);
        Assert.Equal(0, cache.Bytes);

        cache.Add(_store, Meta("t/a.parquet"), Footer("t/a.parquet"));
        Assert.Null(cache.Find(_store, Meta("t/a.parquet", etag: "e2")));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Objects_without_an_etag_are_never_kept()
    {
        var cache = new ParquetFooterCache(1024 * 1024);
        cache.Add(_store, Meta("t/a.parquet", etag: null), Footer("t/a.parquet"));
        cache.Add(_store, Meta("t/b.parquet", etag: string.Empty), Footer("t/b.parquet"));

        Assert.Equal(0, cache.Count);
        Assert.Null(cache.Find(_store, Meta("t/a.parquet", etag: null)));
    }

    [Fact]
    public void Over_the_bound_the_least_recently_used_footer_is_evicted()
    {
        var probe = new ParquetFooterCache(1024 * 1024);
        probe.Add(_store, Meta("t/a.parquet"), Footer("t/a.parquet"));
        var entry = probe.Bytes;
        Assert.InRange(entry, 1000, 2000);

        // Room for three footers, not four.
        var cache = new ParquetFooterCache(entry * 3 + entry / 2);
        cache.Add(_store, Meta("t/a.parquet"), Footer("t/a.parquet"));
        cache.Add(_store, Meta("t/b.parquet"), Footer("t/b.parquet"));
        cache.Add(_store, Meta("t/c.parquet"), Footer("t/c.parquet"));
        Assert.Equal(3 * entry, cache.Bytes);

        // a is used again, so b is now the least recently used, and d pushes it out.
        Assert.NotNull(cache.Find(_store, Meta("t/a.parquet")));
        cache.Add(_store, Meta("t/d.parquet"), Footer("t/d.parquet"));

        Assert.Equal(3, cache.Count);
        Assert.Equal(3 * entry, cache.Bytes);
        Assert.Null(cache.Find(_store, Meta("t/b.parquet")));
        Assert.NotNull(cache.Find(_store, Meta("t/a.parquet")));
        Assert.NotNull(cache.Find(_store, Meta("t/c.parquet")));
        Assert.NotNull(cache.Find(_store, Meta("t/d.parquet")));

        // A footer larger than the whole bound is not kept (and evicts nothing); a bound of 0 keeps nothing.
        var small = new ParquetFooterCache(entry - 1);
        small.Add(_store, Meta("t/a.parquet"), Footer("t/a.parquet"));
        Assert.Equal(0, small.Count);
        var none = new ParquetFooterCache(0);
        none.Add(_store, Meta("t/a.parquet"), Footer("t/a.parquet"));
        Assert.Equal(0, none.Count);
    }
}
