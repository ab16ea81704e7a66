using Federation.Engine;

namespace Federation.SqlLogic.Tests;

/// <summary>
/// The runner is the corpus's judge: each kind of wrong answer (a row, a type letter, an error message, an error that
/// does not come) must fail its record and name the record's line, and --complete must mark what it wrote.
/// </summary>
public sealed class SltRunnerTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "federation-slt-runner-tests", Guid.NewGuid().ToString("N"));

    public SltRunnerTests()
    {
        Directory.CreateDirectory(_folder);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Right_answers_pass()
    {
        var outcome = await RunAsync("""
            statement ok
            CREATE TABLE t (i INTEGER, s VARCHAR, d DATE)

            statement ok
            INSERT INTO t VALUES (1, 'a', DATE '2024-01-31'), (2, NULL, NULL)

            query ITD rowsort
            SELECT i, s, d FROM t
            ----
            1	a	2024-01-31
            2	NULL	NULL

            query R?P
            SELECT 1.5, INTERVAL '1 day', TIMESTAMP '2024-01-31 12:00:00'
            ----
            1.5	1 day	2024-01-31 12:00:00

            statement error division by zero
            SELECT 1 / 0
            """);

        Assert.Empty(outcome.Failures);
        Assert.Equal(5, outcome.Passed);
    }

    [Fact]
    public async Task A_wrong_row_fails_naming_the_record_line()
    {
        var (path, outcome) = await RunFileAsync("""
            statement ok
            SELECT 1

            query II
            SELECT 1, 2
            ----
            1	3
            """);

        var failure = Assert.Single(outcome.Failures);
        Assert.StartsWith($"{path}:4: query result mismatch", failure, StringComparison.Ordinal);
        Assert.Contains("-- expected:\n1\t3\n-- actual:\n1\t2", failure, StringComparison.Ordinal);
        Assert.Equal(1, outcome.Passed);
    }

    [Fact]
    public async Task A_missing_row_fails()
    {
        var (path, outcome) = await RunFileAsync("""
            query I rowsort
            SELECT * FROM (VALUES (1), (2)) v(x)
            ----
            1
            """);

        Assert.StartsWith($"{path}:1: query result mismatch", Assert.Single(outcome.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_type_letter_fails_naming_the_column_and_its_type()
    {
        var (path, outcome) = await RunFileAsync("""
            query I
            SELECT 1
            ----
            1

            query IT
            SELECT 1, DATE '2024-01-31'
            ----
            1	2024-01-31
            """);

        var failure = Assert.Single(outcome.Failures);
        Assert.StartsWith($"{path}:6: column types ID differ from the record's IT: column 2 is date (D), declared T", failure, StringComparison.Ordinal);
        Assert.Equal(1, outcome.Passed);
    }

    [Theory]
    [InlineData("query R", "SELECT 1", "column 1 is integer (I), declared R")]
    [InlineData("query I", "SELECT 1.5", "column 1 is numeric(2,1) (R), declared I")]
    [InlineData("query T", "SELECT true", "column 1 is boolean (B), declared T")]
    [InlineData("query D", "SELECT TIMESTAMP '2024-01-31 00:00:00'", "column 1 is timestamp without time zone (P), declared D")]
    [InlineData("query I", "SELECT INTERVAL '1 day'", "column 1 is interval (?), declared I")]
    public async Task Each_letter_stands_for_its_types(string header, string sql, string message)
    {
        var outcome = await RunAsync($"{header}\n{sql}\n----\nwhatever\n");

        Assert.Contains(message, Assert.Single(outcome.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_column_count_fails()
    {
        var (path, outcome) = await RunFileAsync("""
            query I
            SELECT 1, 2
            ----
            1	2
            """);

        Assert.StartsWith($"{path}:1: query returned 2 columns but the record declares 1 (I)", Assert.Single(outcome.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_error_message_fails_with_both_messages()
    {
        var (path, outcome) = await RunFileAsync("""
            statement ok
            SELECT 1

            statement error value out of range
            SELECT 1 / 0

            query error no such thing
            SELECT 1 / 0
            """);

        Assert.Equal(2, outcome.Failures.Count);
        Assert.StartsWith($"{path}:4: error \"division by zero\" does not match \"value out of range\"", outcome.Failures[0], StringComparison.Ordinal);
        Assert.StartsWith($"{path}:7: error \"division by zero\" does not match \"no such thing\"", outcome.Failures[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_error_fails()
    {
        var (path, outcome) = await RunFileAsync("""
            statement error division by zero
            SELECT 1 / 1

            query error
            SELECT 2
            """);

        Assert.Equal(2, outcome.Failures.Count);
        Assert.StartsWith($"{path}:1: statement succeeded but an error was expected (division by zero)", outcome.Failures[0], StringComparison.Ordinal);
        Assert.StartsWith($"{path}:4: query succeeded but an error was expected", outcome.Failures[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unexpected_error_fails()
    {
        var (path, outcome) = await RunFileAsync("""
            statement ok
            SELECT * FROM missing_table

            query I
            SELECT 1 / 0
            ----
            1
            """);

        Assert.Equal(2, outcome.Failures.Count);
        Assert.StartsWith($"{path}:1: statement failed: ", outcome.Failures[0], StringComparison.Ordinal);
        Assert.StartsWith($"{path}:4: query failed: division by zero", outcome.Failures[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Complete_writes_and_marks_only_the_answers_that_differ()
    {
        var path = Write("""
            # name: completion
            statement ok
            CREATE TABLE t (i INTEGER)

            statement ok
            INSERT INTO t VALUES (3), (1), (2)

            query I rowsort
            SELECT i FROM t
            ----
            1
            2
            3

            skipif workers
            query I
            SELECT count(*) FROM t

            query II rowsort
            SELECT i, i * 10 FROM t
            ----
            1	10
            """);

        var outcome = await Runner().RunFileAsync(path, complete: true);

        Assert.Empty(outcome.Failures);
        Assert.Equal([$"{path}:16", $"{path}:19"], outcome.Completed);
        Assert.Equal(3, outcome.Passed);
        Assert.Equal("""
            # name: completion
            statement ok
            CREATE TABLE t (i INTEGER)

            statement ok
            INSERT INTO t VALUES (3), (1), (2)

            query I rowsort
            SELECT i FROM t
            ----
            1
            2
            3

            # completed from federation: not verified
            skipif workers
            query I
            SELECT count(*) FROM t
            ----
            3

            # completed from federation: not verified
            query II rowsort
            SELECT i, i * 10 FROM t
            ----
            1	10
            2	20
            3	30

            """, await File.ReadAllTextAsync(path));

        // The completed file passes as it stands and completing it again changes nothing: the marks stay, once each.
        var written = await File.ReadAllTextAsync(path);
        var again = await Runner().RunFileAsync(path, complete: true);
        Assert.Empty(again.Completed);
        Assert.Equal(5, again.Passed);
        Assert.Equal(written, await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task Complete_keeps_one_mark_when_it_rewrites_a_marked_record()
    {
        var path = Write("""
            # completed from federation: not verified
            query I
            SELECT 2
            ----
            1
            """);

        var outcome = await Runner().RunFileAsync(path, complete: true);

        Assert.Equal([$"{path}:2"], outcome.Completed);
        Assert.Equal("# completed from federation: not verified\nquery I\nSELECT 2\n----\n2\n", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task Complete_does_not_write_over_errors_or_type_mismatches()
    {
        const string text = """
            query I
            SELECT 1 / 0
            ----
            1

            query T
            SELECT 1
            ----
            2
            """;
        var path = Write(text);

        var outcome = await Runner().RunFileAsync(path, complete: true);

        Assert.Empty(outcome.Completed);
        Assert.Equal(2, outcome.Failures.Count);
        Assert.Equal(text + "\n", await File.ReadAllTextAsync(path));
    }

    private async Task<SltOutcome> RunAsync(string text) => (await RunFileAsync(text)).Outcome;

    private async Task<(string Path, SltOutcome Outcome)> RunFileAsync(string text)
    {
        var path = Write(text);
        return (path, await Runner().RunFileAsync(path));
    }

    private string Write(string text)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N")[..8] + ".slt");
        File.WriteAllText(path, text.EndsWith('\n') ? text : text + "\n");
        return path;
    }

    private static SltRunner Runner() => new(() => new FederationEngine());
}
