using Federation.Common;
using Federation.Engine;
using Federation.Storage;
using Federation.Storage.S3;
using Federation.Testing;

namespace Federation.Formats.Parquet.Tests;

/// <summary>
/// INT96 timestamps, page checksums and inconsistent row counts read from a real S3-compatible store through the
/// ranged-read stream (objects not fetched whole, chunks prefetched row group by row group), where the INT96 reader and
/// the Arrow reader share one stream: the same answers and errors as from local files, naming the s3:// object.
/// </summary>
public sealed class HardeningOnS3Tests(S3TpchFixture data) : IClassFixture<S3TpchFixture>, IDisposable
{
    private const int RowsPerGroup = 20_000;

    /// <summary>No object is fetched whole with its footer, so every column chunk is a ranged read.</summary>
    private static readonly ObjectReadOptions Ranged = ObjectReadOptions.Default with { WholeObjectThreshold = 0, TailBytes = 4096 };

    private readonly string _folder = Directory.CreateTempSubdirectory("fed-hardening-s3-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private S3ObjectStore Store => new(data.S3.Client, S3TpchFixture.Bucket, data.Options);

    /// <summary>Three row groups of INT96 timestamps from 0001 to 9999, every seventh NULL.</summary>
    private string WriteTimestamps()
    {
        var path = Path.Combine(_folder, "timestamps.parquet");
        var groups = Enumerable.Range(0, 3).Select(g => Enumerable.Range(g * RowsPerGroup, RowsPerGroup)
            .Select(i => (i, i % 7 == 3 ? (ParquetSharp.Int96?)null : Int96Files.Of(1 + (i * 7919 % 9999), 1 + (i % 12), 1 + (i % 28), i % 24, i % 60, i % 60, i % 1_000_000)))
            .ToArray()).ToArray();
        Int96Files.Write(path, groups);
        return path;
    }

    private async Task<Session> SessionAsync(string key, string localPath)
    {
        var store = Store;
        await store.WriteAsync(key, await File.ReadAllBytesAsync(localPath), CancellationToken.None);
        var engine = new FederationEngine();
        engine.Stores.Register("s3", S3TpchFixture.Bucket, store);
        var table = await ParquetTable.OpenAsync("t", $"s3://{S3TpchFixture.Bucket}/{key}", engine.Stores, Ranged, CancellationToken.None);
        engine.Catalog.TryAddTable(engine.Catalog.DefaultSchema, "t", table);
        return engine.CreateSession();
    }

    private static Session LocalSession(string path)
    {
        var engine = new FederationEngine();
        engine.Catalog.TryAddTable(engine.Catalog.DefaultSchema, "t", new ParquetTable("t", path));
        return engine.CreateSession();
    }

    [Theory]
    [InlineData("SELECT id, ts FROM t ORDER BY id")]
    [InlineData("SELECT count(ts), min(ts), max(ts), count(*) FROM t")]
    [InlineData("SELECT id, ts FROM t WHERE ts >= '9000-01-01' AND id % 5 = 0 ORDER BY id")]
    [InlineData("SELECT ts FROM t WHERE id BETWEEN 19990 AND 20010 ORDER BY id")]
    public async Task Int96_timestamps_read_from_S3_as_from_the_local_file(string sql)
    {
        var path = WriteTimestamps();
        var local = await ResultRows.OfAsync(LocalSession(path), sql);
        var remote = await ResultRows.OfAsync(await SessionAsync($"hardening/{Guid.NewGuid():N}/timestamps.parquet", path), sql);

        Assert.NotEmpty(local);
        Assert.Equal(local, remote);
    }

    [Fact]
    public async Task The_timestamps_written_are_the_ones_read()
    {
        var session = await SessionAsync($"hardening/{Guid.NewGuid():N}/timestamps.parquet", WriteTimestamps());
        // Row 1: year 1 + 7919, February 2, 01:01:01.000001; row 3: NULL; row 59999 (the last): year 1 + 59999 * 7919 % 9999.
        Assert.Equal(["1|7920-02-02 01:01:01.000001", "3|NULL", "59999|9599-12-24 23:59:59.059999"],
            await ResultRows.OfAsync(session, "SELECT id, ts FROM t WHERE id IN (1, 3, 59999) ORDER BY id"));
    }

    [Fact]
    public async Task A_corrupt_page_in_S3_fails_naming_the_object_and_reads_with_checks_off()
    {
        var key = $"hardening/{Guid.NewGuid():N}/pages.parquet";
        var session = await SessionAsync(key, Path.Combine(RepositoryPaths.SharedTestData!, "parquet", "datapage_v1-corrupt-checksum.parquet"));

        var error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(session, "SELECT sum(b) FROM t"));
        Assert.Equal(ErrorCode.CorruptObject, error.Code);
        Assert.StartsWith($"cannot read Parquet file s3://{S3TpchFixture.Bucket}/{key}: IOError: could not verify page integrity, CRC checksum verification failed",
            error.Message, StringComparison.Ordinal);

        await session.ExecuteAsync("SET parquet_verify_checksums = off");
        Assert.Equal(["5120|43118090496|129016190976"], await ResultRows.OfAsync(session, "SELECT count(*), sum(a), sum(b) FROM t"));
    }

    [Fact]
    public async Task A_page_holding_fewer_values_than_the_footer_says_fails_from_S3_too()
    {
        var path = Path.Combine(_folder, "page.parquet");
        InconsistentFiles.Write(path, footerToo: false);
        var key = $"hardening/{Guid.NewGuid():N}/page.parquet";
        var session = await SessionAsync(key, path);

        var error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(session, "SELECT b FROM t"));
        Assert.Equal($"cannot read Parquet file s3://{S3TpchFixture.Bucket}/{key}: column \"b\" holds 2 rows, but the footer declares 5 for row group 0", error.Message);
    }
}
