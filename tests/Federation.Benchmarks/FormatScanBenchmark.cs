using System.Diagnostics;
using System.Globalization;
using Apache.Arrow.Types;
using Federation.Catalog.External;
using Federation.Common.Arrow;
using Federation.Engine;
using Federation.Execution;
using Federation.Formats.Avro;
using Federation.Formats.Avro.Tests;
using Federation.Formats.Json;
using Federation.Formats.Parquet;
using Federation.Formats.Text;
using Federation.Samples.Tpch;
using Federation.Tpch.Tests;

/// <summary>
/// Scan throughput of TPC-H lineitem as `|`-delimited text (.tbl, without the trailing delimiter), CSV with a header
/// line, JSON lines and Avro (null codec), MB/s of input and rows/s: Federation's external tables (in process,
/// FederationEngine) against DuckDB's read_csv and read_json (a node process of its own, <see cref="DuckDbProcess"/>),
/// on the same files in the same run, at each thread count. The query reads every column: count(*), sum() of each
/// number, max() of each text and date, so no column is skipped and every value is converted to its declared type;
/// the two engines' answers must be equal. The files (DuckDB's COPY of TpchGenerator's Parquet rows, the Avro
/// written by TpchAvroFiles) are cut in four objects by l_orderkey, so that CSV (never split inside an object) has
/// parts for several threads too. Median and best of N timed runs after a warm-up, and each engine's CPU time a run
/// (its process's user + system time, /proc): on a loaded machine the CPU ratio is the steadier one.
///   dotnet run -c Release --project tests/Federation.Benchmarks -- --format-scan [--sf 1] [--runs 3] [--threads 1,2] [--formats tbl,csv,json,avro]
/// </summary>
internal static class FormatScanBenchmark
{
    private const int Parts = 4;

    public static async Task<int> RunAsync(string[] args)
    {
        var sf = 1.0;
        var runs = 3;
        int[] threads = [1, Environment.ProcessorCount];
        string[] formats = ["tbl", "csv", "json", "avro"];
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--sf": sf = double.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--runs": runs = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--threads": threads = args[i + 1].Split(',').Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToArray(); break;
                case "--formats": formats = args[i + 1].Split(','); break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }

        var repository = BenchmarkOptions.Repository();
        var name = sf.ToString(CultureInfo.InvariantCulture);
        var parquet = Path.Combine(repository, "artifacts", "bench", $"tpch-sf{name}");
        var root = Path.Combine(repository, "artifacts", "bench", $"tpch-sf{name}-formats");
        new TpchGenerator(new TpchGeneratorOptions { ScaleFactor = sf, OutputDirectory = parquet }).Generate();
        using var duck = DuckDbProcess.Start(Path.Combine(repository, "tests", "Federation.Benchmarks", "duckdb"));
        await WriteFilesAsync(duck, Path.Combine(parquet, "lineitem"), root, formats);

        var fields = TpchSchemas.LineItem.FieldsList;
        var aggregates = "count(*), " + string.Join(", ", fields.Select(f => f.DataType is Int32Type or Int64Type or Decimal128Type ? $"sum({f.Name})" : $"max({f.Name})"));
        var columns = string.Join(", ", fields.Select(f => $"{f.Name} {TpchFormatFixture.SqlType(f.DataType)}"));
        var duckColumns = "{" + string.Join(", ", fields.Select(f => $"'{f.Name}': '{TpchFormatFixture.SqlType(f.DataType)}'")) + "}";
        var engineThreads = 0;
        FederationEngine? engine = null;

