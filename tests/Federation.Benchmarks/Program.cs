using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using Federation.Engine;
using Federation.Execution;
using Federation.Formats.Parquet;
using Federation.Samples.Tpch;

// TPC-H in Federation and in DuckDB on the same Parquet files, in the same run: per query the best of N
// timed runs (after warm-ups) for each, their ratio, and Federation's peak operator memory; then the geometric
// means of the best-run and of the median-run ratios.
//   dotnet run -c Release --project tests/Federation.Benchmarks -- [--sf 1] [--data DIR] [--queries 1,3,5-7] [--runs 3] [--warmups 2]
var options = BenchmarkOptions.Parse(args);
var repository = BenchmarkOptions.Repository();
var folder = options.Data ?? Path.Combine(repository, "artifacts", "bench", $"tpch-sf{options.ScaleFactor.ToString(CultureInfo.InvariantCulture)}");
Console.Error.WriteLine($"data: {folder}");
if (Environment.GetEnvironmentVariable("DOTNET_GCgen0size") is null)
{
    Console.Error.WriteLine("DOTNET_GCgen0size is not set: the runtime's default gen0 budget is not the one ./fed runs with (0x4000000)");
}

new TpchGenerator(new TpchGeneratorOptions { ScaleFactor = options.ScaleFactor, OutputDirectory = folder }).Generate();

string[] tables = ["region", "nation", "supplier", "customer", "part", "partsupp", "orders", "lineitem"];
var engine = new FederationEngine(defaultOptions: new ExecutionOptions { TargetPartitions = options.Threads });
foreach (var table in tables)
{
    engine.Catalog.TryAddTable(engine.Catalog.DefaultSchema, table, new ParquetTable(table, Path.Combine(folder, table)));
}

using var duck = new DuckDBConnection("Data Source=:memory:");
duck.Open();
using (var setup = duck.CreateCommand())
{
    setup.CommandText = $"SET threads = {options.Threads}";
    setup.ExecuteNonQuery();
    foreach (var table in tables)
    {
        setup.CommandText = $"CREATE VIEW {table} AS SELECT * FROM read_parquet('{Path.Combine(folder, table, "**", "*.parquet")}')";
        setup.ExecuteNonQuery();
    }
}

Console.WriteLine($"TPC-H SF {options.ScaleFactor.ToString(CultureInfo.InvariantCulture)}, {options.Threads} threads, best of {options.Runs} runs after {options.Warmups} warm-ups; same Parquet files for both.");
Console.WriteLine();
Console.WriteLine("| query | Federation ms | DuckDB ms | ratio | Federation peak operator memory | rows |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|");
var ratios = new List<double>();
var medianRatios = new List<double>();
var names = new List<string>();
foreach (var number in options.Queries)
{
    var sql = File.ReadAllText(Path.Combine(repository, "samples", "tpch", "queries", $"q{number:00}.sql")).Trim().TrimEnd(';');
    var (federationTimes, peak, rows) = await TimeFederation(engine, sql, options.Warmups, options.Runs);
    var duckTimes = TimeDuckDb(duck, sql, options.Warmups, options.Runs);
    var federationMs = federationTimes.Min();
    var duckMs = duckTimes.Min();
    var ratio = federationMs / duckMs;
    ratios.Add(ratio);
    medianRatios.Add(Median(federationTimes) / Median(duckTimes));
    names.Add($"Q{number:00}");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| Q{number:00} | {federationMs:0.0} | {duckMs:0.0} | {ratio:0.00} | {MemoryPool.Format(peak)} | {rows} |"));
}

var geomean = Math.Exp(ratios.Average(Math.Log));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| geomean | | | {geomean:0.00} | | |"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"\nworst ratio {ratios.Max():0.00} ({names[ratios.IndexOf(ratios.Max())]}); of the median runs: geomean {Math.Exp(medianRatios.Average(Math.Log)):0.00}, worst {medianRatios.Max():0.00} ({names[medianRatios.IndexOf(medianRatios.Max())]}); process peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20)} MiB"));
return 0;

static double Median(List<double> times)
{
    var sorted = times.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}

static async Task<(List<double> Ms, long PeakBytes, long Rows)> TimeFederation(FederationEngine engine, string sql, int warmups, int runs)
{
    var times = new List<double>();
    long peak = 0;
    long rows = 0;
    for (var run = 0; run < warmups + runs; run++)
    {
        var session = engine.CreateSession();
        var watch = Stopwatch.StartNew();
        var result = await session.ExecuteAsync(sql);
        rows = 0;
        await foreach (var batch in result.Batches)
        {
            rows += batch.Length;
        }

        watch.Stop();
        peak = Math.Max(peak, result.Memory?.PeakBytes ?? 0);
        if (run >= warmups)
        {
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
    }

    return (times, peak, rows);
}

static List<double> TimeDuckDb(DuckDBConnection connection, string sql, int warmups, int runs)
{
    var times = new List<double>();
    for (var run = 0; run < warmups + runs; run++)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var watch = Stopwatch.StartNew();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    _ = reader.GetValue(i);
                }
            }
        }

        watch.Stop();
        if (run >= warmups)
        {
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
    }

    return times;
}
