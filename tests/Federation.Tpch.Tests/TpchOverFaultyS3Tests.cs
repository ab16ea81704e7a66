using Federation.Engine;
using Federation.Formats.Parquet;
using Federation.Storage;
using Federation.Storage.S3;
using Federation.Testing;
using Federation.Testing.Faults;
using Xunit.Abstractions;

namespace Federation.Tpch.Tests;

/// <summary>
/// The 22 TPC-H queries over S3 (SF 0.01 in s3rver) through a proxy that fails one request in ten (503 SlowDown, 500
/// InternalError, reset connections, bodies cut short, 2-second stalls): every answer must equal the answer without
/// faults and DuckDB's over the same files, the proxy must have injected every kind, and the store's counters must
/// show the retries that got past them.
/// </summary>
public sealed class TpchOverFaultyS3Tests(TpchOnS3Fixture data, ITestOutputHelper output) : IClassFixture<TpchOnS3Fixture>
{
    /// <summary>Stalls are a fifth as frequent as the other kinds: each costs 2 s of a scan's time, and all five kinds still occur.</summary>
    private static readonly FaultInjectionOptions Faults = new()
    {
        Fraction = 0.1,
        Seed = 20261207,
        StallDuration = TimeSpan.FromSeconds(2),
        Weights = new Dictionary<FaultKind, double> { [FaultKind.Stall] = 0.2 },
    };

    /// <summary>An engine whose eight tables are the bucket's, read through <paramref name="store"/>.</summary>
    private static async Task<FederationEngine> EngineAsync(S3ObjectStore store)
    {
        var engine = new FederationEngine();
        engine.Stores.Register("s3", TpchOnS3Fixture.Bucket, store);
        foreach (var table in TpchDataset.Tables)
        {
            var opened = await ParquetTable.OpenAsync(table, $"s3://{TpchOnS3Fixture.Bucket}/tpch/{table}/", engine.Stores, ObjectReadOptions.Default, default);
            engine.Catalog.TryAddTable(engine.Catalog.DefaultSchema, table, opened);
        }

        return engine;
    }

    private static string Query(int number) =>
        File.ReadAllText(Path.Combine(Testing.RepositoryPaths.TpchQueries, $"q{number:00}.sql")).Trim().TrimEnd(';');

    [Fact]
    public async Task The_22_queries_answer_through_injected_faults_exactly_as_without_them()
    {
        await using var proxy = new FaultInjectingS3Proxy(data.S3.Endpoint, Faults);
        var options = data.S3.Options;
        options.Endpoint = proxy.Endpoint;

        // Enough attempts that ten percent of faults never exhaust them (0.1^9 per request), with a short backoff: a
        // test's retries need not wait as long as production's (100 ms doubling) for s3rver to recover.
        options.MaxRetries = 8;
        options.RetryBaseDelay = TimeSpan.FromMilliseconds(5);
        options.MaxRetryDelay = TimeSpan.FromMilliseconds(100);
        using var faultyClient = S3ObjectStore.CreateClient(options);
        var faulty = new S3ObjectStore(faultyClient, TpchOnS3Fixture.Bucket, options);
        var direct = new S3ObjectStore(data.S3.Client, TpchOnS3Fixture.Bucket, data.S3.Options);

        var clean = await EngineAsync(direct);
        var faulted = await EngineAsync(faulty);
        var differences = new List<string>();
        for (var number = 1; number <= 22; number++)
        {
            var sql = Query(number);
            var expected = await FederationRows.RunAsync(clean, sql);
            var reference = DuckDbReference.Run(data.LocalFolder, sql);
            var actual = await FederationRows.RunAsync(faulted, sql);
            if (ResultComparer.Difference(reference, expected) is { } fromDuckDb)
            {
                differences.Add($"Q{number} without faults vs DuckDB: {fromDuckDb}");
            }

            if (Rendered(expected) != Rendered(actual))
            {
                differences.Add($"Q{number} with faults vs without: {ResultComparer.Difference(expected, actual) ?? "the values render differently"}");
            }
        }

        output.WriteLine($"proxy: {proxy}");
        output.WriteLine($"store: {faulty.Retries}");
        Assert.Empty(differences);
        Assert.Equal(0, direct.Retries.Total);
        foreach (var kind in Enum.GetValues<FaultKind>())
        {
            Assert.True(proxy.Injected(kind) > 0, $"no {kind} fault was injected: {proxy}");
        }

        // Every fault but a stall fails its attempt, which the store retries: counted by kind.
        Assert.True(faulty.Retries[StorageRetryKind.Throttled] > 0, faulty.Retries.ToString());
        Assert.True(faulty.Retries[StorageRetryKind.ServerError] > 0, faulty.Retries.ToString());
        Assert.True(faulty.Retries[StorageRetryKind.ConnectionFailed] > 0, faulty.Retries.ToString());
        Assert.True(faulty.Retries[StorageRetryKind.TruncatedResponse] > 0, faulty.Retries.ToString());
        Assert.Equal(proxy.InjectedTotal - proxy.Injected(FaultKind.Stall), faulty.Retries.Total);
    }

    [Fact]
    public async Task Explain_analyze_shows_each_scans_retries()
    {
        await using var proxy = new FaultInjectingS3Proxy(data.S3.Endpoint, new FaultInjectionOptions
        {
            Fraction = 0.3,
            Seed = 7,
            Weights = new Dictionary<FaultKind, double> { [FaultKind.Stall] = 0 },
        });
        var options = data.S3.Options;
        options.Endpoint = proxy.Endpoint;
        options.MaxRetries = 12;
        options.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
        options.MaxRetryDelay = TimeSpan.FromMilliseconds(20);
        using var faultyClient = S3ObjectStore.CreateClient(options);
        var faulty = new S3ObjectStore(faultyClient, TpchOnS3Fixture.Bucket, options);
        var engine = await EngineAsync(faulty);

        // The tables' footers were read when they were opened: what the query retries is its own scans' requests.
        var before = faulty.Retries.Total;
        var plan = string.Join("\n", (await FederationRows.RunAsync(engine, "EXPLAIN ANALYZE " + Query(9))).Select(r => string.Join(" ", r.Select(ResultComparer.Show))));
        var during = faulty.Retries.Total - before;
        output.WriteLine(plan);
        var perScan = System.Text.RegularExpressions.Regex.Matches(plan, @"request_retries=(\d+)").Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(during > 0, "no request of the query was retried: " + proxy);
        Assert.NotEmpty(perScan);
        Assert.Equal(during, perScan.Sum());
    }

    /// <summary>Rows as exact text, for answers that must be identical (not within a tolerance).</summary>
    private static string Rendered(List<object?[]> rows) => string.Join("\n", rows.Select(r => string.Join("|", r.Select(ResultComparer.Show))));
}
