using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Federation.Common;
using Federation.Engine;

namespace Federation.SqlLogic;

/// <summary>
/// Runs .slt files. Each file gets a fresh engine (its own catalog) and a scratch folder for {TEST_DIR};
/// {DATA_DIR} is the repository's tests/data folder and {TESTDATA} the shared test data of other writers.
/// With <c>complete</c> set, the expected output of every query whose answer differs is rewritten from what the engine
/// returned, and the record is marked <see cref="CompletedMark"/>.
/// skipif/onlyif conditions test the runner's labels: always <see cref="SltParser.EngineName"/> ("federation"), and
/// <see cref="SltParser.WorkersLabel"/> ("workers") when the engines it is given send their external scans to
/// worker processes, so a record whose output shows where objects were read can say it holds only in one process.
/// </summary>
public sealed class SltRunner
{
    private readonly Func<FederationEngine> _engineFactory;
    private readonly IReadOnlyDictionary<string, string> _variables;
    private readonly IReadOnlySet<string> _labels;

    /// <param name="labels">Labels besides <see cref="SltParser.EngineName"/> that skipif/onlyif match, such as <see cref="SltParser.WorkersLabel"/>.</param>
    public SltRunner(Func<FederationEngine> engineFactory, IReadOnlyDictionary<string, string>? variables = null, IEnumerable<string>? labels = null)
    {
        _engineFactory = engineFactory;
        _variables = variables ?? new Dictionary<string, string>();
        _labels = new HashSet<string>(labels ?? [], StringComparer.OrdinalIgnoreCase) { SltParser.EngineName };
    }

    /// <summary>
    /// A harness's change to each file's text after variable substitution and before parsing, keeping its lines (so
    /// failures name the file's own lines): e.g. pointing the file's external schemas at another catalog.
    /// </summary>
    public Func<string, string>? Rewrite { get; init; }

    /// <summary>The labels skipif/onlyif conditions match in the files this runner runs.</summary>
    public IReadOnlySet<string> Labels => _labels;

    /// <summary>Every .slt file under a path (or the file itself), sorted.</summary>
    public static IReadOnlyList<string> FindFiles(string path)
    {
        if (File.Exists(path))
        {
            return [Path.GetFullPath(path)];
        }

        if (Directory.Exists(path))
        {
            return Directory.GetFiles(path, "*.slt", SearchOption.AllDirectories).Select(Path.GetFullPath).Order(StringComparer.Ordinal).ToArray();
        }

        throw new FileNotFoundException($"no .slt file or folder at {path}");
    }

    public async Task<SltOutcome> RunFileAsync(string path, bool complete = false, CancellationToken cancellationToken = default)
    {
        var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        var scratch = Path.Combine(Path.GetTempPath(), "federation-slt", Path.GetFileNameWithoutExtension(path) + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(scratch);
        try
        {
            var variables = new Dictionary<string, string>(_variables) { ["TEST_DIR"] = scratch };
            text = Substitute(text, variables);
            if (Rewrite is not null)
            {
                text = Rewrite(text);
            }
            var records = SltParser.Parse(text, path, _labels);
            var session = _engineFactory().CreateSession();
            var passed = 0;
            var failures = new List<string>();
            var completed = new List<string>();
            var hashThreshold = 0;
            var completions = new Dictionary<int, IReadOnlyList<string>>();
            foreach (var record in records)
            {
                if (record is SltHalt)
                {
                    break;
                }

                if (record is SltHashThreshold h)
                {
                    hashThreshold = h.Threshold;
                    continue;
                }

                var completedBefore = completions.Count;
                var failure = record switch
                {
                    SltStatement s => await RunStatementAsync(session, s, cancellationToken).ConfigureAwait(false),
                    SltQuery q => await RunQueryAsync(session, q, hashThreshold, complete ? completions : null, cancellationToken).ConfigureAwait(false),
                    _ => null,
                };
                if (completions.Count > completedBefore)
                {
                    completed.Add($"{path}:{record.Line}");
                }
                else if (failure is null)
                {
                    passed++;
                }
                else
                {
                    failures.Add($"{path}:{record.Line}: {failure}");
                }
            }

            if (complete && completions.Count > 0)
            {
                await File.WriteAllTextAsync(path, Complete(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false), completions), cancellationToken)
                    .ConfigureAwait(false);
            }

            return new SltOutcome(path, passed, failures) { Completed = completed };
        }
        finally
        {
            try
            {
                Directory.Delete(scratch, recursive: true);
            }
            catch (IOException)
            {
                // A file still open in the scratch folder: leave it to the temp cleaner.
            }
        }
    }

