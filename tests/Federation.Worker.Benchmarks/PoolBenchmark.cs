using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Federation.Coordinator;
using Federation.Engine;
using Federation.Engine.Workers;
using Federation.Formats.Parquet;
using Federation.Physical.Files;
using Federation.Samples.Tpch;
using Federation.Storage;
using Federation.Storage.S3;
using Federation.Testing;

namespace Federation.Worker.Benchmarks;

/// <summary>
/// TPC-H queries over lineitem as an external table on s3rver (partitioned by month), run by a coordinator in this
/// process with 0, 1, 2 ... workers in its pool (each a WorkerHost in this process, joined through heartbeats like
/// any worker). The peer is the same coordinator with no worker, which reads the objects itself. Per query and pool
/// size: the best of N runs after a warm-up, and from EXPLAIN ANALYZE the bytes read from the store, the column
/// chunks scanned, and the Arrow bytes the workers returned to the coordinator. Workers, coordinator and s3rver
/// share this machine's cores. With joinFilters: joins of lineitem with small session tables instead, each run with
/// SET enable_dynamic_filters on and off, to show what shipping the join's keys to the workers saves.
/// </summary>
internal static class PoolBenchmark
{
    private const string Bucket = "bench";

    private static readonly (string Name, string Sql)[] Queries =
    [
        ("Q1", """
            SELECT l_returnflag, l_linestatus, sum(l_quantity), sum(l_extendedprice), sum(l_extendedprice * (1 - l_discount)),
              sum(l_extendedprice * (1 - l_discount) * (1 + l_tax)), avg(l_quantity), avg(l_discount), count(*)
            FROM tpch.lineitem WHERE l_shipdate <= DATE '1998-09-02' GROUP BY l_returnflag, l_linestatus ORDER BY l_returnflag, l_linestatus
            """),
        ("Q6", """
            SELECT sum(l_extendedprice * l_discount) FROM tpch.lineitem
            WHERE l_shipdate >= DATE '1994-01-01' AND l_shipdate < DATE '1995-01-01' AND l_discount BETWEEN 0.05 AND 0.07 AND l_quantity < 24
            """),
        // A tiny query: one month's object, one fragment: the round trip through a worker, next to reading it here.
        ("one month", "SELECT count(*), sum(l_quantity) FROM tpch.lineitem WHERE l_shipmonth = '1995-03'"),
    ];

    /// <summary>
    /// Joins whose small (build) side is a session table: a handful of order keys spread over the table (the IN list
    /// drops rows, the range little), ten keys close together (the range skips row groups too), and a string key
    /// keeping a seventh of the rows (what a less selective filter saves).
    /// </summary>
    private static readonly (string Name, string Sql)[] JoinQueries =
    [
        ("8 spread order keys", "SELECT count(*), sum(l_quantity) FROM tpch.lineitem JOIN bench_spread_keys ON l_orderkey = k"),
        ("10 close order keys", "SELECT count(*), sum(l_quantity) FROM tpch.lineitem JOIN bench_close_keys ON l_orderkey = k"),
        ("ship mode AIR", "SELECT count(*), sum(l_quantity) FROM tpch.lineitem JOIN bench_modes ON l_shipmode = m WHERE m = 'AIR'"),
    ];

    private static readonly string[] JoinTables =
    [
        "CREATE TABLE bench_spread_keys AS SELECT CAST(k AS bigint) AS k FROM (VALUES (1), (70000), (150000), (230000), (310000), (390000), (470000), (550000)) AS t(k)",
        "CREATE TABLE bench_close_keys AS SELECT CAST(k AS bigint) AS k FROM (VALUES (300000), (300001), (300002), (300003), (300004), (300005), (300006), (300007), (300032), (300033)) AS t(k)",
        "CREATE TABLE bench_modes AS SELECT m FROM (VALUES ('AIR'), ('MAIL'), ('SHIP'), ('RAIL'), ('TRUCK'), ('FOB'), ('REG AIR')) AS t(m)",
    ];

