using System.CommandLine;
using System.Net;
using Federation.Formats.Avro;
using Federation.Formats.Json;
using Federation.Formats.Orc;
using Federation.Formats.Parquet;
using Federation.Formats.Text;
using Federation.Physical.Files;
using Federation.Storage;
using Federation.Storage.S3;
using Federation.Worker;
using Microsoft.Extensions.Configuration;

namespace Federation.Cli;

/// <summary>
/// fed worker: runs a stateless worker, a Flight service that runs the scan fragments its coordinator signs, until
/// Ctrl+C (or, given --coordinator, until it has not reached that coordinator for CoordinatorLostExitSeconds, when it
/// exits with code 1; or, given --parent-pid, until that process is gone). It is configured with nothing but where it
/// listens, the cluster secret and object-store access (the same AWS_* variables as the coordinator). Settings come,
/// later ones winning, from appsettings.json in the current folder, the --config file, FED_* environment variables
/// (FED_PORT, FED_LISTEN, FED_CLUSTER_SECRET) and the options.
/// </summary>
internal static class WorkerCommand
{
    /// <summary>The environment variable the cluster secret is read from (the coordinator reads the same one).</summary>
    public const string SecretVariable = "FED_CLUSTER_SECRET";

    public static Command Create()
    {
        var port = new Option<int?>("--port") { Description = $"TCP port (default {WorkerOptions.DefaultPort}; 0 picks a free one)" };
        var listen = new Option<string?>("--listen") { Description = "address to bind (default 127.0.0.1)" };
        var secret = new Option<string?>("--secret")
        {
            Description = $"the cluster secret, at least {Exchange.ClusterSecret.MinimumLength} characters; prefer {SecretVariable}, which other users cannot see",
        };
        var coordinator = new Option<string?>("--coordinator")
        {
            Description = "the coordinator to join (host:port): the worker registers there and sends heartbeats, and is dropped when they stop",
        };
        var parent = new Option<int?>("--parent-pid")
        {
            Description = "stop when this process exits (fed serve --workers passes its own, so its workers never outlive it)",
            Hidden = true,
        };
        var config = new Option<string?>("--config")
        {
            Description = "a JSON settings file (Listen, Port, ClusterSecret, ScanPartitions, Coordinator, HeartbeatMilliseconds, CoordinatorLostExitSeconds, Advertise)",
        };
        var command = new Command("worker", "Run a worker: serves the scan fragments the coordinator signs with the cluster secret, over Arrow Flight")
        {
            port, listen, secret, coordinator, parent, config,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            WorkerOptions options;
            try
            {
                options = new WorkerOptions();
                SettingsSources.Load(null, parse.GetValue(config)).Bind(options);
                options.ClusterSecret = parse.GetValue(secret) ?? NonEmpty(Environment.GetEnvironmentVariable(SecretVariable)) ?? options.ClusterSecret;
                options.Listen = parse.GetValue(listen) ?? options.Listen;
                options.Port = parse.GetValue(port) ?? options.Port;
                options.Coordinator = parse.GetValue(coordinator) ?? options.Coordinator;
                options.Validate();
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or InvalidDataException or FormatException)
            {
                await Console.Error.WriteLineAsync("ERROR: " + e.Message).ConfigureAwait(false);
                return 1;
            }

            var stores = new ObjectStoreRegistry();
            S3ObjectStore.Register(stores, new S3StoreOptions());
            IFileFormat[] formats = [new ParquetFileFormat(), new TextFileFormat("text"), new TextFileFormat("csv"), new JsonFileFormat(), new AvroFileFormat(), new OrcFileFormat()];

            WorkerHost host;
            try
            {
                host = await WorkerHost.StartAsync(options, stores, formats, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException)
            {
                await Console.Error.WriteLineAsync($"ERROR: cannot listen on {options.Listen}:{options.Port}: {e.Message}").ConfigureAwait(false);
                return 1;
            }

            await using (host.ConfigureAwait(false))
            {
                var loopback = IPAddress.IsLoopback(options.ListenAddress());
                Console.WriteLine($"Federation worker listening on {host.Address.Host}:{host.Address.Port}" + (loopback ? " (loopback only)" : string.Empty)
                    + $", {host.FlightLocation}: runs only scan fragments signed with the cluster secret");
                Console.WriteLine($"Reads {string.Join(", ", formats.Select(f => f.Name))} from s3:// (AWS_* settings) and file://.");
                Console.WriteLine(host.WorkerId is { } id
                    ? $"Joins the pool of coordinator {options.Coordinator} as {id}, with a heartbeat every {options.HeartbeatMilliseconds} ms."
                    : "No coordinator given (--coordinator): it serves fragments, but joins no pool.");
                Console.WriteLine("Press Ctrl+C to stop.");
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var parentGone = parse.GetValue(parent) is { } pid ? ParentProcess.StopWhenGoneAsync(pid, stop) : Task.CompletedTask;
                var shutdown = host.WaitForShutdownAsync(stop.Token);
                var lost = host.CoordinatorLost;
                await Task.WhenAny(shutdown, lost).ConfigureAwait(false);
                var coordinatorLost = lost.IsCompleted;
                if (coordinatorLost)
                {
                    await Console.Error.WriteLineAsync($"ERROR: {await lost.ConfigureAwait(false)}: the worker stops").ConfigureAwait(false);
                }

                await stop.CancelAsync().ConfigureAwait(false);
                try
                {
                    await shutdown.ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl+C, the parent gone or the coordinator lost: the host stops below.
                }

                await parentGone.ConfigureAwait(false);
                await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
                return coordinatorLost ? 1 : 0;
            }
        });
        return command;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
