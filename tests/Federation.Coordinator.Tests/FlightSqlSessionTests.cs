using Apache.Arrow;
using Grpc.Core;

namespace Federation.Coordinator.Tests;

/// <summary>Many clients at once, each with its own session state, and results that stream.</summary>
public sealed class FlightSqlSessionTests : IClassFixture<CoordinatorFixture>
{
    private readonly CoordinatorFixture _server;

    public FlightSqlSessionTests(CoordinatorFixture server)
    {
        _server = server;
    }

    [Fact]
    public async Task Concurrent_sessions_keep_their_own_settings_and_answers()
    {
        using (var setup = new FlightSqlTestClient(_server.Address))
        {
            await setup.HandshakeAsync();
            await setup.UpdateAsync("CREATE TABLE numbers_for_sessions (n INTEGER)");
            await setup.UpdateAsync("INSERT INTO numbers_for_sessions VALUES " + string.Join(", ", Enumerable.Range(1, 1000).Select(n => $"({n})")));
        }

        var sessions = Enumerable.Range(1, 8).Select(async id =>
        {
            using var client = new FlightSqlTestClient(_server.Address);
            await client.HandshakeAsync();
            await client.UpdateAsync($"SET application_name = 'client{id}'");
            var answers = new List<object?>();
            for (var round = 0; round < 5; round++)
            {
                answers.AddRange(await client.ColumnAsync($"SELECT sum(n) * {id} FROM numbers_for_sessions WHERE n % 8 = {id % 8}"));
                answers.AddRange(await client.ColumnAsync("SHOW application_name"));
            }

            return (id, answers);
        }).ToArray();

        foreach (var (id, answers) in await Task.WhenAll(sessions))
        {
            var expected = Enumerable.Range(1, 1000).Where(n => n % 8 == id % 8).Sum(n => (long)n) * id;
            for (var round = 0; round < 5; round++)
            {
                Assert.Equal(expected, answers[2 * round]);
                Assert.Equal($"client{id}", answers[(2 * round) + 1]);
            }
        }
    }

    [Fact]
    public async Task Timestamptz_reaches_the_client_as_the_instant_labelled_with_the_session_time_zone()
    {
        using var client = new FlightSqlTestClient(_server.Address);
        await client.HandshakeAsync();
        const string query = "SELECT TIMESTAMPTZ '2024-07-01 12:00:00+00' AS at, '2024-07-01 12:00'::timestamptz AS local_noon, TIMESTAMP '2024-07-01 12:00' AS wall";

        var utc = Assert.Single(await client.QueryAsync(query));
        await client.UpdateAsync("SET TIME ZONE 'Europe/Paris'");
        var paris = Assert.Single(await client.QueryAsync(query));
        await client.UpdateAsync("SET TIME ZONE 2");
        var offset = Assert.Single(await client.QueryAsync(query));

        // The instant is the same number of microseconds whatever the zone; only the label changes. Text without an
        // offset is read in the session zone (noon in Paris is 10:00 UTC), and timestamps without a zone stay unlabelled.
        var noonUtc = new DateTimeOffset(2024, 7, 1, 12, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000;
        Assert.Equal(noonUtc, ((TimestampArray)utc.Column(0)).GetValue(0));
        Assert.Equal(noonUtc, ((TimestampArray)paris.Column(0)).GetValue(0));
        Assert.Equal(noonUtc - (2 * 3_600_000_000L), ((TimestampArray)paris.Column(1)).GetValue(0));
        Assert.Equal("UTC", ((Apache.Arrow.Types.TimestampType)utc.Schema.GetFieldByIndex(0).DataType).Timezone);
        Assert.Equal("Europe/Paris", ((Apache.Arrow.Types.TimestampType)paris.Schema.GetFieldByIndex(0).DataType).Timezone);
        Assert.Equal("+02:00", ((Apache.Arrow.Types.TimestampType)offset.Schema.GetFieldByIndex(1).DataType).Timezone);
        Assert.True(string.IsNullOrEmpty(((Apache.Arrow.Types.TimestampType)paris.Schema.GetFieldByIndex(2).DataType).Timezone));
        Assert.Equal(["<+02>-02"], await client.ColumnAsync("SHOW timezone"));
    }

    [Fact]
    public async Task A_query_over_the_memory_limit_is_ResourceExhausted_and_the_session_goes_on()
    {
        using var client = new FlightSqlTestClient(_server.Address);
        await client.HandshakeAsync();
        await client.UpdateAsync("CREATE TABLE wide_rows (n INTEGER, s VARCHAR)");
        await client.UpdateAsync("INSERT INTO wide_rows VALUES " + string.Join(", ", Enumerable.Range(1, 2000).Select(n => $"({n}, '{new string('x', 200)}')")));
        await client.UpdateAsync("SET memory_limit = '1MB'");

        // Sorting 4 million rows of 200-character strings needs far more than 1 MB.
        var error = await Assert.ThrowsAsync<RpcException>(() => client.QueryAsync("SELECT a.s, b.n FROM wide_rows a, wide_rows b ORDER BY a.s, b.n"));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("memory", error.Status.Detail, StringComparison.OrdinalIgnoreCase);
        Assert.Equal([2000L], await client.ColumnAsync("SELECT count(*) FROM wide_rows"));
    }

    [Fact]
    public async Task The_first_batch_arrives_long_before_the_last_is_computed()
    {
        using var client = new FlightSqlTestClient(_server.Address);
        await client.HandshakeAsync();
        await client.UpdateAsync("CREATE TABLE thousand_rows (n INTEGER)");
        await client.UpdateAsync("INSERT INTO thousand_rows VALUES " + string.Join(", ", Enumerable.Range(1, 1000).Select(n => $"({n})")));

        // A billion rows: only a streaming server can answer the first batch of it in a test's lifetime.
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        RecordBatch? first = null;
        await foreach (var batch in client.StreamAsync("SELECT a.n AS a, b.n AS b, c.n AS c FROM thousand_rows a, thousand_rows b, thousand_rows c", stop.Token))
        {
            first = batch;
            break;
        }

        Assert.NotNull(first);
        Assert.True(first.Length > 0);
        Assert.Equal(3, first.ColumnCount);

        // The abandoned query leaves the server serving.
        Assert.Equal([1000L], await client.ColumnAsync("SELECT count(*) FROM thousand_rows"));
    }
}
