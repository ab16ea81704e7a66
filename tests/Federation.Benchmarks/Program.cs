using System.Diagnostics;
using System.Globalization;
using Federation.Common.Types;
using Federation.Engine;
using Federation.Execution;
using Federation.Formats.Parquet;
using Federation.Samples.Tpch;
using Federation.SqlLogic;

// TPC-H in Federation and in DuckDB on the same Parquet files, in the same run. DuckDB runs as its users run it: a
// process of its own through the npm client @duckdb/node-api (duckdb/bench.mjs). Federation runs in this process
// (its engine, without the Flight SQL hop of `fed serve`): the ratio is the engines'. Per query the best and the
// median of N timed runs (after warm-ups), their ratios, and the answers compared to 1e-9 relative (a mismatch
// fails the run); per file set the geometric means and both engines' peak memory.
//   dotnet run -c Release --project tests/Federation.Benchmarks -- [--sf 1] [--data DIR] [--files ours|duckdb|both]
//       [--queries 1,3,5-7] [--runs 3] [--warmups 2] [--threads N] [--federation-only]
//   dotnet run -c Release --project tests/Federation.Benchmarks -- --json-scan [--sf 0.1] [--runs 3] [--threads 1,2]
//       measures instead the scan of lineitem as JSON lines against DuckDB's read_json (JsonScanBenchmark).
//   dotnet run -c Release --project tests/Federation.Benchmarks -- --format-scan [--sf 1] [--runs 3] [--threads 1,2] [--formats tbl,csv,json,avro]
//       measures the scan of lineitem as .tbl, CSV, JSON lines and Avro against DuckDB's readers (FormatScanBenchmark).
//   dotnet run -c Release --project tests/Federation.Benchmarks -- --split-fields [--sf 1] [--runs 3]
//       measures Sep, CsvHelper and our text scanner cutting those .tbl and CSV files into fields (FieldSplitBenchmark).
if (args is ["--json-scan", ..])
{
    return await JsonScanBenchmark.RunAsync(args[1..]);
}

if (args is ["--format-scan", ..])
{
    return await FormatScanBenchmark.RunAsync(args[1..]);
}

if (args is ["--split-fields", ..])
{
    return await FieldSplitBenchmark.RunAsync(args[1..]);
}

var options = BenchmarkOptions.Parse(args);
var repository = BenchmarkOptions.Repository();
var sf = options.ScaleFactor.ToString(CultureInfo.InvariantCulture);
var ours = options.Data ?? Path.Combine(repository, "artifacts", "bench", $"tpch-sf{sf}");
var duckFolder = ours.TrimEnd('/') + "-duckdb";
Console.Error.WriteLine($"data: {ours}");
if (Environment.GetEnvironmentVariable("DOTNET_GCgen0size") is null)
{
    Console.Error.WriteLine("DOTNET_GCgen0size is not set: the runtime's default gen0 budget is not the one ./fed runs with (0x4000000)");
}

string[] tables = ["region", "nation", "supplier", "customer", "part", "partsupp", "orders", "lineitem"];
new TpchGenerator(new TpchGeneratorOptions { ScaleFactor = options.ScaleFactor, OutputDirectory = ours }).Generate();
using var duck = DuckDbProcess.Start(Path.Combine(repository, "tests", "Federation.Benchmarks", "duckdb"));
duck.Execute($"SET threads = {options.Threads}");
if (options.Files != "ours")
{
    WriteDuckDbFiles(duck, tables, ours, duckFolder);
}

var fileSets = options.Files switch
{
    "ours" => new[] { ("ours (TpchGenerator)", ours) },
    "duckdb" => [("DuckDB's Parquet writer", duckFolder)],
    _ => [("ours (TpchGenerator)", ours), ("DuckDB's Parquet writer", duckFolder)],
};

Console.WriteLine($"TPC-H SF {sf}, {options.Threads} threads, best and median of {options.Runs} runs after {options.Warmups} warm-ups.");
Console.WriteLine("Federation: in process (FederationEngine, the engine `fed serve` runs, without the Flight SQL hop); " +
    "DuckDB: @duckdb/node-api 1.5.6-r.1 in a node process of its own. Ratio = Federation / DuckDB; answers compared to 1e-9 relative.");
var mismatches = 0;
foreach (var (label, folder) in fileSets)
{
    mismatches += RunFileSet(label, folder);
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"\npeak resident set: Federation process {Process.GetCurrentProcess().PeakWorkingSet64 >> 20} MiB (/proc VmHWM {ProcPeakResident.Of(Environment.ProcessId) >> 20} MiB), DuckDB process {duck.PeakResidentBytes() >> 20} MiB"));
if (mismatches > 0)
{
    Console.WriteLine($"\n!!! {mismatches} ANSWERS DIFFER BETWEEN FEDERATION AND DUCKDB: the run fails !!!");
    return 1;
}

return 0;

