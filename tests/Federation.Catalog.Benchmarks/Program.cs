// Planning a query on a table of 10,000 partitions, per catalog: the built-in one, a Hive metastore (the test HMS on a
// real socket, accepting and refusing get_partitions_by_filter) and Glue (TestGlueServer over HTTP with SigV4,
// accepting and refusing the Expression). Cold is the first query after REFRESH EXTERNAL SCHEMA (the metadata cache
// dropped, after one unmeasured run for the JIT), warm the median of the next ones. The data store is in memory and empty, so the time is the statement's
// catalog work: table-list refresh, partition look-up, pruning, one empty listing. Indicative only: the test servers
// run in this process and the machine is shared.
//
//   dotnet run -c Release --project tests/Federation.Catalog.Benchmarks -- [--partitions 10000] [--warm 20]
using System.Diagnostics;
using System.Globalization;
using Federation.Catalog.Benchmarks;

var partitions = 10_000;
var warmRuns = 20;
for (var i = 0; i < args.Length - 1; i += 2)
{
    switch (args[i])
    {
        case "--partitions":
            partitions = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            break;
        case "--warm":
            warmRuns = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            break;
        default:
            Console.Error.WriteLine($"unknown option {args[i]}: --partitions N, --warm N");
            return 2;
    }
}

Console.WriteLine($"Planning `SELECT count(*) FROM s.t WHERE day = {partitions / 2}` (and `day % 1000 = 7`, which no catalog can evaluate) over {partitions:N0} partitions; {Environment.ProcessorCount} cores, shared.");
Console.WriteLine();
Console.WriteLine("| catalog | query | cold ms | cold calls | cold partitions sent | warm ms (median) | warm calls |");
Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
foreach (var backend in PlanningBackend.All(partitions))
{
    await using (backend)
    {
        await backend.StartAsync();
        foreach (var (label, sql) in new[] { ("day = n", $"SELECT count(*) FROM s.t WHERE day = {partitions / 2}"), ("day % 1000 = 7", "SELECT count(*) FROM s.t WHERE day % 1000 = 7") })
        {
            // Once before measuring, so that cold means the metadata cache dropped, not the JIT's first pass over the code.
            await backend.QueryAsync(sql);
            await backend.Session.ExecuteAsync("REFRESH EXTERNAL SCHEMA s");
            backend.ClearCounts();
            var clock = Stopwatch.StartNew();
            await backend.QueryAsync(sql);
            var cold = clock.Elapsed.TotalMilliseconds;
            var (coldCalls, coldSent) = backend.Counts();

            var times = new double[warmRuns];
            backend.ClearCounts();
            for (var run = 0; run < warmRuns; run++)
            {
                clock.Restart();
                await backend.QueryAsync(sql);
                times[run] = clock.Elapsed.TotalMilliseconds;
            }

            Array.Sort(times);
            var (warmCalls, _) = backend.Counts();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {backend.Name} | {label} | {cold:0.0} | {coldCalls} | {coldSent} | {times[warmRuns / 2]:0.00} | {warmCalls / (double)warmRuns:0.#} per query |"));
        }
    }
}

return 0;
