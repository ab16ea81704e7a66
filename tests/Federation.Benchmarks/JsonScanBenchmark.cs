using System.Diagnostics;
using System.Globalization;
using Apache.Arrow.Types;
using DuckDB.NET.Data;
using Federation.Execution;
using Federation.Formats.Json;
using Federation.Logical;
using Federation.Logical.Plans;
using Federation.Logical.Tables;
using Federation.Physical.Files;
using Federation.Samples.Tpch;
using Federation.Storage;

/// <summary>
/// Scan throughput of TPC-H lineitem as JSON lines (MB/s of input, rows/s): Federation's JSON scan (every column
/// decoded and converted to its declared type, the object cut into as many byte-range splits as threads) against
/// DuckDB's read_json (in this process through DuckDB.NET, the same declared columns, count(*) and max() of every
/// column so that each is decoded), on the same file in the same run, best of N runs after a warm-up.
///   dotnet run -c Release --project tests/Federation.Benchmarks -- --json-scan [--sf 0.1] [--runs 3] [--threads 1,2]
/// </summary>
internal static class JsonScanBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var sf = 0.1;
        var runs = 3;
        int[] threads = [1, Environment.ProcessorCount];
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--sf": sf = double.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--runs": runs = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--threads": threads = args[i + 1].Split(',').Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToArray(); break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }

        var repository = BenchmarkOptions.Repository();
        var name = sf.ToString(CultureInfo.InvariantCulture);
        var parquet = Path.Combine(repository, "artifacts", "bench", $"tpch-sf{name}");
        var folder = Path.Combine(repository, "artifacts", "bench", $"tpch-sf{name}-json");
        var file = Path.Combine(folder, "lineitem.json");
        using var duck = new DuckDBConnection("Data Source=:memory:");
        duck.Open();
        if (!File.Exists(file))
        {
            new TpchGenerator(new TpchGeneratorOptions { ScaleFactor = sf, OutputDirectory = parquet }).Generate();
            Directory.CreateDirectory(folder);
            Execute(duck, $"COPY (SELECT * FROM read_parquet('{Path.Combine(parquet, "lineitem", "**", "*.parquet")}')) TO '{file}.tmp' (FORMAT JSON)");
            File.Move(file + ".tmp", file);
        }

        var bytes = new FileInfo(file).Length;
        var fields = TpchSchemas.LineItem.FieldsList;
        var columns = string.Join(", ", fields.Select(f => $"'{f.Name}': '{DuckDbType(f.DataType)}'"));
        var maxes = string.Join(", ", fields.Select(f => $"max({f.Name})"));
        var duckSql = $"SELECT count(*), {maxes} FROM read_json('{file}', format = 'newline_delimited', columns = {{{columns}}})";

        Console.WriteLine($"lineitem SF {name} as JSON lines: {file}, {bytes / 1e6:F1} MB; best of {runs} runs after one warm-up; machine shared, so indicative only.");
        Console.WriteLine("| threads | Federation ms | DuckDB ms | Federation MB/s | DuckDB MB/s | Federation rows/s | DuckDB rows/s | ratio (Federation time / DuckDB time) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var count in threads)
        {
            long rows = 0;
            var ours = await BestAsync(runs, async () => rows = await ScanAsync(file, count));
            Execute(duck, $"SET threads = {count}");
            long duckRows = 0;
            var theirs = await BestAsync(runs, () =>
            {
                using var command = duck.CreateCommand();
                command.CommandText = duckSql;
                using var reader = command.ExecuteReader();
                reader.Read();
                duckRows = reader.GetInt64(0);
                return Task.FromResult(duckRows);
            });
            if (rows != duckRows)
            {
                Console.WriteLine($"!!! Federation read {rows} rows, DuckDB {duckRows} !!!");
                return 1;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {count} | {ours:F0} | {theirs:F0} | {bytes / 1e3 / ours:F1} | {bytes / 1e3 / theirs:F1} | {rows * 1000 / ours:F0} | {rows * 1000 / theirs:F0} | {ours / theirs:F2} |"));
        }

        return 0;
    }

    private static async Task<double> BestAsync(int runs, Func<Task<long>> run)
    {
        await run();
        var best = double.MaxValue;
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await run();
            best = Math.Min(best, watch.Elapsed.TotalMilliseconds);
        }

        return best;
    }

    /// <summary>Every column of lineitem read from <paramref name="path"/> by the JSON scan, in <paramref name="threads"/> partitions; the rows read.</summary>
    private static async Task<long> ScanAsync(string path, int threads)
    {
        var store = new LocalObjectStore(Path.GetDirectoryName(path)!);
        var meta = await store.HeadAsync(Path.GetFileName(path), default);
        var whole = new PartitionedFile(store, meta, []);
        var format = new JsonFileFormat();
        var splits = await format.SplitAsync(whole, Math.Max(1, meta.Size / threads), default);
        var files = splits is null ? [whole] : splits.Select(s => whole with { RowGroups = s.RowGroups }).ToList();
        var fields = TpchSchemas.LineItem.FieldsList;
        var table = fields.Select(f => new TableColumn(f.Name, SqlTypeOf(f.DataType))).ToArray();
        var columns = table.Select((c, i) => new ScanColumn(i, new PlanColumn(i + 1, c.Name, c.Type, true))).ToArray();
        var scan = await format.CreateScanAsync(new FileScanConfig("lineitem", table, table.Length, files, columns, [], null, threads), default);
        var counts = await Task.WhenAll(Enumerable.Range(0, scan.OutputPartitionCount).Select(async p =>
        {
            long rows = 0;
            await foreach (var batch in scan.ExecuteAsync(p, new TaskContext(new ExecutionOptions(), default, 0)))
            {
                rows += batch.Length;
            }

            return rows;
        }));
        return counts.Sum();
    }

    private static Federation.Common.Types.SqlType SqlTypeOf(IArrowType type) => type switch
    {
        Int32Type => Federation.Common.Types.SqlType.Int32,
        Int64Type => Federation.Common.Types.SqlType.Int64,
        Decimal128Type d => Federation.Common.Types.SqlType.Decimal(d.Precision, d.Scale),
        Date32Type => Federation.Common.Types.SqlType.Date,
        _ => Federation.Common.Types.SqlType.String,
    };

    private static string DuckDbType(IArrowType type) => type switch
    {
        Int32Type => "INTEGER",
        Int64Type => "BIGINT",
        Decimal128Type d => $"DECIMAL({d.Precision},{d.Scale})",
        Date32Type => "DATE",
        _ => "VARCHAR",
    };

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
