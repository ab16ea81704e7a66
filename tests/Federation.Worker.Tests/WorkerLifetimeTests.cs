using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Federation.Coordinator;
using Federation.Engine;
using Federation.Exchange;
using Federation.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Federation.Worker.Tests;

/// <summary>
/// A `fed worker` does not outlive what it serves: it stops when the process named by --parent-pid is gone (even when
/// that process is left a zombie by a parent that does not collect it), and, started with --coordinator, when no
/// heartbeat has reached that coordinator for CoordinatorLostExitSeconds.
/// </summary>
public sealed class WorkerLifetimeTests
{
    private const string Secret = "worker-lifetime-tests-secret-0123456789abcdef";

    /// <summary>The heartbeat interval of the test whose clock is fake.</summary>
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task A_worker_stops_when_its_parent_dies_even_if_nobody_collects_the_dead_parent()
    {
        // sh starts `sleep 600` (the parent to be) and becomes `sleep 601`, which never waits for its children: once
        // killed, the parent stays a zombie. Process.WaitForExitAsync of a non-child counts a zombie as alive.
        var start = new ProcessStartInfo("sh") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-c", "sleep 600 & echo $!; exec sleep 601" })
        {
            start.ArgumentList.Add(argument);
        }

        using var keeper = Process.Start(start)!;
        try
        {
            var parent = int.Parse((await keeper.StandardOutput.ReadLineAsync())!, CultureInfo.InvariantCulture);
            await using var worker = await FedProcess.StartAsync("worker", [], new Dictionary<string, string> { ["FED_CLUSTER_SECRET"] = Secret }, parent);

            using (var dying = Process.GetProcessById(parent))
            {
                dying.Kill();
            }

            await Eventually.UntilAsync(() => ProcessEntry.Read(parent)?.State == 'Z', () => $"the parent is a zombie: {ProcessEntry.Read(parent)}");
            Assert.Equal(0, await worker.WaitForExitAsync());
        }
        finally
        {
            keeper.Kill(entireProcessTree: true);
            await keeper.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task A_worker_whose_coordinator_never_answers_stops_after_the_set_time_saying_why()
    {
        // A port nothing listens on: every heartbeat is refused, from the first.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var address = $"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        listener.Stop();

        await using var worker = await FedProcess.StartAsync("worker", ["--coordinator", address], new Dictionary<string, string>
        {
            ["FED_CLUSTER_SECRET"] = Secret,
            ["FED_HEARTBEATMILLISECONDS"] = "100",
            ["FED_COORDINATORLOSTEXITSECONDS"] = "1",
        });

        Assert.Equal(1, await worker.WaitForExitAsync());
        Assert.Contains($"ERROR: no heartbeat reached the coordinator {address} for 1 s (CoordinatorLostExitSeconds): the worker stops", worker.Errors,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Heartbeats_that_reach_the_coordinator_keep_a_worker_however_long_it_runs_and_it_gives_up_only_once_they_stop()
    {
        // The heartbeats are real calls to a real coordinator; the clock they are sent and judged by moves only when
        // the test moves it, so what happens at which moment is exact.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var coordinator = await CoordinatorHost.StartAsync(new FederationEngine(), new CoordinatorOptions { Port = 0, ClusterSecret = Secret });
        var options = new WorkerOptions
        {
            ClusterSecret = Secret,
            Coordinator = $"127.0.0.1:{coordinator.Address.Port}",
            HeartbeatMilliseconds = 60_000,
            CoordinatorLostExitSeconds = 600,
        };
        var heartbeat = new CoordinatorHeartbeat(options, ClusterSecret.FromText(Secret), new WorkerLoad(), "grpc+tcp://127.0.0.1:9", NullLogger.Instance, clock);
        var stopped = false;
        try
        {
            heartbeat.Start();
            await NextHeartbeatAsync();

            // 30 heartbeat intervals of a minute, three times the allowance: each reached the coordinator, so it is kept.
            for (var i = 0; i < 30; i++)
            {
                await NextHeartbeatAsync();
            }

            Assert.False(heartbeat.Lost.IsCompleted, "given up while its heartbeats were reaching the coordinator");

            // The coordinator gone: it is given up once 10 minutes have passed since the last heartbeat that reached it, not before.
            var lastReached = clock.GetTimestamp();
            await coordinator.DisposeAsync();
            stopped = true;
            while (clock.GetElapsedTime(lastReached) < options.CoordinatorLostExit)
            {
                Assert.False(heartbeat.Lost.IsCompleted, $"given up {clock.GetElapsedTime(lastReached)} after the coordinator was last reached");
                clock.Advance(Interval);
                await Task.Yield();
            }

            await Eventually.UntilAsync(() =>
            {
                if (heartbeat.Lost.IsCompleted)
                {
                    return true;
                }

                clock.Advance(Interval);
                return false;
            }, () => "the coordinator is given up");
            Assert.Equal($"no heartbeat reached the coordinator {options.Coordinator} for 600 s (CoordinatorLostExitSeconds)", await heartbeat.Lost);
        }
        finally
        {
            if (!stopped)
            {
                await coordinator.DisposeAsync();
            }

            await heartbeat.DisposeAsync();
        }

        DateTime? LastHeartbeat() => coordinator.Pool.Snapshot().SingleOrDefault(w => w.WorkerId == heartbeat.WorkerId)?.LastHeartbeat;

        // Moves the clock on an interval at a time until the coordinator has taken one more heartbeat (the loop may not
        // be waiting yet when the clock first moves, or a first heartbeat may fail while the coordinator warms up).
        async Task NextHeartbeatAsync()
        {
            var before = LastHeartbeat();
            await Eventually.UntilAsync(() =>
            {
                if (LastHeartbeat() != before)
                {
                    return true;
                }

                clock.Advance(Interval);
                return false;
            }, () => "the next heartbeat arrives");
        }
    }

    [Fact]
    public async Task A_negative_coordinator_lost_time_is_refused_at_start()
    {
        var (exitCode, errors) = await FedProcess.RunToExitAsync("worker", ["--coordinator", "127.0.0.1:9"],
            new Dictionary<string, string> { ["FED_CLUSTER_SECRET"] = Secret, ["FED_COORDINATORLOSTEXITSECONDS"] = "-1" });

        Assert.Equal(1, exitCode);
        Assert.Contains("CoordinatorLostExitSeconds: -1 must be 0 (never) or more", errors, StringComparison.Ordinal);
    }
}
