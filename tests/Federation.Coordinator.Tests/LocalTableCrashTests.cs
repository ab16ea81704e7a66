using System.Globalization;
using System.Text;
using Federation.Testing;

namespace Federation.Coordinator.Tests;

/// <summary>
/// `fed serve` killed (SIGKILL) at random moments while three clients INSERT into local tables, twenty times over the
/// same data folder. After each restart every table holds each statement's whole effect or none of it: every
/// statement the server acknowledged is there, nothing else is but the one each client had in flight, and every
/// statement present has all its rows with their values (counts and sums per statement).
/// </summary>
public sealed class LocalTableCrashTests : IDisposable
{
    private const int Tables = 3;
    private const int RowsPerStatement = 200;
    private const int Kills = 20;

    private readonly string _data = Directory.CreateTempSubdirectory("fed-local-crash-").FullName;

    [Fact]
    public async Task Every_table_holds_each_insert_whole_or_not_at_all_after_each_kill()
    {
        string[] arguments = ["--data", _data, "--sample-scale", "0", "--workers", "0"];
        var seed = Environment.TickCount;
        var random = new Random(seed);
        var acknowledged = new HashSet<long>[Tables];
        var inFlight = new long?[Tables];
        var next = new long[Tables];
        for (var t = 0; t < Tables; t++)
        {
            acknowledged[t] = [];
            next[t] = 1;
        }

        for (var round = 0; round <= Kills; round++)
        {
            await using var server = await FedProcess.StartAsync("serve", arguments);
            using var client = new FlightSqlTestClient(server.Address);
            await client.HandshakeAsync();
            if (round == 0)
            {
                for (var t = 0; t < Tables; t++)
                {
                    await client.UpdateAsync($"CREATE TABLE crash{t} (id bigint NOT NULL, v varchar(40), d decimal(12,2))");
                }
            }

            // What the last kill left: acknowledged statements all there, the in-flight one whole or absent, nothing else.
            for (var t = 0; t < Tables; t++)
            {
                var present = await StatementsAsync(client, t, seed, round);
                foreach (var s in acknowledged[t])
                {
                    Assert.True(present.Contains(s), $"seed {seed} round {round}: crash{t} lost acknowledged statement {s}");
                }

                foreach (var s in present)
                {
                    Assert.True(acknowledged[t].Contains(s) || s == inFlight[t], $"seed {seed} round {round}: crash{t} holds statement {s} that was never sent");
                    acknowledged[t].Add(s);
                }

                inFlight[t] = null;
            }

            if (round == Kills)
            {
                break;
            }

            // Writers insert until the server dies under them, which happens after a random number of acknowledgements.
            var killAfter = random.Next(1, 12);
            var done = 0;
            var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var writers = Enumerable.Range(0, Tables).Select(t => Task.Run(async () =>
            {
                using var writer = new FlightSqlTestClient(server.Address);
                await writer.HandshakeAsync();
                while (true)
                {
                    var s = next[t]++;
                    inFlight[t] = s;
                    try
                    {
                        await writer.UpdateAsync(Insert(t, s));
                    }
                    catch (Exception e) when (e is Grpc.Core.RpcException or IOException or HttpRequestException)
                    {
                        return;
                    }

                    lock (acknowledged[t])
                    {
                        acknowledged[t].Add(s);
                    }

                    inFlight[t] = null;
                    if (Interlocked.Increment(ref done) >= killAfter)
                    {
                        enough.TrySetResult();
                    }
                }
            })).ToList();
            await enough.Task.WaitAsync(TimeSpan.FromMinutes(2));
            server.Signal(9);
            await Task.WhenAll(writers).WaitAsync(TimeSpan.FromMinutes(2));
        }

        Assert.All(acknowledged, a => Assert.True(a.Count >= Kills / Tables, $"seed {seed}: only {a.Count} statements acknowledged"));
    }

    /// <summary>Statement s inserts ids s*1000 + j (j &lt; 200), v = 'r{s}-{j}' but NULL every tenth row, d = j + 0.25.</summary>
    private static string Insert(int table, long s)
    {
        var sql = new StringBuilder($"INSERT INTO crash{table} VALUES ");
        for (var j = 0; j < RowsPerStatement; j++)
        {
            sql.Append(CultureInfo.InvariantCulture, $"{(j == 0 ? "" : ", ")}({s * 1000 + j}, {(j % 10 == 0 ? "NULL" : $"'r{s}-{j}'")}, {j}.25)");
        }

        return sql.ToString();
    }

    /// <summary>The statements a table holds, each checked whole: its row count, id sum, text count and length sum, decimal sum.</summary>
    private static async Task<HashSet<long>> StatementsAsync(FlightSqlTestClient client, int table, int seed, int round)
    {
        var rows = await client.ColumnAsync(
            $"SELECT CAST(id / 1000 AS varchar) || ' ' || CAST(count(*) AS varchar) || ' ' || CAST(sum(id) AS varchar) || ' ' || CAST(count(v) AS varchar) "
            + $"|| ' ' || CAST(sum(length(v)) AS varchar) || ' ' || CAST(sum(d) AS varchar) FROM crash{table} GROUP BY id / 1000");
        var statements = new HashSet<long>();
        foreach (var row in rows)
        {
            var parts = ((string)row!).Split(' ');
            var s = long.Parse(parts[0], CultureInfo.InvariantCulture);
            var lengths = 0L;
            for (var j = 0; j < RowsPerStatement; j++)
            {
                lengths += j % 10 == 0 ? 0 : $"r{s}-{j}".Length;
            }

            var expected = $"{s} {RowsPerStatement} {s * 1000 * RowsPerStatement + RowsPerStatement * (RowsPerStatement - 1) / 2} {RowsPerStatement * 9 / 10} {lengths} "
                + $"{RowsPerStatement * (RowsPerStatement - 1) / 2 + RowsPerStatement / 4}.00";
            Assert.True(expected == (string)row, $"seed {seed} round {round}: crash{table} statement {s} is not whole: {row}, expected {expected}");
            statements.Add(s);
        }

        return statements;
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);
}
