using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Apache.Arrow;
using Apache.Arrow.Flight;
using Apache.Arrow.Flight.Client;
using Federation.Common.Types;
using Federation.Exchange;
using Federation.Execution;
using Federation.Formats.Parquet;
using Federation.Logical;
using Federation.Logical.Expressions;
using Federation.Logical.Plans;
using Federation.Logical.Tables;
using Federation.Physical.Files;
using Federation.Samples.Tpch;
using Federation.Storage;
using Federation.Worker;
using Google.Protobuf;
using Grpc.Net.Client;

// Scan fragments over local TPC-H Parquet files, run through a worker on loopback (sign, DoGet, Arrow Flight back)
// and, as the peer, by the same FragmentPlanner in this process: per fragment the best of N timed runs after a
// warm-up, the ratio, and the bytes the worker sent back against the bytes of the objects it read. Worker and client
// share this process and its cores.
//   dotnet run -c Release --project tests/Federation.Worker.Benchmarks -- [--sf 0.1] [--runs 5]
// With --workers 0,1,2 [--fragment-mb 64]: TPC-H queries over an external table on s3rver through a coordinator's pool instead (PoolBenchmark).
// Adding --queries join-filters: joins of lineitem with small session tables, with dynamic join filters on and off.
var sf = 0.1;
var runs = 5;
int[]? poolSizes = null;
var joinFilters = false;
var fragmentMegabytes = 64L;
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--sf": sf = double.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--runs": runs = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--fragment-mb": fragmentMegabytes = long.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--queries" when args[i + 1] is "join-filters" or "tpch": joinFilters = args[i + 1] == "join-filters"; break;
        case "--workers": poolSizes = args[i + 1].Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToArray(); break;
        default: throw new ArgumentException($"unknown option {args[i]}");
    }
}

var repository = AppContext.BaseDirectory;
while (!File.Exists(Path.Combine(repository, "Federation.sln")))
{
    repository = Path.GetDirectoryName(repository.TrimEnd('/')) ?? throw new InvalidOperationException("Federation.sln not found");
}

if (poolSizes is not null)
{
    return await Federation.Worker.Benchmarks.PoolBenchmark.RunAsync(repository, sf, runs, poolSizes, fragmentMegabytes << 20, joinFilters);
}

var folder = Path.Combine(repository, "artifacts", "bench", $"tpch-sf{sf.ToString(CultureInfo.InvariantCulture)}");
new TpchGenerator(new TpchGeneratorOptions { ScaleFactor = sf, OutputDirectory = folder }).Generate();

var secretText = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
var secret = ClusterSecret.FromText(secretText);
var stores = new ObjectStoreRegistry();
IFileFormat[] formats = [new ParquetFileFormat()];
var partitions = Environment.ProcessorCount;
await using var host = await WorkerHost.StartAsync(new WorkerOptions { Port = 0, ClusterSecret = secretText }, stores, formats);
using var channel = GrpcChannel.ForAddress(host.Address);
var client = new FlightClient(channel);
var planner = new FragmentPlanner(stores, formats);
FragmentMetrics? lastMetrics = null;

var nation = Table("nation");
var lineitem = Table("lineitem");
var fragments = new (string Name, ScanFragment Fragment)[]
{
    ("nation, all 4 columns (25 rows)", nation.Fragment(nation.Names, nation.Names.Length, [], null)),
    ("lineitem, 4 columns, every row", lineitem.Fragment(["l_orderkey", "l_quantity", "l_extendedprice", "l_discount"], 4, [], null)),
    ("lineitem, Q6's filter, 2 columns back", Q6(lineitem)),
    ("lineitem, Q6's filter, limit 10", Q6(lineitem) with { Limit = 10 }),
};

