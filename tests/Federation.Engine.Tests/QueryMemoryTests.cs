using Federation.Common;
using Federation.Engine;

namespace Federation.Engine.Tests;

/// <summary>
/// What queries hold comes back to the engine's pool however they end: read to the end, failed, cancelled, abandoned
/// half-read; so memory returns to its base and the next queries have it.
/// </summary>
public sealed class QueryMemoryTests
{
    /// <summary>A hash join's build side is held until the query ends, and a sort holds its input.</summary>
    private const string JoinAndSort = "SELECT a.i, b.s FROM big a JOIN big b ON a.i = b.i ORDER BY b.s DESC";

    [Fact]
    public async Task A_query_read_to_its_end_returns_its_memory()
    {
        var (engine, session) = await EngineWithBigTableAsync();
        var result = await session.ExecuteAsync(JoinAndSort);
        long rows = 0;
        await foreach (var batch in result.Batches)
        {
            rows += batch.Length;
            Assert.True(engine.QueryMemory.ReservedBytes > 0, "the join's build side is held while the query runs");
        }

        Assert.Equal(50_000, rows);
        Assert.True(result.Memory!.PeakBytes > 1 << 20);
        Assert.Equal(0, engine.QueryMemory.ReservedBytes);
    }

    [Fact]
    public async Task A_query_that_fails_midway_returns_its_memory()
    {
        var (engine, session) = await EngineWithBigTableAsync();
        var result = await session.ExecuteAsync("SELECT a.i, 1 / (a.i - 40000) FROM big a JOIN big b ON a.i = b.i ORDER BY a.i");
        var error = await Assert.ThrowsAsync<FederationException>(() => result.CollectAsync());
        Assert.Equal(ErrorCode.DivisionByZero, error.Code);
        Assert.Equal(0, engine.QueryMemory.ReservedBytes);
    }

    [Fact]
    public async Task A_cancelled_query_and_one_abandoned_after_a_batch_return_their_memory()
    {
        var (engine, session) = await EngineWithBigTableAsync();
        using var cancel = new CancellationTokenSource();
        var cancelled = await session.ExecuteAsync(Sql.Parsing.SqlParser.ParseStatement(JoinAndSort), [], cancel.Token);
        await using (var reader = cancelled.Batches.GetAsyncEnumerator())
        {
            Assert.True(await reader.MoveNextAsync());
            await cancel.CancelAsync();
            var error = await Assert.ThrowsAsync<FederationException>(async () =>
            {
                while (await reader.MoveNextAsync())
                {
                }
            });
            Assert.Equal(ErrorCode.QueryCancelled, error.Code);
        }

        Assert.Equal(0, engine.QueryMemory.ReservedBytes);

        var abandoned = await session.ExecuteAsync(JoinAndSort);
        await using (var reader = abandoned.Batches.GetAsyncEnumerator())
        {
            Assert.True(await reader.MoveNextAsync());
            Assert.True(engine.QueryMemory.ReservedBytes > 0);
        }

        Assert.Equal(0, engine.QueryMemory.ReservedBytes);
    }

    [Fact]
    public async Task Queries_within_their_limits_fail_clearly_when_together_they_would_pass_the_engines_total()
    {
        var engine = new FederationEngine(totalMemoryLimitBytes: 3 << 20);
        var session = engine.CreateSession();
        await FillAsync(session);

        // The join and the sort spill to stay within what the engine has for all queries.
        var spilled = await (await session.ExecuteAsync(JoinAndSort)).CollectAsync();
        Assert.Equal(50_000, spilled.Sum(b => b.Length));
        Assert.Equal(0, engine.QueryMemory.ReservedBytes);

        // Without spilling they fail, saying why.
        await session.ExecuteAsync("SET enable_spill = off");
        var error = await Assert.ThrowsAsync<FederationException>(async () => await (await session.ExecuteAsync(JoinAndSort)).CollectAsync());
        Assert.Equal(ErrorCode.MemoryLimitExceeded, error.Code);
        Assert.Contains("the server's memory for queries (3 MiB) is taken by the queries running now", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, engine.QueryMemory.ReservedBytes);

        // Small queries still run.
        var rows = await (await session.ExecuteAsync("SELECT count(*) FROM big")).CollectAsync();
        Assert.Equal(50_000L, ((Apache.Arrow.Int64Array)rows[0].Column(0)).GetValue(0));
    }

    private static async Task<(FederationEngine Engine, Session Session)> EngineWithBigTableAsync()
    {
        var engine = new FederationEngine();
        var session = engine.CreateSession();
        await FillAsync(session);
        Assert.Equal(0, engine.QueryMemory.ReservedBytes);
        return (engine, session);
    }

    /// <summary>big: 50,000 rows of an integer and a 20-character string.</summary>
    private static async Task FillAsync(Session session)
    {
        await session.ExecuteAsync("CREATE TABLE digits (d INTEGER)");
        await session.ExecuteAsync("INSERT INTO digits VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)");
        await session.ExecuteAsync(
            "CREATE TABLE big AS SELECT i, 'payload-' || lpad(CAST(i AS VARCHAR), 12, '0') AS s FROM "
            + "(SELECT a.d + 10 * b.d + 100 * c.d + 1000 * e.d + 10000 * f.d AS i FROM digits a, digits b, digits c, digits e, digits f "
            + "WHERE f.d < 5) g");
    }
}
