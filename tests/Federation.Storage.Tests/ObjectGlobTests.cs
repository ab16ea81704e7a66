namespace Federation.Storage.Tests;

public sealed class ObjectGlobTests
{
    [Theory]
    [InlineData("t/*.parquet", "t/a.parquet", true)]
    [InlineData("t/*.parquet", "t/.parquet", true)]
    [InlineData("t/*.parquet", "t/a.csv", false)]
    [InlineData("t/*.parquet", "t/k=1/a.parquet", false)]
    [InlineData("t/*/part-*.parquet", "t/k=1/part-0.parquet", true)]
    [InlineData("t/*/part-*.parquet", "t/k=1/x/part-0.parquet", false)]
    [InlineData("t/*/part-*.parquet", "t/part-0.parquet", false)]
    [InlineData("t/part-?.parquet", "t/part-7.parquet", true)]
    [InlineData("t/part-?.parquet", "t/part-17.parquet", false)]
    [InlineData("t/part-[0-4].parquet", "t/part-3.parquet", true)]
    [InlineData("t/part-[0-4].parquet", "t/part-5.parquet", false)]
    [InlineData("t/part-[!0-4].parquet", "t/part-5.parquet", true)]
    [InlineData("t/part-[^0-4].parquet", "t/part-3.parquet", false)]
    [InlineData("t/part-[ab].parquet", "t/part-b.parquet", true)]
    [InlineData("t/**/*.parquet", "t/a.parquet", true)]
    [InlineData("t/**/*.parquet", "t/x/y/z/a.parquet", true)]
    [InlineData("t/**/*.parquet", "u/a.parquet", false)]
    [InlineData("t/**", "t/x/y", true)]
    [InlineData("t/a**b", "t/axxb", true)]
    [InlineData("t/a**b", "t/ax/b", false)]
    [InlineData("t/*a*b*c", "t/xaybzc", true)]
    [InlineData("t/*a*b*c", "t/xaybzcd", false)]
    [InlineData("t/[x", "t/[x", true)]
    public void A_key_matches_as_the_glob_says(string pattern, string key, bool matches) =>
        Assert.Equal(matches, ObjectGlob.Parse(pattern).IsMatch(key));

    [Fact]
    public void The_listing_starts_at_the_literal_prefix_and_keys_are_relative_to_its_folder()
    {
        var glob = ObjectGlob.Parse("tpch/lineitem/*/part-*.parquet");
        Assert.Equal("tpch/lineitem/", glob.ListPrefix);
        Assert.Equal("tpch/lineitem/", glob.Root);
        Assert.Equal(1, glob.MaxDepthBelowRoot);

        var files = ObjectGlob.Parse("t/part-*.parquet");
        Assert.Equal("t/part-", files.ListPrefix);
        Assert.Equal("t/", files.Root);
        Assert.Equal(0, files.MaxDepthBelowRoot);

        Assert.Null(ObjectGlob.Parse("t/**/x.parquet").MaxDepthBelowRoot);
    }

    [Theory]
    [InlineData("s3://b/t/*.parquet", true)]
    [InlineData("/data/part-?.parquet", true)]
    [InlineData("/data/part-[0-9].parquet", true)]
    [InlineData("/data/trips/", false)]
    [InlineData("s3://b/t/part-0.parquet", false)]
    public void Only_wildcards_make_a_glob(string location, bool glob) => Assert.Equal(glob, ObjectGlob.IsGlob(location));
}
