using System.CommandLine;
using Federation.Common;
using Federation.Coordinator;

namespace Federation.Cli;

/// <summary>
/// fed serve [--port N] [--tpch DIR]: runs the coordinator, a Flight SQL server over an engine in this process,
/// until Ctrl+C. It listens on 127.0.0.1 only and lets anyone in, so it is for clients on this machine.
/// </summary>
internal static class ServeCommand
{
    /// <summary>The port Flight SQL servers customarily use.</summary>
    private const int DefaultPort = 32010;

    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "TCP port on 127.0.0.1 (0 picks a free one)", DefaultValueFactory = _ => DefaultPort };
        var tpch = new Option<string?>("--tpch") { Description = "register the eight TPC-H tables from a folder made by 'fed generate tpch'" };
        var command = new Command("serve", "Serve Flight SQL on 127.0.0.1 (anonymous access, this machine only)") { port, tpch };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var engine = EngineFactory.Create();
            try
            {
                if (parse.GetValue(tpch) is { } tpchFolder)
                {
                    EngineFactory.RegisterTpch(engine, tpchFolder);
                }
            }
            catch (FederationException e)
            {
                await Console.Error.WriteLineAsync("ERROR: " + e.Message).ConfigureAwait(false);
                return 1;
            }

            CoordinatorHost host;
            try
            {
                host = await CoordinatorHost.StartAsync(engine, parse.GetValue(port), cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                await Console.Error.WriteLineAsync($"ERROR: cannot listen on 127.0.0.1:{parse.GetValue(port)}: {e.Message}").ConfigureAwait(false);
                return 1;
            }

            await using (host.ConfigureAwait(false))
            {
                var address = host.Address;
                Console.WriteLine($"Federation Flight SQL server listening on {address.Host}:{address.Port} (loopback only, anonymous access: no credentials are checked)");
                Console.WriteLine($"Connect with a Flight SQL client to grpc+tcp://{address.Host}:{address.Port} (plaintext, no TLS);");
                Console.WriteLine($"  e.g. JDBC: jdbc:arrow-flight-sql://{address.Host}:{address.Port}/?useEncryption=false");
                Console.WriteLine("Press Ctrl+C to stop.");
                try
                {
                    await host.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl+C: the host stops below.
                }

                await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }
}