int RunFileSet(string label, string folder)
{
    var engine = new FederationEngine(defaultOptions: new ExecutionOptions { TargetPartitions = options.Threads });
    foreach (var table in tables)
    {
        engine.Catalog.TryAddTable(engine.Catalog.DefaultSchema, table, new ParquetTable(table, Path.Combine(folder, table)));
        duck.Execute($"CREATE OR REPLACE VIEW {table} AS SELECT * FROM read_parquet('{Path.Combine(folder, table, "**", "*.parquet")}')");
    }

    Console.WriteLine();
    Console.WriteLine($"files: {label}, {folder}");
    Console.WriteLine();
    Console.WriteLine("| query | Federation best ms | DuckDB best ms | ratio best | Federation median ms | DuckDB median ms | ratio median | Federation peak operator memory | rows | answers |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
    var ratios = new List<double>();
    var medianRatios = new List<double>();
    var names = new List<string>();
    var differing = 0;
    foreach (var number in options.Queries)
    {
        var sql = File.ReadAllText(Path.Combine(repository, "samples", "tpch", "queries", $"q{number:00}.sql")).Trim().TrimEnd(';');
        var (federationTimes, peak, federationRows) = TimeFederation(engine, sql, options.Warmups, options.Runs).GetAwaiter().GetResult();
        if (options.FederationOnly)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| Q{number:00} | {federationTimes.Min():0.0} | | | {Median(federationTimes):0.0} | | | {MemoryPool.Format(peak)} | {federationRows.Count} | not compared |"));
            continue;
        }

        var (duckTimes, duckRows) = duck.Time(sql, options.Warmups, options.Runs);
        var difference = AnswerComparison.FirstDifference(federationRows, duckRows);
        if (difference is not null)
        {
            differing++;
            Console.Error.WriteLine($"!!! Q{number:00} on {label}: answers differ: {difference}");
        }

        var ratio = federationTimes.Min() / duckTimes.Min();
        var medianRatio = Median(federationTimes) / Median(duckTimes);
        ratios.Add(ratio);
        medianRatios.Add(medianRatio);
        names.Add($"Q{number:00}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| Q{number:00} | {federationTimes.Min():0.0} | {duckTimes.Min():0.0} | {ratio:0.00} | {Median(federationTimes):0.0} | {Median(duckTimes):0.0} | {medianRatio:0.00} | {MemoryPool.Format(peak)} | {federationRows.Count} | {(difference is null ? "same" : "DIFFER")} |"));
    }

    if (ratios.Count == 0)
    {
        return 0;
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| geomean | | | {GeometricMean(ratios):0.00} | | | {GeometricMean(medianRatios):0.00} | | | |"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"\nworst ratio {ratios.Max():0.00} ({names[ratios.IndexOf(ratios.Max())]}); of the median runs: worst {medianRatios.Max():0.00} ({names[medianRatios.IndexOf(medianRatios.Max())]})"));
    return differing;
}

static double GeometricMean(List<double> ratios)
{
    var sum = 0.0;
    foreach (var ratio in ratios)
    {
        sum += Math.Log(ratio);
    }

    return Math.Exp(sum / ratios.Count);
}

// DuckDB's tpch extension (CALL dbgen) is not available offline, so DuckDB rewrites our rows with its own Parquet
// writer: its row groups (122,880 rows), SNAPPY, its dictionary pages. Written once per folder.
static void WriteDuckDbFiles(DuckDbProcess duck, string[] tables, string from, string to)
{
    foreach (var table in tables)
    {
        var target = Path.Combine(to, table, "data.parquet");
        if (File.Exists(target))
        {
            continue;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        Console.Error.WriteLine($"DuckDB writes {target}");
        duck.Execute($"COPY (SELECT * FROM read_parquet('{Path.Combine(from, table, "**", "*.parquet")}')) TO '{target}.tmp' " +
            "(FORMAT parquet, ROW_GROUP_SIZE 122880, COMPRESSION snappy)");
        File.Move(target + ".tmp", target);
    }
}

static double Median(List<double> times)
{
    var sorted = times.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}

// Times running the query and reading every batch; the last run's rows rendered as text for the comparison.
static async Task<(List<double> Ms, long PeakBytes, List<List<string>> Rows)> TimeFederation(FederationEngine engine, string sql, int warmups, int runs)
{
    var times = new List<double>();
    long peak = 0;
    var rows = new List<List<string>>();
    for (var run = 0; run < warmups + runs; run++)
    {
        var session = engine.CreateSession();
        var last = run == warmups + runs - 1;
        var batches = new List<Apache.Arrow.RecordBatch>();
        var watch = Stopwatch.StartNew();
        var result = await session.ExecuteAsync(sql);
        await foreach (var batch in result.Batches)
        {
            if (last)
            {
                batches.Add(batch);
            }
        }

        watch.Stop();
        peak = Math.Max(peak, result.Memory?.PeakBytes ?? 0);
        if (run >= warmups)
        {
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        if (last)
        {
            foreach (var batch in batches)
            {
                var types = new SqlType[batch.ColumnCount];
                for (var c = 0; c < types.Length; c++)
                {
                    types[c] = ArrowTypes.FromArrow(batch.Schema.GetFieldByIndex(c).DataType)!;
                }

                for (var r = 0; r < batch.Length; r++)
                {
                    var cells = new List<string>(batch.ColumnCount);
                    for (var c = 0; c < types.Length; c++)
                    {
                        cells.Add(SltValueFormatter.Format(batch.Column(c), r, types[c]));
                    }

                    rows.Add(cells);
                }
            }
        }
    }

    return (times, peak, rows);
}
