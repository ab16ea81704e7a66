using System.Diagnostics;
using System.Globalization;
using Federation.Coordinator;
using Federation.Coordinator.Workers;
using Federation.Engine;
using Federation.Testing;

namespace Federation.Worker.Tests;

/// <summary>
/// A `fed worker` does not outlive what it serves: it stops when the process named by --parent-pid is gone (even when
/// that process is left a zombie by a parent that does not collect it), and, started with --coordinator, when no
/// heartbeat has reached that coordinator for CoordinatorLostExitSeconds.
/// </summary>
public sealed class WorkerLifetimeTests
{
    private const string Secret = "worker-lifetime-tests-secret-0123456789abcdef";

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
    public async Task A_worker_that_has_not_reached_its_coordinator_for_the_set_time_stops_saying_why()
    {
        var coordinator = await CoordinatorHost.StartAsync(new FederationEngine(), new CoordinatorOptions
        {
            Port = 0,
            ClusterSecret = Secret,
            Pool = new WorkerPoolOptions { HeartbeatTimeoutMilliseconds = 3_000 },
        });
        var address = $"127.0.0.1:{coordinator.Address.Port}";
        FedProcess worker;
        try
        {
            worker = await FedProcess.StartAsync("worker", ["--coordinator", address], new Dictionary<string, string>
            {
                ["FED_CLUSTER_SECRET"] = Secret,
                ["FED_HEARTBEATMILLISECONDS"] = "100",
                ["FED_COORDINATORLOSTEXITSECONDS"] = "2",
            });

            // It joins, so its heartbeats reach the coordinator; then the coordinator is gone for good.
            await Eventually.UntilAsync(() => coordinator.Pool.Snapshot().Count == 1, () => "the worker joins");
        }
        finally
        {
            await coordinator.DisposeAsync();
        }

        await using (worker)
        {
            Assert.Equal(1, await worker.WaitForExitAsync());
            Assert.Contains($"ERROR: no heartbeat reached the coordinator {address} for 2 s (CoordinatorLostExitSeconds): the worker stops", worker.Errors,
                StringComparison.Ordinal);
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
