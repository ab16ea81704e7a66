using System.Diagnostics;
using System.Globalization;
using CsvHelper;
using Federation.Common.Types;
using Federation.Execution;
using Federation.Formats.Text;
using Federation.Logical;
using Federation.Logical.Plans;
using Federation.Logical.Tables;
using Federation.Physical.Files;
using Federation.Samples.Tpch;
using Federation.Storage;
using nietras.SeparatedValues;

/// <summary>
/// Issue 14's Sep/CsvHelper question: bytes/s to cut lineitem (the --format-scan files, .tbl and CSV with a header)
/// into fields, one thread, by Sep, by CsvHelper and by our own scanner. Sep and CsvHelper read the file through
/// their usual API and touch each field (Sep's span of chars, CsvHelper 34's span of UTF-8 bytes); ours is the text scan itself
/// (TextScanExec with every column declared varchar, so nothing is converted), whose output is more: each field
/// copied as UTF-8 into an Arrow string column, which the other two would still have to do. CPU time of this
/// process per run beside the wall time (the machine is shared). Median of N runs after a warm-up.
///   dotnet run -c Release --project tests/Federation.Benchmarks -- --split-fields [--sf 1] [--runs 3]
/// </summary>
internal static class FieldSplitBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var sf = 1.0;
        var runs = 3;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--sf": sf = double.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--runs": runs = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }

        var name = sf.ToString(CultureInfo.InvariantCulture);
        var root = Path.Combine(BenchmarkOptions.Repository(), "artifacts", "bench", $"tpch-sf{name}-formats");
        if (!Directory.Exists(Path.Combine(root, "tbl")) || !Directory.Exists(Path.Combine(root, "csv")))
        {
            Console.Error.WriteLine($"no .tbl and CSV files under {root}: run --format-scan --sf {name} --formats tbl,csv first");
            return 1;
        }

        var columns = TpchSchemas.LineItem.FieldsList.Count;
        Console.WriteLine($"lineitem SF {name}: fields cut a second, 1 thread, {columns} columns; median of {runs} runs after a warm-up; machine shared, so indicative only.");
        Console.WriteLine("| file | splitter | MB | ms (median) | CPU ms a run | MB/s (wall) | MB/s (CPU) | rows | fields |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var format in new[] { "tbl", "csv" })
        {
            var files = Directory.GetFiles(Path.Combine(root, format)).Order(StringComparer.Ordinal).ToArray();
            var bytes = files.Sum(f => new FileInfo(f).Length);
            var delimiter = format == "tbl" ? '|' : ',';
            var header = format == "csv";
            var splitters = new (string Name, Func<(long Rows, long Fields)> Run)[]
            {
                ("ours (TextScanExec, to Arrow strings)", () => OursAsync(files, format, columns).GetAwaiter().GetResult()),
                ($"Sep {typeof(Sep).Assembly.GetName().Version}", () => WithSep(files, delimiter, header)),
                ($"CsvHelper {typeof(CsvReader).Assembly.GetName().Version}", () => WithCsvHelper(files, delimiter, header)),
            };
            foreach (var (label, run) in splitters)
            {
                var (ms, cpu, counts) = Time(runs, run);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {format} | {label} | {bytes / 1e6:F0} | {ms:F0} | {cpu:F0} | {bytes / 1e3 / ms:F1} | {bytes / 1e3 / cpu:F1} | {counts.Rows} | {counts.Fields} |"));
            }
        }

        return 0;
    }

    private static (long Rows, long Fields) WithSep(string[] files, char delimiter, bool header)
    {
        long rows = 0;
        long fields = 0;
        long length = 0;
        foreach (var file in files)
        {
            using var reader = Sep.Reader(o => o with { Sep = new Sep(delimiter), HasHeader = header, Unescape = true }).FromFile(file);
            foreach (var row in reader)
            {
                rows++;
                for (var c = 0; c < row.ColCount; c++)
                {
                    length += row[c].Span.Length;
                    fields++;
                }
            }
        }

        GC.KeepAlive(length);
        return (rows, fields);
    }

    private static (long Rows, long Fields) WithCsvHelper(string[] files, char delimiter, bool header)
    {
        long rows = 0;
        long fields = 0;
        long length = 0;
        var options = new CsvReaderOptions { Separator = delimiter, HasHeader = header };
        foreach (var file in files)
        {
            using var reader = CsvReader.FromFile(file, options);
            while (reader.Read())
            {
                rows++;
                for (var c = 0; c < reader.FieldCount; c++)
                {
                    length += reader.GetSpan(c).Length;
                    fields++;
                }
            }
        }

        GC.KeepAlive(length);
        return (rows, fields);
    }

    /// <summary>Our text scan over the files, every column varchar (so only split and copied), one partition.</summary>
    private static async Task<(long Rows, long Fields)> OursAsync(string[] files, string format, int columns)
    {
        var store = new LocalObjectStore(Path.GetDirectoryName(files[0])!);
        var parts = new List<PartitionedFile>();
        foreach (var file in files)
        {
            parts.Add(new PartitionedFile(store, await store.HeadAsync(Path.GetFileName(file), default), []));
        }

        var table = TpchSchemas.LineItem.FieldsList.Select(f => new TableColumn(f.Name, SqlType.String)).ToArray();
        var scanColumns = table.Select((c, i) => new ScanColumn(i, new PlanColumn(i + 1, c.Name, c.Type, true))).ToArray();
        var properties = format == "tbl"
            ? new Dictionary<string, string> { ["field.delim"] = "|" }
            : new Dictionary<string, string> { ["separatorChar"] = ",", ["escapeChar"] = "\"", ["skip.header.line.count"] = "1" };
        var scan = await new TextFileFormat(format == "tbl" ? "text" : "csv").CreateScanAsync(
            new FileScanConfig("lineitem", table, table.Length, parts, scanColumns, [], null, 1) { FormatProperties = properties }, default);
        long rows = 0;
        for (var p = 0; p < scan.OutputPartitionCount; p++)
        {
            await foreach (var batch in scan.ExecuteAsync(p, new TaskContext(new ExecutionOptions(), default, 0)))
            {
                rows += batch.Length;
            }
        }

        return (rows, rows * columns);
    }

    private static (double Ms, double CpuMs, (long Rows, long Fields) Counts) Time(int runs, Func<(long Rows, long Fields)> run)
    {
        var counts = run();
        var times = new List<double>();
        var cpuBefore = ProcCpuTime.MillisecondsOf(Environment.ProcessId);
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            counts = run();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        var cpu = (ProcCpuTime.MillisecondsOf(Environment.ProcessId) - cpuBefore) / runs;
        times.Sort();
        return (times[times.Count / 2], cpu, counts);
    }
}
