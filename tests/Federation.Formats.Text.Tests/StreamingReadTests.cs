using System.IO.Compression;
using System.Text;
using Federation.Catalog.External;
using Federation.Common;
using Federation.Engine;
using Federation.Testing;

namespace Federation.Formats.Text.Tests;

/// <summary>
/// Objects read in windows (<see cref="LineChunkReader"/>) much smaller than the object, on a real s3rver behind a
/// <see cref="RecordingObjectStore"/>: lines and quoted CSV records across window boundaries and a line longer than a
/// window read exactly once, plain and gzip-compressed, whole and in byte-range parts; every ranged read asks for at
/// most one window, and the object's bytes are fetched once (memory bounded by the window, not the object).
/// </summary>
public sealed class StreamingReadTests(S3BucketFixture data) : IClassFixture<S3BucketFixture>
{
    private const string Bucket = S3BucketFixture.Bucket;

    /// <summary>The window size; the objects are about 170 KB, so well over a hundred windows each.</summary>
    private const int Window = 1000;

    private const int Lines = 3000;

    /// <summary>The id whose name (5000 bytes) is longer than a window.</summary>
    private const int LongId = 1500;

    private static string Name(int id) => id == LongId ? new string('L', 5000) : new string((char)('a' + id % 26), id % 97);

    private static byte[] Tbl()
    {
        var text = new StringBuilder();
        for (var id = 1; id <= Lines; id++)
        {
            text.Append(id).Append('|').Append(Name(id)).Append("|\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>The answer to <see cref="Summary"/> over the lines of <see cref="Tbl"/>.</summary>
    private static string Expected() =>
        $"{Lines}|{Lines}|{(long)Lines * (Lines + 1) / 2}|{Enumerable.Range(1, Lines).Sum(id => (long)Name(id).Length)}";

    private const string Summary = "SELECT count(*), count(DISTINCT id), sum(id), sum(length(name)) FROM spectrum.{0}";

    private async Task<(Session Session, RecordingObjectStore Store)> SessionAsync(long unitBytes = TextFileFormat.DefaultUnitBytes)
    {
        var store = new RecordingObjectStore(data.Store);
        var engine = new FederationEngine(external: ExternalCatalog.InMemory());
        engine.Stores.Register("s3", Bucket, store);
        engine.RegisterFileFormat(new TextFileFormat("text", unitBytes, Window));
        engine.RegisterFileFormat(new TextFileFormat("csv", unitBytes, Window));
        var session = engine.CreateSession();
        await session.ExecuteAsync("CREATE EXTERNAL SCHEMA spectrum FROM DATA CATALOG DATABASE 'streaming' CREATE EXTERNAL DATABASE IF NOT EXISTS");
        return (session, store);
    }

    private static async Task CreateTblAsync(Session session, string name)
    {
        await session.ExecuteAsync(
            $"CREATE EXTERNAL TABLE spectrum.{name} (id int, name varchar(6000)) ROW FORMAT DELIMITED FIELDS TERMINATED BY '|' STORED AS TEXTFILE " +
            $"LOCATION 's3://{Bucket}/streaming/{name}/'");
    }

    /// <summary>Every GET of <paramref name="key"/> asked for at most a window; together they fetched <paramref name="size"/> bytes, each once.</summary>
    private static void AssertReadInWindows(RecordingObjectStore store, string key, long size)
    {
        var reads = store.Ranges.Where(r => r.Key == key).OrderBy(r => r.Offset).ToList();
        Assert.True(reads.Count >= size / Window, $"{reads.Count} reads of {key}");
        Assert.All(reads, r => Assert.InRange(r.Length, 1, Window));
        Assert.Equal(size, reads.Sum(r => (long)r.Length));
        // Consecutive, none twice: nothing is fetched again when a window is carried into the next.
        for (var i = 1; i < reads.Count; i++)
        {
            Assert.Equal(reads[i - 1].Offset + reads[i - 1].Length, reads[i].Offset);
        }
    }

    [Fact]
    public async Task A_tbl_object_of_many_windows_reads_every_line_once_in_window_sized_requests()
    {
        var bytes = Tbl();
        await data.Store.WriteAsync("streaming/plain/part-0.tbl", bytes, default);
        var (session, store) = await SessionAsync();
        await CreateTblAsync(session, "plain");
        Assert.Equal([Expected()], await ResultRows.OfAsync(session, string.Format(null, Summary, "plain")));
        Assert.Equal(["5000|LLL"], await ResultRows.OfAsync(session, $"SELECT length(name), substr(name, 1, 3) FROM spectrum.plain WHERE id = {LongId}"));
        Assert.Equal(["2999|" + Name(2999)], await ResultRows.OfAsync(session, "SELECT id, name FROM spectrum.plain WHERE id = 2999"));
        store.Clear();
        await ResultRows.OfAsync(session, "SELECT sum(id) FROM spectrum.plain");
        AssertReadInWindows(store, "streaming/plain/part-0.tbl", bytes.Length);
    }

    [Fact]
    public async Task A_gzip_object_is_decompressed_as_a_stream_fetched_in_window_sized_requests()
    {
        var plain = Tbl();
        var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(plain);
        }

        await data.Store.WriteAsync("streaming/gz/part-0.tbl.gz", compressed.ToArray(), default);
        var (session, store) = await SessionAsync();
        await CreateTblAsync(session, "gz");
        Assert.Equal([Expected()], await ResultRows.OfAsync(session, string.Format(null, Summary, "gz")));
        AssertReadInWindows(store, "streaming/gz/part-0.tbl.gz", compressed.Length);

        // Cut short, the stream fails naming the object.
        await data.Store.WriteAsync("streaming/cut/part-0.tbl.gz", compressed.ToArray().AsMemory(0, (int)compressed.Length - 100), default);
        await CreateTblAsync(session, "cut");
        var error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(session, "SELECT count(*) FROM spectrum.cut"));
        Assert.Contains("s3://data/streaming/cut/part-0.tbl.gz", error.Message);
        Assert.Contains("truncated or corrupt", error.Message);
    }

    [Fact]
    public async Task Byte_range_parts_each_read_in_windows_read_every_line_once()
    {
        var bytes = Tbl();
        await data.Store.WriteAsync("streaming/parts/part-0.tbl", bytes, default);
        // Units of 7 KB, not a multiple of the window: about 25 parts, each several windows and an overread past its end.
        var (session, _) = await SessionAsync(unitBytes: 7_000);
        await CreateTblAsync(session, "parts");
        Assert.Equal([Expected()], await ResultRows.OfAsync(session, string.Format(null, Summary, "parts")));
    }

    [Fact]
    public async Task A_bad_value_many_windows_in_is_named_by_its_line()
    {
        var text = Encoding.UTF8.GetString(Tbl()).Replace("\n2500|", "\nx2500|", StringComparison.Ordinal);
        await data.Store.WriteAsync("streaming/bad/part-0.tbl", Encoding.UTF8.GetBytes(text), default);
        var (session, _) = await SessionAsync();
        await CreateTblAsync(session, "bad");
        var error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(session, "SELECT sum(id) FROM spectrum.bad"));
        Assert.Contains("line 2500", error.Message);
        Assert.Contains("'x2500'", error.Message);
    }