Console.WriteLine($"TPC-H SF {sf.ToString(CultureInfo.InvariantCulture)} on local disk; best of {runs} runs after a warm-up; {partitions} scan partitions; worker on loopback in this process.");
Console.WriteLine();
Console.WriteLine("| fragment | in process ms | through the worker ms | ratio | rows | column chunks scanned | Arrow bytes sent back |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
foreach (var (name, fragment) in fragments)
{
    var (local, rows, _) = await Best(() => InProcessAsync(fragment));
    var (remote, remoteRows, sent) = await Best(() => ThroughWorkerAsync(fragment));
    var scanned = lastMetrics?["bytes_scanned"] ?? 0;
    if (rows != remoteRows)
    {
        throw new InvalidOperationException($"{name}: {rows} rows in process, {remoteRows} through the worker");
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {local:0.00} | {remote:0.00} | {remote / local:0.00} | {rows} | {scanned / 1e6:0.000} MB | {sent / 1e6:0.000} MB |"));
}

return 0;

async Task<(double Ms, long Rows, long Bytes)> Best(Func<Task<(long Rows, long Bytes)>> run)
{
    var best = double.MaxValue;
    (long Rows, long Bytes) result = default;
    for (var r = 0; r <= runs; r++)
    {
        var watch = Stopwatch.StartNew();
        result = await run();
        if (r > 0)
        {
            best = Math.Min(best, watch.Elapsed.TotalMilliseconds);
        }
    }

    return (best, result.Rows, result.Bytes);
}

async Task<(long Rows, long Bytes)> InProcessAsync(ScanFragment fragment)
{
    var plan = await planner.PlanAsync(fragment, partitions, CancellationToken.None);
    var context = new TaskContext(new ExecutionOptions { TargetPartitions = partitions }, CancellationToken.None, 0);
    long rows = 0, bytes = 0;
    await foreach (var batch in plan.Root.ExecuteAsync(0, context))
    {
        rows += batch.Length;
        bytes += Bytes(batch);
    }

    return (rows, bytes);
}

async Task<(long Rows, long Bytes)> ThroughWorkerAsync(ScanFragment fragment)
{
    var ticket = FragmentTicket.Sign(fragment, secret, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
    using var call = client.GetStream(new FlightTicket(ByteString.CopyFrom(ticket)), null, null, CancellationToken.None);
    long rows = 0, bytes = 0;
    while (await call.ResponseStream.MoveNext(CancellationToken.None))
    {
        foreach (var metadata in call.ResponseStream.ApplicationMetadata)
        {
            lastMetrics = FragmentMetrics.FromBytes(metadata.Span);
        }

        rows += call.ResponseStream.Current.Length;
        bytes += Bytes(call.ResponseStream.Current);
    }

    return (rows, bytes);
}

static long Bytes(RecordBatch batch)
{
    long total = 0;
    for (var c = 0; c < batch.ColumnCount; c++)
    {
        total += Data(batch.Column(c).Data);
    }

    return total;

    static long Data(ArrayData data) => data.Buffers.Sum(b => (long)b.Length) + (data.Children?.Sum(Data) ?? 0) + (data.Dictionary is { } d ? Data(d) : 0);
}

LocalTable Table(string name)
{
    var files = Directory.GetFiles(Path.Combine(folder, name), "*.parquet").Order(StringComparer.Ordinal).ToArray();
    var info = ParquetFileInfo.Read(files[0]);
    var objects = files.Select(f => new FragmentObject("file:", f.TrimStart('/'), new FileInfo(f).Length, null, File.GetLastWriteTimeUtc(f), [], null)).ToArray();
    return new LocalTable(name, info.Columns.Select(c => new TableColumn(c.Name, c.Type)).ToArray(), objects);
}

static ScanFragment Q6(LocalTable lineitem)
{
    // Q6: l_shipdate in 1994, l_discount between 0.05 and 0.07, l_quantity < 24; l_extendedprice and l_discount back.
    var fragment = lineitem.Fragment(["l_extendedprice", "l_discount", "l_shipdate", "l_quantity"], 2, [], null);
    var (discount, shipdate, quantity) = (fragment.Columns[1].Column, fragment.Columns[2].Column, fragment.Columns[3].Column);
    Expr Compare(BinaryOp op, PlanColumn column, ScalarValue value) => new BinaryExpr(op, new ColumnRef(column), Literal.Of(value), SqlType.Boolean);
    var epoch = new DateOnly(1970, 1, 1).DayNumber;
    return fragment with
    {
        Filters =
        [
            Compare(BinaryOp.GreaterOrEqual, shipdate, ScalarValue.Date(new DateOnly(1994, 1, 1).DayNumber - epoch)),
            Compare(BinaryOp.Less, shipdate, ScalarValue.Date(new DateOnly(1995, 1, 1).DayNumber - epoch)),
            Compare(BinaryOp.GreaterOrEqual, discount, Number(discount.Type, 0.05m)),
            Compare(BinaryOp.LessOrEqual, discount, Number(discount.Type, 0.07m)),
            Compare(BinaryOp.Less, quantity, Number(quantity.Type, 24m)),
        ],
    };
}

static ScalarValue Number(SqlType type, decimal value) => type.Kind switch
{
    TypeKind.Decimal => ScalarValue.Decimal((Int128)(value * (decimal)Math.Pow(10, type.Scale)), type.Precision, type.Scale),
    TypeKind.Float64 => ScalarValue.Float64((double)value),
    _ => throw new InvalidOperationException($"unexpected type {type}"),
};

/// <summary>A TPC-H table's objects on local disk, as fragments describe them.</summary>
internal sealed record LocalTable(string Name, IReadOnlyList<TableColumn> Columns, IReadOnlyList<FragmentObject> Objects)
{
    public string[] Names => Columns.Select(c => c.Name).ToArray();

    /// <summary>A fragment of every object reading <paramref name="names"/>, returning the first <paramref name="returned"/> of them.</summary>
    public ScanFragment Fragment(string[] names, int returned, IReadOnlyList<Expr> filters, long? limit)
    {
        var scan = names.Select((n, i) =>
        {
            var index = Columns.Select(c => c.Name).ToList().IndexOf(n);
            return new ScanColumn(index, new PlanColumn(i + 1, n, Columns[index].Type, Columns[index].Nullable));
        }).ToArray();
        return new ScanFragment("bench", Name, "parquet", new Dictionary<string, string>(), Columns, Columns.Count, Objects, scan,
            Enumerable.Range(0, returned).ToArray(), filters, limit, 0);
    }
}
