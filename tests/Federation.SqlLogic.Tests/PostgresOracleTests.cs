using System.Text;
using Federation.Testing;
using Federation.Testing.Postgres;
using Npgsql;

namespace Federation.SqlLogic.Tests;

/// <summary>
/// The expected answers of tests/sql/postgres/**/*.slt are PostgreSQL's: every record of those files (those not
/// marked <c>skipif postgres</c>, and <c>onlyif</c> another engine, which the runner's own labels decide) runs against a
/// private PostgreSQL 15 server, and each query's rows, as the slt runner would print them, must equal the file's
/// expected rows; a statement or query expected to fail must fail there too, and every other one must succeed.
/// The corpus test (<see cref="SqlLogicCorpusTests"/>) runs the same files on this engine, so both engines give the
/// written answers.
/// </summary>
public sealed class PostgresOracleTests(PostgresOracleFixture fixture) : IClassFixture<PostgresOracleFixture>
{
    /// <summary>The label these files run under in PostgreSQL: <c>skipif postgres</c> keeps a record out of the oracle.</summary>
    public const string Label = "postgres";

    public static string Folder => Path.Combine(RepositoryPaths.SqlCorpus, "postgres");

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in SltRunner.FindFiles(Folder))
        {
            data.Add(Path.GetRelativePath(Folder, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task PostgreSQL_gives_the_expected_answers(string file)
    {
        var path = Path.Combine(Folder, file);
        var records = SltParser.Parse(await File.ReadAllTextAsync(path), path, new HashSet<string>(StringComparer.OrdinalIgnoreCase) { Label });
        await using var connection = await fixture.Server.OpenConnectionAsync();
        // Each file in a schema of its own, as each file gets a fresh engine.
        var schema = "slt_" + Path.GetFileNameWithoutExtension(file).Replace('-', '_').Replace('.', '_');
        await PostgresServer.QueryTextAsync(connection, $"DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}; SET search_path = {schema}");

        var failures = new List<string>();
        var checkedRecords = 0;
        var hashThreshold = 0;
        foreach (var record in records)
        {
            string? failure;
            switch (record)
            {
                case SltHalt:
                    goto done;
                case SltHashThreshold h:
                    hashThreshold = h.Threshold;
                    continue;
                case SltStatement s:
                    failure = await RunStatementAsync(connection, s.Sql, s.ExpectError);
                    break;
                case SltQuery q when q.ExpectError:
                    failure = await RunStatementAsync(connection, q.Sql, expectError: true);
                    break;
                case SltQuery q:
                    failure = await RunQueryAsync(connection, q, hashThreshold);
                    break;
                default:
                    continue;
            }

            checkedRecords++;
            if (failure is not null)
            {
                failures.Add($"{path}:{record.Line}: {failure}");
            }
        }

    done:
        Assert.True(failures.Count == 0, $"{failures.Count} records differ from PostgreSQL:\n\n" + string.Join("\n\n", failures));
        Assert.True(checkedRecords > 0, "the file has no record PostgreSQL runs");
    }

    private static async Task<string?> RunStatementAsync(NpgsqlConnection connection, string sql, bool expectError)
    {
        try
        {
            await PostgresServer.QueryTextAsync(connection, sql);
            return expectError ? $"PostgreSQL runs what the file expects to fail:\n{sql}" : null;
        }
        catch (PostgresException e)
        {
            // Our messages are not PostgreSQL's: only that both fail is compared.
            return expectError ? null : $"PostgreSQL fails: {e.SqlState} {e.MessageText}\n{sql}";
        }
    }

    private static async Task<string?> RunQueryAsync(NpgsqlConnection connection, SltQuery query, int hashThreshold)
    {
        PostgresRows answer;
        try
        {
            answer = await PostgresServer.QueryTextAsync(connection, query.Sql);
        }
        catch (PostgresException e)
        {
            return $"PostgreSQL fails: {e.SqlState} {e.MessageText}\n{query.Sql}";
        }

        if (query.Types.Length > 0 && query.Types.Length != answer.ColumnTypes.Count)
        {
            return $"PostgreSQL answers {answer.ColumnTypes.Count} columns, the record declares {query.Types.Length}\n{query.Sql}";
        }

        var rows = new List<string[]>(answer.Rows.Count);
        foreach (var row in answer.Rows)
        {
            var cells = new string[row.Length];
            for (var c = 0; c < cells.Length; c++)
            {
                cells[c] = PostgresSltFormatter.Format(row[c], answer.ColumnTypes[c]);
            }

            rows.Add(cells);
        }

        var actual = SltRunner.Render(rows, query.SortMode, hashThreshold);
        if (SltRunner.Matches(actual, query.Expected))
        {
            return null;
        }

        var sb = new StringBuilder("PostgreSQL answers otherwise\n").Append(query.Sql).Append("\n-- expected:\n");
        foreach (var line in query.Expected.Take(40))
        {
            sb.Append(line).Append('\n');
        }

        sb.Append("-- PostgreSQL:\n");
        foreach (var line in actual.Take(40))
        {
            sb.Append(line).Append('\n');
        }

        return sb.ToString().TrimEnd();
    }
}