    [Fact]
    public async Task Csv_records_with_quoted_line_breaks_across_windows_read_every_record_once()
    {
        var text = new StringBuilder("id,note\r\n");
        var expectedLength = 0L;
        for (var id = 1; id <= Lines; id++)
        {
            // Every third note holds a line break and a comma, quoted; some a doubled quote.
            var note = id % 3 == 0 ? $"first {id}\nsecond, {new string('n', id % 50)}" : id % 5 == 0 ? $"say \"\"{id}\"\"" : $"plain {id}";
            var quoted = id % 3 == 0 || id % 5 == 0;
            text.Append(id).Append(',').Append(quoted ? $"\"{note}\"" : note).Append("\r\n");
            expectedLength += note.Replace("\"\"", "\"", StringComparison.Ordinal).Length;
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        await data.Store.WriteAsync("streaming/csv/part-0.csv", bytes, default);
        var (session, store) = await SessionAsync();
        await session.ExecuteAsync(
            "CREATE EXTERNAL TABLE spectrum.notes (id int, note varchar(200)) ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde' " +
            "WITH SERDEPROPERTIES ('escapeChar' = '\"') " +
            $"STORED AS TEXTFILE LOCATION 's3://{Bucket}/streaming/csv/' TABLE PROPERTIES ('skip.header.line.count' = '1')");
        Assert.Equal([$"{Lines}|{Lines}|{(long)Lines * (Lines + 1) / 2}|{expectedLength}"],
            await ResultRows.OfAsync(session, "SELECT count(*), count(DISTINCT id), sum(id), sum(length(note)) FROM spectrum.notes"));
        Assert.Equal(["say \"2995\""], await ResultRows.OfAsync(session, "SELECT note FROM spectrum.notes WHERE id = 2995"));
        // ResultRows shows a line break as \n.
        Assert.Equal(["first 2997\\nsecond, " + new string('n', 2997 % 50)], await ResultRows.OfAsync(session, "SELECT note FROM spectrum.notes WHERE id = 2997"));
        store.Clear();
        Assert.Equal([$"{Lines}"], await ResultRows.OfAsync(session, "SELECT count(*) FROM spectrum.notes"));
        AssertReadInWindows(store, "streaming/csv/part-0.csv", bytes.Length);
    }
}
