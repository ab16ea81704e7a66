using System.CommandLine;
using System.Globalization;
using System.Net;
using Federation.Common;
using Federation.Coordinator;
using Federation.Engine;
using Federation.Samples.Tpch;
using Microsoft.Extensions.Configuration;

namespace Federation.Cli;

/// <summary>
/// fed serve: runs the coordinator, a Flight SQL server over an engine in this process, until Ctrl+C. Settings
/// come, later ones winning, from the defaults, appsettings.json in the current folder, fed.json in the data
/// folder, the --config file, FED_*
/// environment variables (FED_PORT, FED_LISTEN, FED_USERS__0__NAME, FED_TLS__CERTIFICATE, ...) and the options.
/// On first start it generates the TPC-H sample data into the data folder; every start registers it as tables.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var port = new Option<int?>("--port") { Description = $"TCP port (default {CoordinatorOptions.DefaultPort}; 0 picks a free one)" };
        var listen = new Option<string?>("--listen") { Description = "address to bind (default 127.0.0.1; any other needs users configured)" };
        var data = new Option<string>("--data") { Description = "data folder: settings (fed.json), the built-in catalog of external schemas and tables (catalog/), and sample data", DefaultValueFactory = _ => "data" };
        var config = new Option<string?>("--config") { Description = "a JSON settings file (Listen, Port, Users, Tls)" };
        var sampleScale = new Option<double>("--sample-scale")
        {
            Description = "TPC-H scale factor of the sample data generated on first start (0: no sample data)",
            DefaultValueFactory = _ => 0.1,
        };
        var tpch = new Option<string?>("--tpch") { Description = "register the eight TPC-H tables from this folder instead of the sample data" };
        var workers = new Option<int?>("--workers")
        {
            Description = "start this many local fed worker processes that scan external tables for this coordinator (default 0: scans run here)",
        };
        var parent = new Option<int?>("--parent-pid")
        {
            Description = "stop when this process exits (tests pass their own, so a server they started never outlives them)",
            Hidden = true,
        };
        var command = new Command("serve", "Serve Flight SQL (loopback and anonymous unless users are configured)")
        {
            port, listen, data, config, sampleScale, tpch, workers, parent,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var dataFolder = Path.GetFullPath(parse.GetValue(data)!);
            CoordinatorOptions options;
            FederationEngine engine;
            try
            {
                options = LoadOptions(dataFolder, parse.GetValue(config), parse.GetValue(listen), parse.GetValue(port));
                options.Workers = parse.GetValue(workers) ?? options.Workers;
                options.ClusterSecret = NonEmpty(Environment.GetEnvironmentVariable(WorkerCommand.SecretVariable)) ?? options.ClusterSecret;
                if (options.Workers > 0 && string.IsNullOrEmpty(options.ClusterSecret))
                {
                    // Only this process and the workers it starts know it: no other worker can join.
                    options.ClusterSecret = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
                }

                options.Validate();
                engine = await EngineFactory.CreateAsync(dataFolder, options.Storage, options.Query, options.Spill, options.DataCatalog, cancellationToken).ConfigureAwait(false);
                var tables = parse.GetValue(tpch) ?? SampleData(dataFolder, parse.GetValue(sampleScale), cancellationToken);
                if (tables is not null)
                {
                    EngineFactory.RegisterTpch(engine, tables);
                    Console.WriteLine($"Tables region, nation, supplier, customer, part, partsupp, orders, lineitem from {tables}");
                }
            }
            catch (Exception e) when (e is FederationException or InvalidOperationException or IOException or InvalidDataException
                or UnauthorizedAccessException or ArgumentException)
            {
                await Console.Error.WriteLineAsync("ERROR: " + e.Message).ConfigureAwait(false);
                return 1;
            }

            CoordinatorHost host;
            try
            {
                host = await CoordinatorHost.StartAsync(engine, options, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or System.Security.Cryptography.CryptographicException or InvalidOperationException)
            {
                await Console.Error.WriteLineAsync($"ERROR: cannot listen on {options.Listen}:{options.Port}: {e.Message}").ConfigureAwait(false);
                return 1;
            }

            await using (host.ConfigureAwait(false))
            {
                var local = LocalWorkers.Start(options.Workers, $"{host.Address.Host}:{host.Address.Port}", options.ClusterSecret ?? string.Empty);
                await using var stopWorkers = local.ConfigureAwait(false);
                await WaitForWorkersAsync(host, local.Count, cancellationToken).ConfigureAwait(false);
                PrintBanner(host);
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var parentGone = parse.GetValue(parent) is { } pid ? ParentProcess.StopWhenGoneAsync(pid, stop) : Task.CompletedTask;
                try
                {
                    await host.WaitForShutdownAsync(stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl+C or the parent gone: the host stops below.
                }

                await stop.CancelAsync().ConfigureAwait(false);
                await parentGone.ConfigureAwait(false);

                await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>Until the local workers have joined (or 30 s passed), so the first query already uses them.</summary>
    private static async Task WaitForWorkersAsync(CoordinatorHost host, int count, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (count > 0 && host.Pool.Snapshot().Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    private static CoordinatorOptions LoadOptions(string dataFolder, string? configFile, string? listen, int? port)
    {
        var options = new CoordinatorOptions();
        SettingsSources.Load(dataFolder, configFile).Bind(options);
        options.Listen = listen ?? options.Listen;
        options.Port = port ?? options.Port;
        return options;
    }

    /// <summary>The sample dataset's folder, generated the first time (a later start reuses it as it is).</summary>
    private static string? SampleData(string dataFolder, double scale, CancellationToken cancellationToken)
    {
        if (scale <= 0)
        {
            return null;
        }

        var folder = Path.Combine(dataFolder, "samples", "tpch-sf" + scale.ToString(CultureInfo.InvariantCulture));
        var generator = new TpchGenerator(new TpchGeneratorOptions { ScaleFactor = scale, OutputDirectory = folder, Overwrite = true });
        if (!File.Exists(Path.Combine(folder, "_tpch.json")))
        {
            Console.WriteLine($"First start: generating TPC-H SF {scale.ToString(CultureInfo.InvariantCulture)} sample data into {folder} ...");
        }

        generator.Generate(cancellationToken);
        return folder;
    }

    private static void PrintBanner(CoordinatorHost host)
    {
        var options = host.Options;
        var address = host.Address;
        var tls = options.Tls.Enabled;
        var loopback = IPAddress.IsLoopback(options.ListenAddress());
        Console.WriteLine($"Federation Flight SQL server listening on {address.Host}:{address.Port}"
            + (loopback ? " (loopback only)" : string.Empty)
            + (options.Anonymous
                ? ", anonymous access: no users are configured, so no credentials are checked"
                : $", {options.Users.Count} user(s) configured: clients authenticate with user and password"));
        Console.WriteLine($"Connect a Flight SQL client to {host.FlightLocation} ({(tls ? "TLS" : "plaintext, no TLS")}):");
        Console.WriteLine($"  fed sql --port {address.Port}" + (options.Anonymous ? string.Empty : " --user NAME") + (tls ? " --tls" : string.Empty));
        Console.WriteLine($"  JDBC: jdbc:arrow-flight-sql://{address.Host}:{address.Port}/?useEncryption={(tls ? "true" : "false")}"
            + (options.Anonymous ? string.Empty : "&user=NAME&password=..."));
        var workers = host.Pool.Snapshot().Count;
        Console.WriteLine(host.Pool.Secret is null
            ? "Workers: none (no cluster secret: set FED_CLUSTER_SECRET, or start with --workers N); external scans run here."
            : $"Workers: {workers} in the pool ({options.Workers} started here); more join with FED_CLUSTER_SECRET set to this coordinator's and "
                + $"`fed worker --coordinator {address.Host}:{address.Port}`. External scans run on the workers while one is alive (SELECT * FROM svv_workers).");
        Console.WriteLine("Press Ctrl+C to stop.");
    }
}
