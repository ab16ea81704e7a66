using System.Globalization;

namespace Federation.SqlLogic;

/// <summary>
/// Reads the sqllogictest format as DuckDB and DataFusion write it: records separated by blank lines, '#'
/// comments, skipif/onlyif conditions, require (unknown features skip the file's record), hash-threshold, halt,
/// statement ok|error, query with types, sort mode and label.
/// </summary>
/// <remarks>
/// <c>skipif X</c> drops the next record when X is one of the labels the file runs under, <c>onlyif X</c> when it is
/// not (several conditions may precede one record). This engine always runs as <see cref="EngineName"/>; a runner
/// adds the labels of how it runs, such as <see cref="WorkersLabel"/>.
/// </remarks>
public static class SltParser
{
    /// <summary>The label this engine always runs under: <c>skipif federation</c> hides a record written for other engines' behaviour.</summary>
    public const string EngineName = "federation";

    /// <summary>
    /// The label of an engine whose external scans go to a pool of worker processes. A record whose answer depends on
    /// where the objects were read, not on what they hold (EXPLAIN ANALYZE's scan counters, SVL views of the work per
    /// file), is marked <c>skipif workers</c>, or <c>onlyif workers</c> for what only a run through workers shows; the
    /// answer of any other record must not change.
    /// </summary>
    public const string WorkersLabel = "workers";

    private static readonly IReadOnlySet<string> EngineOnly = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { EngineName };

    /// <param name="labels">The labels skipif/onlyif test (case-insensitive); by default only <see cref="EngineName"/>.</param>
    public static IReadOnlyList<SltRecord> Parse(string text, string path, IReadOnlySet<string>? labels = null)
    {
        labels ??= EngineOnly;
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var records = new List<SltRecord>();
        var i = 0;
        while (i < lines.Length)
        {
            var line = lines[i].TrimEnd();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                i++;
                continue;
            }

            var skip = false;
            // Conditions apply to the record that follows.
            while (line.StartsWith("skipif ", StringComparison.Ordinal) || line.StartsWith("onlyif ", StringComparison.Ordinal))
            {
                var matches = labels.Contains(line[7..].Trim());
                skip |= line.StartsWith("skipif", StringComparison.Ordinal) ? matches : !matches;
                i++;
                line = i < lines.Length ? lines[i].TrimEnd() : string.Empty;
            }

            var start = i + 1;
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            switch (words[0])
            {
                case "hash-threshold":
                    records.Add(new SltHashThreshold(start, int.Parse(words[1], CultureInfo.InvariantCulture)));
                    i++;
                    continue;
                case "halt":
                    if (!skip)
                    {
                        records.Add(new SltHalt(start));
                    }

                    i++;
                    continue;
                case "require" or "mode" or "load" or "sleep" or "control":
                    i++;
                    continue;
                case "statement":
                {
                    var expectError = words.Length > 1 && words[1] == "error";
                    if (words.Length < 2 || (words[1] != "ok" && !expectError && words[1] != "count"))
                    {
                        throw new FormatException($"{path}:{start}: expected 'statement ok' or 'statement error'");
                    }

                    var pattern = expectError && words.Length > 2 ? line[(line.IndexOf("error", StringComparison.Ordinal) + 5)..].Trim() : null;
                    i++;
                    var (sql, after) = ReadSql(lines, i);
                    i = after;
                    // DuckDB form: the expected message after a ---- line.
                    if (i < lines.Length && lines[i].TrimEnd() == "----")
                    {
                        i++;
                        var message = new List<string>();
                        while (i < lines.Length && lines[i].TrimEnd().Length > 0)
                        {
                            message.Add(lines[i]);
                            i++;
                        }

                        pattern = string.Join("\n", message);
                    }

                    if (!skip)
                    {
                        records.Add(new SltStatement(start, sql, expectError, string.IsNullOrWhiteSpace(pattern) ? null : pattern));
                    }

                    continue;
                }

                case "query":
                {
                    var expectError = words.Length > 1 && words[1] == "error";
                    var types = expectError ? string.Empty : words.Length > 1 ? words[1] : string.Empty;
                    var sortMode = SltSortMode.NoSort;
                    string? label = null;
                    for (var w = 2; w < words.Length; w++)
                    {
                        switch (words[w])
                        {
                            case "nosort": sortMode = SltSortMode.NoSort; break;
                            case "rowsort": sortMode = SltSortMode.RowSort; break;
                            case "valuesort": sortMode = SltSortMode.ValueSort; break;
                            default: label = words[w]; break;
                        }
                    }

                    var pattern = expectError && words.Length > 2 ? line[(line.IndexOf("error", StringComparison.Ordinal) + 5)..].Trim() : null;
                    i++;
                    var (sql, after) = ReadSql(lines, i);
                    i = after;
                    var expected = new List<string>();
                    if (i < lines.Length && lines[i].TrimEnd() == "----")
                    {
                        i++;
                        while (i < lines.Length && lines[i].Length > 0)
                        {
                            expected.Add(lines[i].TrimEnd('\r'));
                            i++;
                        }
                    }

                    if (!skip)
                    {
                        records.Add(new SltQuery(start, sql, types, sortMode, label, expected, expectError, pattern ?? (expectError && expected.Count > 0 ? string.Join("\n", expected) : null)));
                    }

                    continue;
                }

                default:
                    throw new FormatException($"{path}:{start}: unknown record '{words[0]}'");
            }
        }

        return records;
    }

    /// <summary>SQL lines up to a blank line or a ---- line.</summary>
    private static (string Sql, int Next) ReadSql(string[] lines, int i)
    {
        var sql = new List<string>();
        while (i < lines.Length && lines[i].TrimEnd().Length > 0 && lines[i].TrimEnd() != "----")
        {
            sql.Add(lines[i]);
            i++;
        }

        return (string.Join("\n", sql), i);
    }
}