        Console.WriteLine($"lineitem SF {name}, {Parts} objects a format, {Environment.ProcessorCount} cores; median and best of {runs} runs after one warm-up; "
            + "machine shared, so indicative only. Query: SELECT " + aggregates + " FROM lineitem");
        Console.WriteLine("| format | threads | MB | Federation ms (median/best) | DuckDB ms (median/best) | Federation MB/s | DuckDB MB/s | Federation M rows/s | DuckDB M rows/s "
            + "| ratio (Federation time / DuckDB time, medians) | Federation CPU ms a run | DuckDB CPU ms a run | CPU ratio |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var mismatches = 0;
        foreach (var count in threads)
        {
            if (engineThreads != count)
            {
                engine = await EngineAsync(root, columns, count);
                engineThreads = count;
            }

            duck.Execute($"SET threads = {count}");
            foreach (var format in formats)
            {
                var folder = Path.Combine(root, format);
                var bytes = Directory.GetFiles(folder).Sum(f => new FileInfo(f).Length);
                var sql = $"SELECT {aggregates} FROM bench.lineitem_{format}";
                var answer = "";
                var (ours, ourCpu) = Time(runs, () => answer = RunAsync(engine!, sql).GetAwaiter().GetResult());
                var glob = Path.Combine(folder, "*." + format);
                var duckSql = format switch
                {
                    "tbl" => $"SELECT {aggregates} FROM read_csv('{glob}', delim = '|', header = false, quote = '', escape = '', columns = {duckColumns})",
                    "csv" => $"SELECT {aggregates} FROM read_csv('{glob}', delim = ',', header = true, columns = {duckColumns})",
                    "json" => $"SELECT {aggregates} FROM read_json('{glob}', format = 'newline_delimited', columns = {duckColumns})",
                    _ => null,
                };
                string theirs;
                string? duckAnswer = null;
                double duckMedian = double.NaN;
                double duckCpu = double.NaN;
                if (duckSql is null)
                {
                    theirs = "not measured (DuckDB's avro extension does not load offline)";
                }
                else
                {
                    duck.Time(duckSql, 1, 0);
                    var cpuBefore = ProcCpuTime.MillisecondsOf(duck.ProcessId);
                    var (ms, rows) = duck.Time(duckSql, 0, runs);
                    duckCpu = (ProcCpuTime.MillisecondsOf(duck.ProcessId) - cpuBefore) / runs;
                    ms.Sort();
                    duckMedian = ms[ms.Count / 2];
                    theirs = string.Create(CultureInfo.InvariantCulture, $"{duckMedian:F0} / {ms[0]:F0}");
                    duckAnswer = string.Join("|", rows[0].Select(Normalize));
                }

                var rowCount = long.Parse(answer.Split('|')[0], CultureInfo.InvariantCulture);
                if (duckAnswer is not null && duckAnswer != answer)
                {
                    Console.WriteLine($"!!! {format}: Federation answered {answer}, DuckDB {duckAnswer} !!!");
                    mismatches++;
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {format} | {count} | {bytes / 1e6:F0} | {ours.Median:F0} / {ours.Best:F0} | {theirs} | {bytes / 1e3 / ours.Median:F1} | "
                    + $"{(duckAnswer is null ? "-" : (bytes / 1e3 / duckMedian).ToString("F1", CultureInfo.InvariantCulture))} | {rowCount / 1e3 / ours.Median:F2} | "
                    + $"{(duckAnswer is null ? "-" : (rowCount / 1e3 / duckMedian).ToString("F2", CultureInfo.InvariantCulture))} | "
                    + $"{(duckAnswer is null ? "-" : (ours.Median / duckMedian).ToString("F2", CultureInfo.InvariantCulture))} | {ourCpu:F0} | "
                    + $"{(duckAnswer is null ? "-" : duckCpu.ToString("F0", CultureInfo.InvariantCulture))} | "
                    + $"{(duckAnswer is null ? "-" : (ourCpu / duckCpu).ToString("F2", CultureInfo.InvariantCulture))} |"));
            }
        }

