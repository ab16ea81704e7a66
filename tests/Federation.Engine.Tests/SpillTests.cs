using Apache.Arrow;
using Federation.Common;
using Federation.Execution;
using Federation.Testing;

namespace Federation.Engine.Tests;

/// <summary>
/// Queries that would pass their memory limit spill to the engine's spill folder: the files are there while the query
/// runs and gone when it ends, however it ends; the cap on the folder fails a query that would pass it.
/// </summary>
public sealed class SpillTests : IDisposable
{
    /// <summary>A hash join whose build side and a sort whose input both pass a 4 MB limit.</summary>
    private const string JoinAndSort = "SELECT a.i, b.s FROM big a JOIN big b ON a.i = b.i ORDER BY b.s DESC";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "fed-spill-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_query_that_spills_answers_as_without_the_limit_and_leaves_no_file()
    {
        var (engine, session) = await EngineWithBigTableAsync(maxBytes: null);
        var expected = Values(await (await session.ExecuteAsync(JoinAndSort)).CollectAsync());
        Assert.Null(engine.Spill.ProcessFolder);

        await session.ExecuteAsync("SET memory_limit = '4MB'");
        var result = await session.ExecuteAsync(JoinAndSort);
        var actual = new List<(int, string)>();
        var sawFiles = false;
        await foreach (var batch in result.Batches)
        {
            actual.AddRange(Values([batch]));
            sawFiles |= SpillFiles(engine).Length > 0;
        }

        Assert.True(sawFiles, "the sort's runs are on disk while its output is read");
        Assert.Equal(expected, actual);
        Assert.Empty(SpillFiles(engine));
        Assert.Empty(Directory.GetDirectories(engine.Spill.ProcessFolder!));
        Assert.Equal(0, engine.Spill.UsedBytes);
        Assert.Equal(0, engine.QueryMemory.ReservedBytes);
    }

    [Fact]
    public async Task A_query_that_fails_after_spilling_leaves_no_file()
    {
        var (engine, session) = await EngineWithBigTableAsync(maxBytes: null);
        await session.ExecuteAsync("SET memory_limit = '4MB'");
        var result = await session.ExecuteAsync("SELECT 1 / (i - 40000) FROM (SELECT i FROM big ORDER BY s) t");
        var error = await Assert.ThrowsAsync<FederationException>(() => result.CollectAsync());
        Assert.Equal(ErrorCode.DivisionByZero, error.Code);
        Assert.NotNull(engine.Spill.ProcessFolder);
        Assert.Empty(SpillFiles(engine));
        Assert.Equal(0, engine.Spill.UsedBytes);
    }

    [Fact]
    public async Task A_cancelled_query_and_one_abandoned_after_a_batch_leave_no_file()
    {
        var (engine, session) = await EngineWithBigTableAsync(maxBytes: null);
        await session.ExecuteAsync("SET memory_limit = '4MB'");
        using var cancel = new CancellationTokenSource();
        var cancelled = await session.ExecuteAsync(Sql.Parsing.SqlParser.ParseStatement(JoinAndSort), [], cancel.Token);
        await using (var reader = cancelled.Batches.GetAsyncEnumerator())
        {
            Assert.True(await reader.MoveNextAsync());
            Assert.NotEmpty(SpillFiles(engine));
            await cancel.CancelAsync();
            var error = await Assert.ThrowsAsync<FederationException>(async () =>
            {
                while (await reader.MoveNextAsync())
                {
                }
            });
            Assert.Equal(ErrorCode.QueryCancelled, error.Code);
        }

        Assert.Empty(SpillFiles(engine));
        Assert.Equal(0, engine.Spill.UsedBytes);

        var abandoned = await session.ExecuteAsync(JoinAndSort);
        await using (var reader = abandoned.Batches.GetAsyncEnumerator())
        {
            Assert.True(await reader.MoveNextAsync());
            Assert.NotEmpty(SpillFiles(engine));
        }

        Assert.Empty(SpillFiles(engine));
        Assert.Equal(0, engine.Spill.UsedBytes);
    }

    [Fact]
    public async Task A_query_stopped_by_statement_timeout_after_spilling_leaves_no_file()
    {
        var (engine, session) = await EngineWithBigTableAsync(maxBytes: null);
        var gate = new GateTableFunction();
        engine.RegisterTableFunction(gate);
        await session.ExecuteAsync("SET memory_limit = '4MB'");
        await session.ExecuteAsync("SET statement_timeout = '5s'");

        // The sort takes big's rows (spilling them) while gate() holds its last row back, so the query can end only
        // by its timer; five seconds is ample for the sort to write its first runs, which the test waits to see.
        var result = await session.ExecuteAsync("SELECT i, s FROM (SELECT i, s FROM big UNION ALL SELECT CAST(n AS INTEGER), 'gate' FROM gate()) t ORDER BY s");
        var reading = result.CollectAsync();
        await Eventually.UntilAsync(() => SpillFiles(engine).Length > 0 || reading.IsCompleted, () => "the sort spills");
        Assert.False(reading.IsCompleted, "the query ended before it spilled");
        Assert.NotEmpty(SpillFiles(engine));

        var error = await Assert.ThrowsAsync<FederationException>(() => reading);
        Assert.Equal(ErrorCode.StatementTimeout, error.Code);
        Assert.Empty(SpillFiles(engine));
        Assert.Equal(0, engine.Spill.UsedBytes);
        Assert.Equal(0, engine.QueryMemory.ReservedBytes);
    }