    public static async Task<int> RunAsync(string repository, double sf, int runs, int[] poolSizes, long fragmentBytes, bool joinFilters = false)
    {
        var folder = Path.Combine(repository, "artifacts", "bench", $"tpch-sf{sf.ToString(CultureInfo.InvariantCulture)}-bymonth");
        new TpchGenerator(new TpchGeneratorOptions { ScaleFactor = sf, OutputDirectory = folder, PartitionByMonth = true }).Generate();

        var s3 = new S3rverFixture();
        await s3.InitializeAsync();
        try
        {
            await s3.CreateBucketAsync(Bucket);
            var store = new S3ObjectStore(s3.Client, Bucket, s3.Options);
            var files = Directory.GetFiles(Path.Combine(folder, "lineitem"), "*.parquet", SearchOption.AllDirectories);
            await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (file, ct) =>
                await store.WriteAsync("tpch/" + Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/'), await File.ReadAllBytesAsync(file, ct), ct));

            var engine = new FederationEngine();
            S3ObjectStore.Register(engine.Stores, s3.Options);
            engine.RegisterFileFormat(new ParquetFileFormat());
            var session = engine.CreateSession();
            await session.ExecuteAsync("CREATE EXTERNAL SCHEMA tpch FROM DATA CATALOG DATABASE 'tpchdb' CREATE EXTERNAL DATABASE IF NOT EXISTS");
            await session.ExecuteAsync($"""
                CREATE EXTERNAL TABLE tpch.lineitem (
                  l_orderkey bigint, l_partkey int, l_suppkey int, l_linenumber int, l_quantity decimal(15,2), l_extendedprice decimal(15,2),
                  l_discount decimal(15,2), l_tax decimal(15,2), l_returnflag varchar, l_linestatus varchar, l_shipdate date, l_commitdate date,
                  l_receiptdate date, l_shipinstruct varchar, l_shipmode varchar, l_comment varchar)
                PARTITIONED BY (l_shipmonth varchar(7)) STORED AS PARQUET LOCATION 's3://{Bucket}/tpch/lineitem/'
                """);
            await session.ExecuteAsync("MSCK REPAIR TABLE tpch.lineitem");
            foreach (var table in JoinTables)
            {
                await session.ExecuteAsync(table);
            }

            var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            await using var coordinator = await CoordinatorHost.StartAsync(engine, new CoordinatorOptions
            {
                Port = 0,
                ClusterSecret = secret,
                Pool = new Federation.Coordinator.Workers.WorkerPoolOptions { FragmentTargetBytes = fragmentBytes },
            });
            var workers = new List<WorkerHost>();
            long objectBytes = 0;
            foreach (var file in files)
            {
                objectBytes += new FileInfo(file).Length;
            }

            Console.WriteLine($"TPC-H SF {sf.ToString(CultureInfo.InvariantCulture)} lineitem on s3rver: {files.Length} objects, {objectBytes / 1e6:0.0} MB; "
                + $"fragments of {fragmentBytes >> 20} MiB; best of {runs} runs after a warm-up; {Environment.ProcessorCount} cores shared by s3rver, the coordinator and the workers (all in this process but s3rver).");
            Console.WriteLine();
            Console.WriteLine("| query | workers | dynamic filters | ms | fragments | bytes read from S3 | column chunks scanned | bytes returned to the coordinator | rows scanned | rows returned | row groups pruned | join key filters shipped | read from S3 by each worker |");
            Console.WriteLine("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
            string?[] settings = joinFilters ? ["on", "off"] : [null];
            try
            {
                foreach (var size in poolSizes)
                {
                    while (workers.Count < size)
                    {
                        var stores = new ObjectStoreRegistry();
                        S3ObjectStore.Register(stores, s3.Options);
                        workers.Add(await WorkerHost.StartAsync(
                            new WorkerOptions { Port = 0, ClusterSecret = secret, Coordinator = $"127.0.0.1:{coordinator.Address.Port}" }, stores,
                            [new ParquetFileFormat()]));
                    }

                    while (coordinator.Pool.Snapshot().Count != size)
                    {
                        await Task.Delay(50);
                    }

                    foreach (var (name, sql) in joinFilters ? JoinQueries : Queries)
                    {
                        foreach (var setting in settings)
                        {
                            var best = double.MaxValue;
                            for (var r = 0; r <= runs; r++)
                            {
                                var watch = Stopwatch.StartNew();
                                var result = await (await SessionAsync(engine, setting)).ExecuteAsync(sql);
                                await result.CollectAsync();
                                if (r > 0)
                                {
                                    best = Math.Min(best, watch.Elapsed.TotalMilliseconds);
                                }
                            }

                            var before = coordinator.Pool.Snapshot();
                            var scan = await ScanLineAsync(await SessionAsync(engine, setting), sql);
                            var perWorker = PerWorkerBytesRead(before, coordinator.Pool.Snapshot());
                            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                                $"| {name} | {size} | {setting ?? "on"} | {best:0} | {Counter(scan, "fragments")} | {Counter(scan, "bytes_read") / 1e6:0.00} MB | {Counter(scan, "bytes_scanned") / 1e6:0.00} MB | "
                                + $"{(size == 0 ? "(in process)" : $"{Counter(scan, "bytes_returned_by_workers") / 1e6:0.00} MB")} | {RowsScanned(scan)} | {Counter(scan, "output_rows")} | "
                                + $"{Counter(scan, "row_groups_pruned")} | {Counter(scan, "join_key_filters_shipped")} | {perWorker} |"));
                        }
                    }
                }
            }
            finally
            {
                foreach (var worker in workers)
                {
                    await worker.DisposeAsync();
                }
            }
        }
        finally
        {
            await s3.DisposeAsync();
        }

        return 0;
    }

