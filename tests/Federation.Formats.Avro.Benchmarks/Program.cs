using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using Federation.Catalog.External;
using Federation.Common.Arrow;
using Federation.Engine;
using Federation.Formats.Avro;
using Federation.Formats.Avro.Tests;
using Federation.Formats.Parquet;
using Federation.Samples.Tpch;

// Scan throughput of TPC-H lineitem as Avro (deflate, snappy, null codecs, blocks of 500 records, about 64 KiB
// uncompressed as Avro's Java writer makes them, written by TpchAvroFiles) against our
// Parquet reader on the Parquet file it was written from, and DuckDB's read_parquet (and read_avro, if its avro
// extension loads offline). Every query reads all 16 columns (an aggregate over each), so every value is decoded.
// Best of N runs after one warm-up; MB/s is of the files' bytes on disk. Indicative on a shared machine.
//   dotnet run -c Release --project tests/Federation.Formats.Avro.Benchmarks -- [--sf 0.1] [--runs 3]
var sf = 0.1;
var runs = 3;
for (var a = 0; a < args.Length - 1; a++)
{
    if (args[a] == "--sf")
    {
        sf = double.Parse(args[a + 1], CultureInfo.InvariantCulture);
    }
    else if (args[a] == "--runs")
    {
        runs = int.Parse(args[a + 1], CultureInfo.InvariantCulture);
    }
}

var root = Path.Combine(Path.GetTempPath(), $"fed-avro-bench-sf{sf.ToString(CultureInfo.InvariantCulture)}");
var parquet = Path.Combine(root, "parquet");
new TpchGenerator(new TpchGeneratorOptions { ScaleFactor = sf, OutputDirectory = parquet }).Generate();
var lineitemParquet = Path.Combine(parquet, "lineitem");
const string Aggregates =
    "count(*), sum(l_orderkey), sum(l_partkey), sum(l_suppkey), sum(l_linenumber), sum(l_quantity), sum(l_extendedprice), sum(l_discount), sum(l_tax), " +
    "max(l_returnflag), max(l_linestatus), max(l_shipdate), max(l_commitdate), max(l_receiptdate), max(l_shipinstruct), max(l_shipmode), max(l_comment)";

// The Avro files, written once per codec from the Parquet rows.
var reader = new FederationEngine();
reader.RegisterTableFunction(new ReadParquetFunction());
var batches = await (await reader.CreateSession().ExecuteAsync($"SELECT * FROM read_parquet('{lineitemParquet}')")).CollectAsync();
var rows = batches.Sum(b => (long)b.Length);
string[] codecs = ["deflate", "snappy", "null"];
foreach (var codec in codecs)
{
    var folder = Path.Combine(root, "avro-" + codec);
    var file = Path.Combine(folder, "lineitem.avro");
    if (!File.Exists(file))
    {
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(file + ".tmp", TpchAvroFiles.Write(TpchSchemas.LineItem, batches, 0, long.MaxValue, codec, 500));
        File.Move(file + ".tmp", file);
    }
}

var engine = new FederationEngine(external: ExternalCatalog.InMemory());
engine.RegisterFileFormat(new AvroFileFormat());
engine.RegisterFileFormat(new ParquetFileFormat());
var session = engine.CreateSession();
await session.ExecuteAsync("CREATE EXTERNAL SCHEMA bench FROM DATA CATALOG DATABASE 'bench' CREATE EXTERNAL DATABASE IF NOT EXISTS");
var columns = string.Join(", ", TpchSchemas.LineItem.FieldsList.Select(f => $"{f.Name} {Federation.Tpch.Tests.TpchFormatFixture.SqlType(f.DataType)}"));
await session.ExecuteAsync($"CREATE EXTERNAL TABLE bench.lineitem_parquet ({columns}) STORED AS PARQUET LOCATION 'file://{lineitemParquet}/'");
foreach (var codec in codecs)
{
    await session.ExecuteAsync($"CREATE EXTERNAL TABLE bench.lineitem_{codec} ({columns}) STORED AS AVRO LOCATION 'file://{Path.Combine(root, "avro-" + codec)}/'");
}

Console.WriteLine($"TPC-H SF {sf.ToString(CultureInfo.InvariantCulture)} lineitem, {rows:N0} rows, {Environment.ProcessorCount} cores; best of {runs} runs after a warm-up; all 16 columns aggregated.");
Console.WriteLine($"{"reader",-42} {"MB",8} {"seconds",8} {"MB/s",8} {"M rows/s",9}");

async Task<string> FederationAsync(string table)
{
    var result = await engine.CreateSession().ExecuteAsync($"SELECT {Aggregates} FROM bench.{table}");
    var collected = await result.CollectAsync();
    return ArrayFactory.GetScalar(collected[0].Column(0), 0, result.ColumnTypes[0]).ToString() ?? string.Empty;
}

void Report(string label, long bytes, double seconds) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{label,-42} {bytes / 1e6,8:F1} {seconds,8:F3} {bytes / 1e6 / seconds,8:F1} {rows / 1e6 / seconds,9:F2}"));

async Task<double> BestAsync(Func<Task> run)
{
    await run();
    var best = double.MaxValue;
    for (var r = 0; r < runs; r++)
    {
        var watch = Stopwatch.StartNew();
        await run();
        best = Math.Min(best, watch.Elapsed.TotalSeconds);
    }

    return best;
}

long Bytes(string folder) => Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);

Report("Federation, Parquet (our reader)", Bytes(lineitemParquet), await BestAsync(() => FederationAsync("lineitem_parquet")));
foreach (var codec in codecs)
{
    Report($"Federation, Avro {codec}", Bytes(Path.Combine(root, "avro-" + codec)), await BestAsync(() => FederationAsync("lineitem_" + codec)));
}

using var duck = new DuckDBConnection("Data Source=:memory:");
duck.Open();
void Duck(string sql)
{
    using var command = duck.CreateCommand();
    command.CommandText = sql;
    using var result = command.ExecuteReader();
    while (result.Read())
    {
    }
}

Report("DuckDB read_parquet", Bytes(lineitemParquet),
    await BestAsync(() => Task.Run(() => Duck($"SELECT {Aggregates} FROM read_parquet('{lineitemParquet}/*.parquet')"))));
try
{
    Duck("LOAD avro");
    foreach (var codec in codecs)
    {
        var file = Path.Combine(root, "avro-" + codec, "lineitem.avro");
        Report($"DuckDB read_avro {codec}", new FileInfo(file).Length, await BestAsync(() => Task.Run(() => Duck($"SELECT {Aggregates} FROM read_avro('{file}')"))));
    }
}
catch (DuckDBException e)
{
    Console.WriteLine($"DuckDB read_avro: not measured, its avro extension does not load offline ({e.Message.Split('\n')[0]})");
}
