using Xunit.Abstractions;

namespace Federation.Fuzz.Tests;

/// <summary>
/// The SQL fuzzer: a few hundred generated cases on every build (seed and count fixed, so CI runs the same cases each
/// time); FED_FUZZ_STATEMENTS, FED_FUZZ_SEED and FED_FUZZ_CASE run more, others, or one. Fails listing each problem
/// with the seed, the case number and the SQL.
/// </summary>
public sealed class SqlFuzzTests
{
    private readonly ITestOutputHelper _output;

    public SqlFuzzTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public async Task Generated_queries_do_not_crash_and_agree_with_their_partitions_and_DuckDB()
    {
        var settings = FuzzSettings.FromEnvironment();
        await using var database = await FuzzDatabase.CreateAsync();
        var runner = new FuzzRunner(database, settings);

        await runner.RunAsync();

        var summary = $"seed {settings.Seed}: " + runner.Statistics.Describe(runner.Statements, runner.Elapsed);
        _output.WriteLine(summary);
        Console.WriteLine(summary);
        Assert.True(runner.Problems.Count == 0, $"{runner.Problems.Count} problems:\n\n" + string.Join("\n\n", runner.Problems) + "\n\n" + summary);
        Assert.True(runner.Statistics.TlpCompared > 0 && runner.Statistics.DuckDbCompared > 0, "nothing was compared:\n" + summary);
    }
}
