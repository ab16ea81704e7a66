using Federation.Testing;
using Grpc.Core;

namespace Federation.Coordinator.Tests;

/// <summary>
/// `fed serve` stopped by a signal while a query runs, as an operator stops it (SIGTERM) or a terminal does (SIGINT):
/// the query is cancelled and its client told why, the server and the workers it started are gone within seconds.
/// </summary>
public sealed class ShutdownTests : IDisposable
{
    private const int SigInt = 2;
    private const int SigTerm = 15;

    /// <summary>Generous, for a shared machine: the server stops in about a second; this only bounds a hang.</summary>
    private static readonly TimeSpan ExitDeadline = TimeSpan.FromSeconds(30);

    private readonly string _data = Directory.CreateTempSubdirectory("fed-shutdown-").FullName;

    /// <summary>
    /// SIGTERM, and SIGINT unless this test process ignores it: a child inherits an ignored SIGINT (a shell runs
    /// background jobs so) and rightly keeps ignoring it, as any server started in the background does.
    /// </summary>
    public static TheoryData<int> Signals()
    {
        var signals = new TheoryData<int> { SigTerm };
        if (!Ignored(SigInt))
        {
            signals.Add(SigInt);
        }

        return signals;
    }

    [Theory]
    [MemberData(nameof(Signals))]
    public async Task A_signal_cancels_the_running_query_with_Unavailable_and_the_server_and_its_workers_exit(int signal)
    {
        await using var server = await FedProcess.StartAsync("serve", ["--data", _data, "--sample-scale", "0.01", "--workers", "2"]);
        var workers = ProcessesWithArgument($"--parent-pid {server.Pid}");
        Assert.Equal(2, workers.Count);

        using var client = new FlightSqlTestClient(server.Address);
        await client.HandshakeAsync();

        // A cross join of 60,175 line items with themselves: 3.6 billion rows, streamed as they are made.
        var stream = client.StreamAsync("SELECT a.l_orderkey FROM lineitem a, lineitem b").GetAsyncEnumerator();
        Assert.True(await stream.MoveNextAsync());
        Assert.True(stream.Current.Length > 0);

        server.Signal(signal);
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await stream.MoveNextAsync())
            {
            }
        });
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("the server is shutting down", error.Status.Detail, StringComparison.Ordinal);

        Assert.True(await server.WaitForExitAsync(ExitDeadline), "fed serve did not exit after the signal");
        Assert.Equal(0, server.ExitCode);
        foreach (var pid in workers)
        {
            Assert.True(await ExitedAsync(pid, ExitDeadline), $"worker process {pid} outlived its coordinator");
        }

        await stream.DisposeAsync();
    }

    [Fact]
    public async Task A_query_stopped_before_its_first_row_tells_its_client_the_server_is_shutting_down()
    {
        await using var server = await FedProcess.StartAsync("serve", ["--data", _data, "--sample-scale", "0.01", "--workers", "0"]);
        using var client = new FlightSqlTestClient(server.Address);
        await client.HandshakeAsync();

        // One row at the very end, after 3.6 billion pairs: the stream has begun but holds no batch yet. The client's
        // gRPC retries an Unavailable call whose response has not begun, which would turn the server's reason into
        // "connection refused"; the server begins every DoGet's response first.
        using var call = await client.OpenStreamAsync("SELECT count(*) FROM lineitem a, lineitem b");
        server.Signal(SigTerm);
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
            }
        });
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("the server is shutting down", error.Status.Detail, StringComparison.Ordinal);
        Assert.True(await server.WaitForExitAsync(ExitDeadline), "fed serve did not exit after the signal");
    }

    /// <summary>Whether this process ignores <paramref name="signal"/> (the SigIgn mask of /proc/self/status).</summary>
    private static bool Ignored(int signal)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("SigIgn:", StringComparison.Ordinal))
            {
                var mask = Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16);
                return (mask & (1UL << (signal - 1))) != 0;
            }
        }

        return false;
    }

    /// <summary>The processes whose command line holds <paramref name="argument"/> (arguments joined by spaces).</summary>
    private static List<int> ProcessesWithArgument(string argument)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var line = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (line.Contains(argument + " ", StringComparison.Ordinal) || line.EndsWith(argument + " ", StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
                // Gone while we looked.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return found;
    }

    private static async Task<bool> ExitedAsync(int pid, TimeSpan deadline)
    {
        using var cancel = new CancellationTokenSource(deadline);
        while (Directory.Exists($"/proc/{pid}") && !IsZombie(pid))
        {
            try
            {
                await Task.Delay(50, cancel.Token);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException)
        {
            return true;
        }
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);
}