    private static string Substitute(string text, IReadOnlyDictionary<string, string> variables)
    {
        foreach (var (name, value) in variables)
        {
            text = text.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }

        return text;
    }

    private static async Task<string?> RunStatementAsync(Session session, SltStatement statement, CancellationToken cancellationToken)
    {
        try
        {
            var result = await session.ExecuteAsync(statement.Sql, cancellationToken).ConfigureAwait(false);
            await result.CollectAsync(cancellationToken).ConfigureAwait(false);
            return statement.ExpectError ? $"statement succeeded but an error was expected{Expected(statement.ErrorPattern)}\n{statement.Sql}" : null;
        }
        catch (FederationException e)
        {
            if (!statement.ExpectError)
            {
                return $"statement failed: {e.Message}\n{statement.Sql}";
            }

            return MatchesError(e.Message, statement.ErrorPattern) ? null : $"error \"{e.Message}\" does not match \"{statement.ErrorPattern}\"\n{statement.Sql}";
        }
    }

    private static string Expected(string? pattern) => pattern is null ? string.Empty : $" ({pattern})";

    private static bool MatchesError(string message, string? pattern)
    {
        if (pattern is null || message.Contains(pattern, StringComparison.Ordinal))
        {
            return true;
        }

        try
        {
            return Regex.IsMatch(message, pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static async Task<string?> RunQueryAsync(Session session, SltQuery query, int hashThreshold, Dictionary<int, IReadOnlyList<string>>? completions,
        CancellationToken cancellationToken)
    {
        List<string[]> rows;
        try
        {
            var result = await session.ExecuteAsync(query.Sql, cancellationToken).ConfigureAwait(false);
            var batches = await result.CollectAsync(cancellationToken).ConfigureAwait(false);
            if (query.ExpectError)
            {
                return $"query succeeded but an error was expected{Expected(query.ErrorPattern)}\n{query.Sql}";
            }

            if (query.Types.Length > 0 && SltColumnTypes.Mismatch(query.Types, result.ColumnTypes) is { } typeMismatch)
            {
                return typeMismatch + "\n" + query.Sql;
            }

            rows = [];
            foreach (var batch in batches)
            {
                for (var r = 0; r < batch.Length; r++)
                {
                    var row = new string[batch.ColumnCount];
                    for (var c = 0; c < row.Length; c++)
                    {
                        row[c] = SltValueFormatter.Format(batch.Column(c), r, result.ColumnTypes[c], session.Options.TimeZone);
                    }

                    rows.Add(row);
                }
            }
        }
        catch (FederationException e)
        {
            if (query.ExpectError)
            {
                return MatchesError(e.Message, query.ErrorPattern) ? null : $"error \"{e.Message}\" does not match \"{query.ErrorPattern}\"\n{query.Sql}";
            }

            return $"query failed: {e.Message}\n{query.Sql}";
        }

        var actual = Render(rows, query.SortMode, hashThreshold);
        var expected = query.Expected;
        if (Matches(actual, expected))
        {
            return null;
        }

        if (completions is not null)
        {
            // Only answers that differ are rewritten: an answer that already matches keeps whatever origin it had.
            completions.Add(query.Line, actual);
            return null;
        }

        var sb = new StringBuilder();
        sb.Append("query result mismatch\n").Append(query.Sql).Append("\n-- expected:\n");
        foreach (var line in expected.Take(40))
        {
            sb.Append(line).Append('\n');
        }

        sb.Append("-- actual:\n");
        foreach (var line in actual.Take(40))
        {
            sb.Append(line).Append('\n');
        }

        return sb.ToString().TrimEnd();
    }

    /// <summary>
    /// Whether rendered rows (<see cref="Render"/>) equal a record's expected lines, which use tabs between values, or
    /// single spaces when no value contains a space.
    /// </summary>
    public static bool Matches(IReadOnlyList<string> actual, IReadOnlyList<string> expected)
    {
        if (actual.Count != expected.Count)
        {
            return false;
        }

        for (var i = 0; i < actual.Count; i++)
        {
            if (actual[i] == expected[i])
            {
                continue;
            }

            if (!expected[i].Contains('\t', StringComparison.Ordinal) && actual[i].Replace('\t', ' ') == expected[i])
            {
                continue;
            }

            return false;
        }

        return true;
    }

    public static IReadOnlyList<string> Render(List<string[]> rows, SltSortMode mode, int hashThreshold)
    {
        IReadOnlyList<string> lines;
        var valueCount = rows.Sum(r => r.Length);
        switch (mode)
        {
            case SltSortMode.RowSort:
                lines = rows.Select(r => string.Join('\t', r)).Order(StringComparer.Ordinal).ToArray();
                break;
            case SltSortMode.ValueSort:
                lines = rows.SelectMany(r => r).Order(StringComparer.Ordinal).ToArray();
                break;
            default:
                lines = rows.Select(r => string.Join('\t', r)).ToArray();
                break;
        }

        if (hashThreshold > 0 && valueCount > hashThreshold)
        {
            var values = mode == SltSortMode.ValueSort ? lines : lines.SelectMany(l => l.Split('\t'));
            var sb = new StringBuilder();
            foreach (var v in values)
            {
                sb.Append(v).Append('\n');
            }

            var hash = Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes(sb.ToString()))).ToLowerInvariant();
            return [string.Create(CultureInfo.InvariantCulture, $"{valueCount} values hashing to {hash}")];
        }

        return lines;
    }

    /// <summary>
    /// The comment <c>--complete</c> puts above every record whose expected rows it wrote from this engine's answer, so
    /// that no answer in a file passes for checked when it was only copied: whoever verifies the rows (against
    /// PostgreSQL, Redshift or by hand) deletes the line.
    /// </summary>
    public const string CompletedMark = "# completed from federation: not verified";

    /// <summary>
    /// Rewrites the expected block of each completed query record with what the engine returned and marks the record
    /// with <see cref="CompletedMark"/> (once), above its skipif/onlyif conditions, which must stay next to the record.
    /// </summary>
    private static string Complete(string original, Dictionary<int, IReadOnlyList<string>> completions)
    {
        var lines = original.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        var output = new List<string>();
        var i = 0;
        while (i < lines.Count)
        {
            if (completions.TryGetValue(i + 1, out var result) && lines[i].StartsWith("query", StringComparison.Ordinal))
            {
                var recordStart = output.Count;
                while (recordStart > 0 && (output[recordStart - 1].StartsWith("skipif ", StringComparison.Ordinal)
                    || output[recordStart - 1].StartsWith("onlyif ", StringComparison.Ordinal)))
                {
                    recordStart--;
                }

                if (recordStart == 0 || output[recordStart - 1] != CompletedMark)
                {
                    output.Insert(recordStart, CompletedMark);
                }

                output.Add(lines[i]);
                i++;
                while (i < lines.Count && lines[i].TrimEnd().Length > 0 && lines[i].TrimEnd() != "----")
                {
                    output.Add(lines[i]);
                    i++;
                }

                if (i < lines.Count && lines[i].TrimEnd() == "----")
                {
                    i++;
                    while (i < lines.Count && lines[i].Length > 0)
                    {
                        i++;
                    }
                }

                output.Add("----");
                output.AddRange(result);
                continue;
            }

            output.Add(lines[i]);
            i++;
        }

        return string.Join("\n", output);
    }
}