    [Fact]
    public async Task A_query_that_would_pass_the_spill_cap_fails_naming_the_cap_and_its_setting()
    {
        var (engine, session) = await EngineWithBigTableAsync(maxBytes: 256 << 10);
        await session.ExecuteAsync("SET memory_limit = '4MB'");
        var error = await Assert.ThrowsAsync<FederationException>(async () => await (await session.ExecuteAsync(JoinAndSort)).CollectAsync());
        Assert.Equal(ErrorCode.SpillLimitExceeded, error.Code);
        Assert.Equal(ErrorCategory.Resource, error.Category);
        Assert.Contains("cap of 256 KiB", error.Message, StringComparison.Ordinal);
        Assert.Contains("Spill:MaxBytes", error.Message, StringComparison.Ordinal);
        Assert.Empty(SpillFiles(engine));
        Assert.Equal(0, engine.Spill.UsedBytes);

        // With spilling off the same query fails at the memory limit instead, and writes nothing.
        await session.ExecuteAsync("SET enable_spill = off");
        var memory = await Assert.ThrowsAsync<FederationException>(async () => await (await session.ExecuteAsync(JoinAndSort)).CollectAsync());
        Assert.Equal(ErrorCode.MemoryLimitExceeded, memory.Code);
    }

    [Fact]
    public async Task Explain_analyze_counts_the_bytes_and_files_each_operator_spilled()
    {
        var (_, session) = await EngineWithBigTableAsync(maxBytes: null);
        await session.ExecuteAsync("SET memory_limit = '4MB'");
        var rows = await (await session.ExecuteAsync("EXPLAIN ANALYZE " + JoinAndSort)).CollectAsync();
        var plan = ((StringArray)rows[0].Column(1)).GetString(rows[0].Length - 2);
        var sort = plan.Split('\n').Single(l => l.Contains("SortExec", StringComparison.Ordinal));
        var join = plan.Split('\n').Single(l => l.Contains("HashJoinExec", StringComparison.Ordinal));
        Assert.Matches(@"spill_files=[1-9]\d*", sort);
        Assert.Matches(@"spilled_bytes=[1-9]\d{5,}", sort);
        Assert.Matches(@"spill_files=[1-9]\d*", join);
        Assert.Matches(@"spilled_bytes=[1-9]\d{5,}", join);

        // The query's line adds up what all its operators wrote.
        var execution = ((StringArray)rows[0].Column(1)).GetString(rows[0].Length - 1);
        Assert.Matches(@"spilled=\d+(\.\d)? MiB in [1-9]\d* files$", execution);
    }

    [Fact]
    public void Leftovers_of_dead_processes_are_deleted_and_a_live_ones_kept()
    {
        Directory.CreateDirectory(_folder);
        var dead = Path.Combine(_folder, "fed-123456-dead");
        Directory.CreateDirectory(Path.Combine(dead, "q1"));
        File.WriteAllText(Path.Combine(dead, "lock"), string.Empty);
        File.WriteAllText(Path.Combine(dead, "q1", "1.arrows"), "x");
        var live = Path.Combine(_folder, "fed-654321-live");
        Directory.CreateDirectory(live);
        var unrelated = Path.Combine(_folder, "not-ours");
        Directory.CreateDirectory(unrelated);
        using (new FileStream(Path.Combine(live, "lock"), FileMode.Create, FileAccess.ReadWrite, FileShare.None))
        {
            Assert.Equal(1, SpillSpace.DeleteLeftovers(_folder));
            Assert.False(Directory.Exists(dead));
            Assert.True(Directory.Exists(live));
            Assert.True(Directory.Exists(unrelated));
        }

        // A space's first spill clears them too, and its own folder is then locked against others.
        var space = new SpillSpace(_folder);
        using var query = space.StartQuery();
        var own = space.Open();
        Assert.False(Directory.Exists(live));
        Assert.Equal(0, SpillSpace.DeleteLeftovers(_folder));
        Assert.True(Directory.Exists(own));
    }

    private static string[] SpillFiles(FederationEngine engine) =>
        engine.Spill.ProcessFolder is { } folder ? Directory.GetFiles(folder, "*.arrows", SearchOption.AllDirectories) : [];

    private static List<(int, string)> Values(List<RecordBatch> batches)
    {
        var values = new List<(int, string)>();
        foreach (var batch in batches)
        {
            var i = (Int32Array)batch.Column(0);
            var s = (StringArray)batch.Column(1);
            for (var r = 0; r < batch.Length; r++)
            {
                values.Add((i.GetValue(r)!.Value, s.GetString(r)));
            }
        }

        return values;
    }

    private async Task<(FederationEngine Engine, Session Session)> EngineWithBigTableAsync(long? maxBytes)
    {
        var engine = new FederationEngine(spill: new SpillSpace(_folder, maxBytes));
        var session = engine.CreateSession();
        await session.ExecuteAsync("SET target_partitions = 2");
        await session.ExecuteAsync("SET batch_size = 2048");
        await session.ExecuteAsync("CREATE TABLE digits (d INTEGER)");
        await session.ExecuteAsync("INSERT INTO digits VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)");
        // 200,000 rows of an integer and a 20-character string: about 6 MB.
        await session.ExecuteAsync(
            "CREATE TABLE big AS SELECT i, 'payload-' || lpad(CAST(i AS VARCHAR), 12, '0') AS s FROM "
            + "(SELECT a.d + 10 * b.d + 100 * c.d + 1000 * e.d + 10000 * f.d + 100000 * h.d AS i FROM digits a, digits b, digits c, digits e, digits f, "
            + "(SELECT d FROM digits WHERE d < 2) h) g");
        return (engine, session);
    }
}
