using System.Text;
using Federation.Common;
using Federation.Common.Types;
using Federation.Engine;
using Federation.Storage;
using Federation.Testing;

namespace Federation.Formats.Text.Tests;

/// <summary>
/// read_csv over objects in s3rver and over local files: a header detected and the column types inferred from a
/// sample (bigint, double, date, timestamp, boolean, text, as DuckDB infers them), DuckDB's named parameters (delim,
/// header, quote, escape, nullstr, columns) in PostgreSQL's `=>` and DuckDB's `=` spellings, globs, and a bad
/// parameter name or value failing with the line and column of the argument.
/// </summary>
public sealed class ReadCsvTests(S3BucketFixture data) : IClassFixture<S3BucketFixture>
{
    private const string People =
        "id,name,score,joined,seen,active\n" +
        "1,Ann,1.5,2024-01-02,2024-01-02 03:04:05,true\n" +
        "2,\"Bo, \"\"Jr.\"\"\",,2023-12-31,2023-12-31 23:59:59.5,false\n" +
        "3,Cy,-2,2000-02-29,2000-02-29T00:00:00,true\n";

    private (Session Session, ObjectStoreRegistry Stores) NewSession()
    {
        var engine = new FederationEngine();
        engine.Stores.Register("s3", S3BucketFixture.Bucket, data.Store);
        engine.RegisterTableFunction(new ReadCsvFunction(engine.Stores));
        return (engine.CreateSession(), engine.Stores);
    }

    private Task PutAsync(string key, string text) => data.Store.WriteAsync(key, Encoding.UTF8.GetBytes(text), default).AsTask();

    [Fact]
    public async Task A_header_is_detected_and_the_types_are_inferred_from_the_sample()
    {
        await PutAsync("readcsv/people.csv", People);
        var (session, stores) = NewSession();
        var table = (CsvTable)new ReadCsvFunction(stores).Create([new ScalarValue(SqlType.String, "s3://data/readcsv/people.csv")]);
        Assert.True(table.Header);
        Assert.Equal(["id", "name", "score", "joined", "seen", "active"], table.Columns.Select(c => c.Name));
        Assert.Equal([TypeKind.Int64, TypeKind.String, TypeKind.Float64, TypeKind.Date, TypeKind.Timestamp, TypeKind.Boolean], table.Columns.Select(c => c.Type.Kind));
        Assert.Equal(
            ["1|Ann|1.5|2024-01-02|2024-01-02 03:04:05|true", "2|Bo, \"Jr.\"|NULL|2023-12-31|2023-12-31 23:59:59.5|false", "3|Cy|-2|2000-02-29|2000-02-29 00:00:00|true"],
            await ResultRows.OfAsync(session, "SELECT * FROM read_csv('s3://data/readcsv/people.csv') ORDER BY id"));
        // Typed as inferred: integer, floating-point, date and boolean arithmetic.
        Assert.Equal(["6|-0.5|2024-01-03|2"],
            await ResultRows.OfAsync(session, "SELECT sum(id), sum(score), max(joined) + 1, sum(CASE WHEN active THEN 1 ELSE 0 END) FROM read_csv('s3://data/readcsv/people.csv')"));
    }

    [Fact]
    public async Task Named_parameters_read_a_pipe_delimited_file_without_a_header()
    {
        await PutAsync("readcsv/p.tbl", "1|'a|b'|\\N\n2|plain|7\n");
        var (session, _) = NewSession();
        Assert.Equal(["1|a|b|NULL", "2|plain|7"], await ResultRows.OfAsync(session,
            "SELECT column0, column1, column2 FROM read_csv('s3://data/readcsv/p.tbl', delim => '|', header => false, quote => '''', nullstr => '\\N') ORDER BY column0"));
        // DuckDB's spelling, name = value, and explicit columns (decimals stay exact).
        Assert.Equal(["2|plain|7.00"], await ResultRows.OfAsync(session,
            "SELECT * FROM read_csv('s3://data/readcsv/p.tbl', delim = '|', quote = '''', nullstr = '\\N', columns = 'id int, name varchar(10), amount decimal(6,2)') WHERE id = 2"));
        Assert.Equal(["7.00"], await ResultRows.OfAsync(session,
            "SELECT sum(amount) FROM read_csv('s3://data/readcsv/p.tbl', sep => '|', quote => '''', nullstr => '\\N', columns => 'id int, name text, amount numeric(6,2)')"));
    }

    [Fact]
    public async Task An_escape_other_than_the_quote_keeps_the_next_character()
    {
        await PutAsync("readcsv/escaped.csv", "k;v\n1;\"x\\\"y;z\"\n");
        var (session, _) = NewSession();
        Assert.Equal(["1|x\"y;z"], await ResultRows.OfAsync(session, "SELECT k, v FROM read_csv('s3://data/readcsv/escaped.csv', delim => ';', escape => '\\')"));
    }

    [Fact]
    public async Task Local_files_and_globs_are_read_each_with_its_header()
    {
        var folder = Directory.CreateTempSubdirectory("fed-read-csv-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "a.csv"), "id,v\n1,x\n2,y\n");
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "b.csv"), "id,v\n3,z\n");
            var (session, _) = NewSession();
            Assert.Equal(["3|6"], await ResultRows.OfAsync(session, $"SELECT count(*), sum(id) FROM read_csv('{folder.FullName}/*.csv')"));
            Assert.Equal(["1|x", "2|y"], await ResultRows.OfAsync(session, $"SELECT * FROM read_csv('{folder.FullName}/a.csv') ORDER BY id"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_bad_parameter_name_or_value_fails_naming_it_with_its_line_and_column()
    {
        await PutAsync("readcsv/people.csv", People);
        var (session, _) = NewSession();
        const string Unknown = "SELECT * FROM read_csv('s3://data/readcsv/people.csv',\n  delimiter2 => '|')";
        var error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(session, Unknown));
        Assert.Contains("table function \"read_csv\" has no parameter delimiter2", error.Message);
        Assert.Contains("(line 2, column 3)", error.Message);

        const string Value = "SELECT * FROM read_csv('s3://data/readcsv/people.csv', header => false, delim => 'ab')";
        error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(session, Value));
        Assert.Contains("parameter delim of read_csv is 'ab': it must be one ASCII character", error.Message);
        Assert.Contains($"(line 1, column {Value.IndexOf("delim", StringComparison.Ordinal) + 1})", error.Message);

        error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(session,
            "SELECT * FROM read_csv('s3://data/readcsv/people.csv', columns => 'id integer, name blob')"));
        Assert.Contains("column name has type 'blob'", error.Message);

        error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(session, "SELECT * FROM read_csv('s3://data/readcsv/none/')"));
        Assert.Contains("no CSV files found", error.Message);
        // The server stays up.
        Assert.Equal(["1"], await ResultRows.OfAsync(session, "SELECT 1"));
    }
}
