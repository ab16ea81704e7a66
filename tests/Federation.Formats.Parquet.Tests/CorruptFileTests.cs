using Federation.Common;
using Federation.Engine;
using Federation.Testing;

namespace Federation.Formats.Parquet.Tests;

/// <summary>
/// Files that are not what their footer says fail every query over them with an error naming the object and the
/// cause, never an answer with rows missing: a row group whose column holds fewer values than its rows (said by the
/// footer, or only by a page), and every broken or encrypted file of the shared test data, through read_parquet and
/// through an external table. The engine answers the next query as usual.
/// </summary>
public sealed class CorruptFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fed-corrupt-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static Session NewSession()
    {
        var engine = new FederationEngine();
        engine.RegisterTableFunction(new ReadParquetFunction());
        engine.RegisterFileFormat(new ParquetFileFormat());
        return engine.CreateSession();
    }

    /// <summary>A folder holding only <paramref name="file"/>, and a session with an external table over it.</summary>
    private async Task<Session> ExternalTableAsync(string file, string columns)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_folder, "t-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        var session = NewSession();
        await session.ExecuteAsync("CREATE EXTERNAL SCHEMA spectrum FROM DATA CATALOG DATABASE 'spectrumdb' CREATE EXTERNAL DATABASE IF NOT EXISTS");
        await session.ExecuteAsync($"CREATE EXTERNAL TABLE spectrum.t ({columns}) STORED AS PARQUET LOCATION 'file://{folder}/'");
        return session;
    }

    private static readonly string[] Shapes =
    [
        "SELECT count(*) FROM {0}",
        "SELECT a FROM {0}",
        "SELECT b FROM {0}",
        "SELECT * FROM {0}",
        "SELECT a, b FROM {0} WHERE b > 0",
        "SELECT sum(b) FROM {0} WHERE a < 100",
    ];

    private static async Task<FederationException> FailsAsync(Session session, string sql)
    {
        var error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(session, sql));
        Assert.NotEqual(ErrorCategory.Internal, error.Category);
        return error;
    }

    [Fact]
    public async Task A_footer_whose_column_holds_fewer_values_than_its_rows_fails_every_query_shape()
    {
        var path = Path.Combine(_folder, "footer.parquet");
        InconsistentFiles.Write(path, footerToo: true);
        var external = await ExternalTableAsync(path, "a int, b int");
        foreach (var shape in Shapes)
        {
            var direct = await FailsAsync(NewSession(), string.Format(shape, $"read_parquet('{path}')"));
            Assert.Equal(ErrorCode.CorruptObject, direct.Code);
            Assert.Contains($"cannot read Parquet file {path}: row group 0 has 5 rows, but its column \"b\" holds 2 values", direct.Message, StringComparison.Ordinal);

            var declared = await FailsAsync(external, string.Format(shape, "spectrum.t"));
            Assert.Equal(ErrorCode.CorruptObject, declared.Code);
            Assert.Contains("footer.parquet: row group 0 has 5 rows, but its column \"b\" holds 2 values", declared.Message, StringComparison.Ordinal);
        }

        Assert.Equal(["1"], await ResultRows.OfAsync(external, "SELECT 1"));
    }

    [Fact]
    public async Task A_page_that_holds_fewer_values_than_the_footer_says_fails_every_query_that_reads_its_column()
    {
        var path = Path.Combine(_folder, "page.parquet");
        InconsistentFiles.Write(path, footerToo: false);
        var external = await ExternalTableAsync(path, "a int, b int");
        foreach (var (session, table) in new[] { (NewSession(), $"read_parquet('{path}')"), (external, "spectrum.t") })
        {
            // Column b alone: its rows are counted against the footer's.
            foreach (var sql in new[] { $"SELECT b FROM {table}", $"SELECT b FROM {table} WHERE b > 15", $"SELECT max(b) FROM {table}" })
            {
                var error = await FailsAsync(session, sql);
                Assert.Equal(ErrorCode.CorruptObject, error.Code);
                Assert.Contains("page.parquet: column \"b\" holds 2 rows, but the footer declares 5 for row group 0", error.Message, StringComparison.Ordinal);
            }

            // Both columns: the reader finds them of different lengths.
            foreach (var sql in new[] { $"SELECT * FROM {table}", $"SELECT a FROM {table} WHERE b > 0" })
            {
                var error = await FailsAsync(session, sql);
                Assert.Equal(ErrorCode.CorruptObject, error.Code);
                Assert.Contains(
                    "page.parquet: Invalid: columns do not have the same size, in columns \"a\", \"b\" of row group 0 (its pages hold different numbers of rows in different columns",
                    error.Message, StringComparison.Ordinal);
            }

            // Column a is whole, and reads as it is (only b's page is wrong, and a query that never reads b cannot know).
            Assert.Equal(["1", "2", "3", "4", "5"], await ResultRows.OfAsync(session, $"SELECT a FROM {table} ORDER BY a"));
        }
    }

    public static TheoryData<string, string> BrokenFiles() => new()
    {
        { "bad_data/PARQUET-1481.parquet", "Invalid physical column type" },
        // Its dictionary page header is unreadable (the first column's), its other chunks' metadata too.
        { "bad_data/ARROW-RS-GH-6229-DICTHEADER.parquet", "IOError: Couldn't deserialize thrift: TProtocolException: Invalid data|IOError: Invalid column metadata (corrupt file?)" },
        { "bad_data/ARROW-GH-45185.parquet", "nested list, map and struct columns are not supported yet" },
        { "uniform_encryption.parquet.encrypted", "Could not read encrypted metadata" },
    };

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public async Task A_broken_or_encrypted_file_fails_with_a_typed_error_naming_it(string name, string cause)
    {
        var path = Path.Combine(RepositoryPaths.SharedTestData ?? throw new InvalidOperationException("the shared test data is missing"), "parquet", name);
        var file = Path.GetFileName(path);
        foreach (var sql in new[] { "SELECT count(*) FROM {0}", "SELECT * FROM {0}", "SELECT * FROM {0} LIMIT 1" })
        {
            var error = await FailsAsync(NewSession(), string.Format(sql, $"read_parquet('{path}')"));
            Assert.Contains(file, error.Message, StringComparison.Ordinal);
            Assert.True(cause.Split('|').Any(c => error.Message.Contains(c, StringComparison.Ordinal)), error.Message);
            Assert.True(error.Code is ErrorCode.CorruptObject or ErrorCode.NotSupported, $"{error.Code}: {error.Message}");
        }
    }

    [Fact]
    public async Task A_declared_column_the_file_holds_as_a_list_fails_rather_than_reading_as_null()
    {
        // ARROW-GH-45185's list column x is unreadable twice over (nested, and its repetition levels are corrupt): a
        // table declaring x must not answer with five NULLs.
        var path = Path.Combine(RepositoryPaths.SharedTestData!, "parquet", "bad_data", "ARROW-GH-45185.parquet");
        var session = await ExternalTableAsync(path, "x int");
        foreach (var sql in new[] { "SELECT * FROM spectrum.t", "SELECT count(x) FROM spectrum.t", "SELECT count(*) FROM spectrum.t WHERE x IS NULL" })
        {
            var error = await FailsAsync(session, sql);
            Assert.Equal(ErrorCode.NotSupported, error.Code);
            Assert.Contains("column \"x\" of spectrum.t is a list column in Parquet file file:", error.Message, StringComparison.Ordinal);
            Assert.EndsWith("/ARROW-GH-45185.parquet, and nested list, map and struct columns are not supported yet", error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("bad_data/PARQUET-1481.parquet", "Invalid physical column type")]
    [InlineData("bad_data/ARROW-RS-GH-6229-DICTHEADER.parquet", "IOError: Couldn't deserialize thrift: TProtocolException: Invalid data|IOError: Invalid column metadata (corrupt file?)")]
    [InlineData("uniform_encryption.parquet.encrypted", "Could not read encrypted metadata")]
    public async Task A_broken_or_encrypted_file_under_an_external_table_fails_naming_it(string name, string cause)
    {
        var path = Path.Combine(RepositoryPaths.SharedTestData!, "parquet", name);
        var session = await ExternalTableAsync(path, "nation_key int, name varchar, region_key int, comment_col varchar");
        foreach (var sql in new[] { "SELECT count(*) FROM spectrum.t", "SELECT * FROM spectrum.t", "SELECT name FROM spectrum.t WHERE nation_key > 3" })
        {
            var error = await FailsAsync(session, sql);
            Assert.Equal(ErrorCode.CorruptObject, error.Code);
            Assert.Contains($"cannot read Parquet file file:{_folder}/t-", error.Message, StringComparison.Ordinal);
            Assert.Contains($"/{Path.GetFileName(path)}: ", error.Message, StringComparison.Ordinal);
            Assert.True(cause.Split('|').Any(c => error.Message.Contains(c, StringComparison.Ordinal)), error.Message);
        }

        Assert.Equal(["1"], await ResultRows.OfAsync(session, "SELECT 1"));
    }
}