    /// <summary>A new session, with SET enable_dynamic_filters = <paramref name="dynamicFilters"/> unless null (the default, on).</summary>
    private static async Task<Session> SessionAsync(FederationEngine engine, string? dynamicFilters)
    {
        var session = engine.CreateSession();
        if (dynamicFilters is not null)
        {
            await session.ExecuteAsync($"SET enable_dynamic_filters = {dynamicFilters}");
        }

        return session;
    }

    /// <summary>
    /// The line of the external scan that ran in the query's EXPLAIN ANALYZE: one computing a partial aggregate on the
    /// workers has the plain scan under it, which runs instead when there is no worker; the one that ran listed files.
    /// </summary>
    private static async Task<string> ScanLineAsync(Session session, string sql)
    {
        var result = await session.ExecuteAsync("EXPLAIN ANALYZE " + sql);
        foreach (var batch in await result.CollectAsync())
        {
            var plans = (Apache.Arrow.StringArray)batch.Column(1);
            for (var r = 0; r < batch.Length; r++)
            {
                foreach (var line in plans.GetString(r).Split('\n'))
                {
                    if (line.Contains("ExternalScanExec", StringComparison.Ordinal) && line.Contains(" files=", StringComparison.Ordinal))
                    {
                        return line;
                    }
                }
            }
        }

        throw new InvalidOperationException("no external scan in the plan of " + sql);
    }

    /// <summary>What each worker read from storage between two snapshots of the pool (SVV_WORKERS' bytes_read), in MB.</summary>
    private static string PerWorkerBytesRead(IReadOnlyList<WorkerStatus> before, IReadOnlyList<WorkerStatus> after)
    {
        if (after.Count == 0)
        {
            return "–";
        }

        var parts = new List<string>(after.Count);
        foreach (var worker in after)
        {
            long was = 0;
            foreach (var old in before)
            {
                if (old.WorkerId == worker.WorkerId)
                {
                    was = old.BytesRead;
                }
            }

            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{(worker.BytesRead - was) / 1e6:0.00}"));
        }

        return string.Join(" / ", parts) + " MB";
    }

    /// <summary>Rows read from the objects: the workers' count, or in process what the scan returned and what its filters dropped.</summary>
    private static long RowsScanned(string scan) =>
        Counter(scan, "rows_scanned") is > 0 and var rows ? rows : Counter(scan, "output_rows") + Counter(scan, "rows_filtered");

    private static long Counter(string line, string name)
    {
        foreach (var separator in new[] { " ", "[" })
        {
            var at = line.IndexOf(separator + name + "=", StringComparison.Ordinal);
            if (at >= 0)
            {
                var start = at + name.Length + 2;
                var end = start;
                while (end < line.Length && char.IsAsciiDigit(line[end]))
                {
                    end++;
                }

                return long.Parse(line[start..end], CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}