        return mismatches == 0 ? 0 : 1;
    }

    /// <summary>The four formats' objects under <paramref name="root"/>, each written once (DuckDB's COPY; Avro by TpchAvroFiles).</summary>
    private static async Task WriteFilesAsync(DuckDbProcess duck, string lineitem, string root, string[] formats)
    {
        var source = $"read_parquet('{Path.Combine(lineitem, "**", "*.parquet")}')";
        foreach (var format in formats)
        {
            var folder = Path.Combine(root, format);
            if (Directory.Exists(folder))
            {
                continue;
            }

            var temporary = folder + ".tmp";
            Directory.CreateDirectory(temporary);
            if (format == "avro")
            {
                var reader = new FederationEngine();
                reader.RegisterTableFunction(new ReadParquetFunction());
                for (var part = 0; part < Parts; part++)
                {
                    var batches = await (await reader.CreateSession().ExecuteAsync($"SELECT * FROM read_parquet('{lineitem}') WHERE l_orderkey % {Parts} = {part}")).CollectAsync();
                    await File.WriteAllBytesAsync(Path.Combine(temporary, $"part{part}.avro"), TpchAvroFiles.Write(TpchSchemas.LineItem, batches, 0, long.MaxValue, "null", 500));
                }
            }
            else
            {
                var options = format switch
                {
                    "tbl" => "FORMAT CSV, DELIMITER '|', HEADER false, QUOTE ''",
                    "csv" => "FORMAT CSV, DELIMITER ',', HEADER true",
                    _ => "FORMAT JSON",
                };
                for (var part = 0; part < Parts; part++)
                {
                    duck.Execute($"COPY (SELECT * FROM {source} WHERE l_orderkey % {Parts} = {part}) TO '{Path.Combine(temporary, $"part{part}.{format}")}' ({options})");
                }
            }

            Directory.Move(temporary, folder);
        }
    }

    private static async Task<FederationEngine> EngineAsync(string root, string columns, int threads)
    {
        var engine = new FederationEngine(external: ExternalCatalog.InMemory(), defaultOptions: new ExecutionOptions { TargetPartitions = threads });
        engine.RegisterFileFormat(new TextFileFormat("text"));
        engine.RegisterFileFormat(new TextFileFormat("csv"));
        engine.RegisterFileFormat(new JsonFileFormat());
        engine.RegisterFileFormat(new AvroFileFormat());
        var session = engine.CreateSession();
        await session.ExecuteAsync("CREATE EXTERNAL SCHEMA bench FROM DATA CATALOG DATABASE 'bench' CREATE EXTERNAL DATABASE IF NOT EXISTS");
        await session.ExecuteAsync($"CREATE EXTERNAL TABLE bench.lineitem_tbl ({columns}) ROW FORMAT DELIMITED FIELDS TERMINATED BY '|' STORED AS TEXTFILE "
            + $"LOCATION 'file://{Path.Combine(root, "tbl")}/'");
        await session.ExecuteAsync($"CREATE EXTERNAL TABLE bench.lineitem_csv ({columns}) ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde' "
            + $"WITH SERDEPROPERTIES ('escapeChar' = '\"') STORED AS TEXTFILE LOCATION 'file://{Path.Combine(root, "csv")}/' TABLE PROPERTIES ('skip.header.line.count' = '1')");
        await session.ExecuteAsync($"CREATE EXTERNAL TABLE bench.lineitem_json ({columns}) STORED AS JSON LOCATION 'file://{Path.Combine(root, "json")}/'");
        await session.ExecuteAsync($"CREATE EXTERNAL TABLE bench.lineitem_avro ({columns}) STORED AS AVRO LOCATION 'file://{Path.Combine(root, "avro")}/'");
        return engine;
    }

    /// <summary>The one row of <paramref name="sql"/>, its values as text joined by '|'.</summary>
    private static async Task<string> RunAsync(FederationEngine engine, string sql)
    {
        var result = await engine.CreateSession().ExecuteAsync(sql);
        var batches = await result.CollectAsync();
        var batch = batches.First(b => b.Length > 0);
        var values = new string[batch.ColumnCount];
        for (var c = 0; c < values.Length; c++)
        {
            values[c] = Normalize(Convert.ToString(ArrayFactory.GetScalar(batch.Column(c), 0, result.ColumnTypes[c]), CultureInfo.InvariantCulture) ?? "NULL");
        }

        return string.Join("|", values);
    }

    // The two engines spell values differently (a date as 1998-12-01 or 1998-12-01T00:00:00, a decimal with or without
    // its trailing zeros): compared on a common spelling.
    private static string Normalize(string value)
    {
        var text = value.Replace("T00:00:00", "", StringComparison.Ordinal).Replace(" 00:00:00", "", StringComparison.Ordinal);
        return decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) && !text.Contains('-', StringComparison.Ordinal)
            ? number.ToString("G29", CultureInfo.InvariantCulture)
            : text;
    }

    /// <summary>The median and best wall time of the timed runs, and the CPU time this process used a run.</summary>
    private static ((double Median, double Best) Wall, double CpuMs) Time(int runs, Action run)
    {
        run();
        var times = new List<double>();
        var cpuBefore = ProcCpuTime.MillisecondsOf(Environment.ProcessId);
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            run();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        var cpu = (ProcCpuTime.MillisecondsOf(Environment.ProcessId) - cpuBefore) / runs;
        times.Sort();
        return ((times[times.Count / 2], times[0]), cpu);
    }
}
