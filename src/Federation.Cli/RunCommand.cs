using System.CommandLine;
using System.Diagnostics;
using System.Text;
using Federation.Common;
using Federation.Common.Arrow;
using Federation.Common.Types;
using Federation.Engine;
using Federation.SqlLogic;

namespace Federation.Cli;

/// <summary>
/// fed run -c "SQL" | -f script.sql: runs SQL in this process on an embedded engine and prints the results
/// (useful for scripts and for trying queries on local files without a server).
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var sql = new Option<string?>("-c", "--command") { Description = "SQL to run (several statements separated by ;)" };
        var file = new Option<string?>("-f", "--file") { Description = "a file of SQL statements" };
        var format = new Option<string>("--format") { Description = "table, csv or tsv", DefaultValueFactory = _ => "table" };
        var timing = new Option<bool>("--timing") { Description = "print how long each statement took" };
        var tables = new Option<string[]>("--parquet") { Description = "register Parquet files as a table: name=path (repeatable)", AllowMultipleArgumentsPerToken = false };
        var tpch = new Option<string?>("--tpch") { Description = "register the eight TPC-H tables from a folder made by 'fed generate tpch'" };
        var data = new Option<string?>("--data")
        {
            Description = "data folder whose built-in catalog (catalog/) keeps external schemas and tables across runs (default: in memory, for this run only)",
        };
        var command = new Command("run", "Run SQL on an embedded engine (no server)") { sql, file, format, timing, tables, tpch, data };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var text = parse.GetValue(sql) ?? (parse.GetValue(file) is { } path ? await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false) : null);
            if (text is null)
            {
                await Console.Error.WriteLineAsync("give SQL with -c or a file with -f").ConfigureAwait(false);
                return 2;
            }

            FederationEngine engine;
            try
            {
                var dataFolder = parse.GetValue(data) is { } folder ? Path.GetFullPath(folder) : null;

                // fed.json's DataCatalog (or FED_DATACATALOG) holds here as for fed serve.
                var dataCatalog = dataFolder is null ? null : SettingsSources.Load(dataFolder, null)["DataCatalog"];
                engine = await EngineFactory.CreateAsync(dataFolder, null, null, null, dataCatalog, cancellationToken).ConfigureAwait(false);
                foreach (var spec in parse.GetValue(tables) ?? [])
                {
                    var eq = spec.IndexOf('=', StringComparison.Ordinal);
                    if (eq <= 0)
                    {
                        await Console.Error.WriteLineAsync($"--parquet takes name=path, not {spec}").ConfigureAwait(false);
                        return 2;
                    }

                    EngineFactory.RegisterParquet(engine, spec[..eq], spec[(eq + 1)..]);
                }

                if (parse.GetValue(tpch) is { } tpchFolder)
                {
                    EngineFactory.RegisterTpch(engine, tpchFolder);
                }
            }
            catch (Exception e) when (e is FederationException or InvalidDataException)
            {
                // InvalidDataException: a fed.json that is not JSON, named by the configuration reader.
                await Console.Error.WriteLineAsync("ERROR: " + e.Message).ConfigureAwait(false);
                return 1;
            }

            var session = engine.CreateSession();
            try
            {
                await foreach (var result in session.ExecuteScriptAsync(text, cancellationToken).ConfigureAwait(false))
                {
                    var watch = Stopwatch.StartNew();
                    var gcBefore = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalAllocatedBytes());
                    var pauseBefore = GC.GetTotalPauseDuration();
                    await Print(result, parse.GetValue(format)!, session.Options.TimeZone, cancellationToken).ConfigureAwait(false);
                    if (parse.GetValue(timing))
                    {
                        var allocated = (GC.GetTotalAllocatedBytes() - gcBefore.Item4) / (1 << 20);
                        Console.WriteLine($"Time: {watch.Elapsed.TotalMilliseconds:0.000} ms (allocated {allocated} MiB; GCs gen0 {GC.CollectionCount(0) - gcBefore.Item1}, gen1 {GC.CollectionCount(1) - gcBefore.Item2}, gen2 {GC.CollectionCount(2) - gcBefore.Item3}, paused {(GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds:0.0} ms)");
                    }
                }
            }
            catch (FederationException e)
            {
                await Console.Error.WriteLineAsync("ERROR: " + e.Message).ConfigureAwait(false);
                if (e.Code == ErrorCode.Internal && e.InnerException is { } bug)
                {
                    // A bug of ours: where it happened, for the report.
                    await Console.Error.WriteLineAsync(bug.ToString()).ConfigureAwait(false);
                }

                return 1;
            }

            return 0;
        });
        return command;
    }

    private static async Task Print(StatementResult result, string format, SessionTimeZone timeZone, CancellationToken cancellationToken)
    {
        if (!result.ReturnsRows)
        {
            foreach (var notice in result.Notices)
            {
                Console.WriteLine("NOTICE: " + notice);
            }

            Console.WriteLine(result.RowsAffected is { } n ? $"{result.CommandTag} {n}" : result.CommandTag);
            return;
        }

        var names = result.Schema.FieldsList.Select(f => f.Name).ToArray();
        if (result.CommandTag == "EXPLAIN")
        {
            // Plans are multi-line text: print them as they are.
            await foreach (var batch in result.Batches.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                for (var r = 0; r < batch.Length; r++)
                {
                    Console.WriteLine(ArrayFactory.GetScalar(batch.Column(0), r, result.ColumnTypes[0]) + ":");
                    Console.WriteLine(ArrayFactory.GetScalar(batch.Column(1), r, result.ColumnTypes[1]));
                    Console.WriteLine();
                }
            }

            return;
        }

        var rows = new List<string[]>();
        await foreach (var batch in result.Batches.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            for (var r = 0; r < batch.Length; r++)
            {
                var row = new string[batch.ColumnCount];
                for (var c = 0; c < row.Length; c++)
                {
                    var value = SltValueFormatter.Format(batch.Column(c), r, result.ColumnTypes[c], timeZone);
                    row[c] = value == "(empty)" ? string.Empty : value;
                }

                rows.Add(row);
            }
        }

        if (format is "csv" or "tsv")
        {
            var separator = format == "csv" ? "," : "\t";
            Console.WriteLine(string.Join(separator, names));
            foreach (var row in rows)
            {
                Console.WriteLine(string.Join(separator, row.Select(v => format == "csv" && (v.Contains(',', StringComparison.Ordinal) || v.Contains('"', StringComparison.Ordinal))
                    ? "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
                    : v)));
            }

            return;
        }

        var widths = names.Select(n => n.Length).ToArray();
        foreach (var row in rows)
        {
            for (var c = 0; c < row.Length; c++)
            {
                widths[c] = Math.Max(widths[c], row[c].Length);
            }
        }

        var sb = new StringBuilder();
        sb.AppendLine(string.Join(" | ", names.Select((n, c) => n.PadRight(widths[c]))));
        sb.AppendLine(string.Join("-+-", widths.Select(w => new string('-', w))));
        foreach (var row in rows)
        {
            sb.AppendLine(string.Join(" | ", row.Select((v, c) => result.ColumnTypes[c].IsNumeric ? v.PadLeft(widths[c]) : v.PadRight(widths[c]))));
        }

        sb.Append('(').Append(rows.Count).Append(rows.Count == 1 ? " row)" : " rows)");
        Console.WriteLine(sb.ToString());
    }
}
