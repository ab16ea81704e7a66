using System.Globalization;
using DuckDB.NET.Data;
using Federation.Common;
using Federation.Engine;
using Federation.Testing;

namespace Federation.Formats.Parquet.Tests;

/// <summary>
/// Page CRCs, where the writer stored them, are checked by default: parquet-testing's file with two flipped bits fails
/// naming it, and reads (with those bits) after SET parquet_verify_checksums = off; its sound twin and the dictionary
/// file with checksums read right either way.
/// </summary>
public sealed class PageChecksumTests
{
    private static string Shared(string name) =>
        Path.Combine(RepositoryPaths.SharedTestData ?? throw new InvalidOperationException("the shared test data is missing"), "parquet", name);

    private static Session NewSession()
    {
        var engine = new FederationEngine();
        engine.RegisterTableFunction(new ReadParquetFunction());
        engine.RegisterFileFormat(new ParquetFileFormat());
        return engine.CreateSession();
    }

    private const string Summary = "SELECT count(*), sum(a), sum(b), count(DISTINCT a), count(DISTINCT b) FROM";

    private const string Hint =
        " (a page's bytes do not match the checksum its writer stored: the file is corrupt; SET parquet_verify_checksums = off reads it unchecked)";

    [Theory]
    [InlineData("SELECT count(*) FROM {0}", "column \"a\"")]
    [InlineData("SELECT sum(a) FROM {0}", "column \"a\"")]
    [InlineData("SELECT b FROM {0} WHERE a > 0", "columns \"a\", \"b\"")]
    [InlineData("SELECT * FROM {0}", "columns \"a\", \"b\"")]
    public async Task A_page_whose_bytes_do_not_match_its_checksum_fails_the_query_naming_the_file(string shape, string columns)
    {
        var path = Shared("datapage_v1-corrupt-checksum.parquet");
        var session = NewSession();

        var error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(session, string.Format(shape, $"read_parquet('{path}')")));

        Assert.Equal(ErrorCode.CorruptObject, error.Code);
        Assert.Equal(
            $"cannot read Parquet file {path}: IOError: could not verify page integrity, CRC checksum verification failed for page_ordinal 0, in {columns} of row group 0{Hint}",
            error.Message);
    }

    [Fact]
    public async Task Column_bs_corrupt_page_is_its_second()
    {
        var path = Shared("datapage_v1-corrupt-checksum.parquet");
        var error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(NewSession(), $"SELECT max(b) FROM read_parquet('{path}')"));
        Assert.Equal(
            $"cannot read Parquet file {path}: IOError: could not verify page integrity, CRC checksum verification failed for page_ordinal 1, in column \"b\" of row group 0{Hint}",
            error.Message);
    }

    [Fact]
    public async Task With_checks_off_the_corrupt_file_reads_with_its_flipped_bits_and_reset_turns_them_on_again()
    {
        var corrupt = $"read_parquet('{Shared("datapage_v1-corrupt-checksum.parquet")}')";
        var sound = $"read_parquet('{Shared("datapage_v1-uncompressed-checksum.parquet")}')";
        var session = NewSession();
        Assert.Equal(["on"], await ResultRows.OfAsync(session, "SHOW parquet_verify_checksums"));

        await session.ExecuteAsync("SET parquet_verify_checksums = off");
        Assert.Equal(["off"], await ResultRows.OfAsync(session, "SHOW parquet_verify_checksums"));
        Assert.Equal(["5120|43118090240|129016125440|128|64"], await ResultRows.OfAsync(session, $"{Summary} {sound}"));

        // Two flipped bits, one in a value of each column: one a is 256 more than in the sound file, one b 65536 more,
        // and each is a value the sound file does not have.
        Assert.Equal(["5120|43118090496|129016190976|129|65"], await ResultRows.OfAsync(session, $"{Summary} {corrupt}"));

        await session.ExecuteAsync("RESET parquet_verify_checksums");
        var error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(session, $"SELECT sum(b) FROM {corrupt}"));
        Assert.Contains("datapage_v1-corrupt-checksum.parquet: IOError: could not verify page integrity", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("datapage_v1-uncompressed-checksum.parquet", "count(*), sum(a), sum(b), count(DISTINCT a), min(b), max(b)")]
    [InlineData("plain-dict-uncompressed-checksum.parquet", "count(*), sum(long_field), min(long_field), max(long_field), count(DISTINCT binary_field)")]
    public async Task Files_whose_checksums_match_read_as_DuckDB_reads_them_with_checks_on(string name, string aggregates)
    {
        var path = Shared(name);
        var ours = await ResultRows.OfAsync(NewSession(), $"SELECT {aggregates} FROM read_parquet('{path}')");

        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {aggregates} FROM read_parquet('{path}')";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        var theirs = string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)));

        Assert.Equal([theirs], ours);
        Assert.StartsWith(name.StartsWith("datapage", StringComparison.Ordinal) ? "5120|" : "1000|", theirs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_value_that_is_not_a_boolean_is_refused_and_the_setting_is_unchanged()
    {
        var session = NewSession();
        var error = await Assert.ThrowsAsync<FederationException>(() => session.ExecuteAsync("SET parquet_verify_checksums = 'sometimes'"));
        Assert.Equal("parameter \"parquet_verify_checksums\" requires a Boolean value", error.Message);
        Assert.Equal(["on"], await ResultRows.OfAsync(session, "SHOW parquet_verify_checksums"));
    }
}
