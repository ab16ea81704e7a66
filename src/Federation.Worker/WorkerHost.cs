using Federation.Exchange;
using Federation.Physical.Files;
using Federation.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Federation.Worker;

/// <summary>Hosts <see cref="WorkerFlightServer"/> on Kestrel over HTTP/2 (gRPC, plaintext).</summary>
public sealed class WorkerHost : IAsyncDisposable
{
    /// <summary>What <see cref="CoordinatorLost"/> is without a coordinator.</summary>
    private static readonly TaskCompletionSource<string> Never = new();

    private readonly WebApplication _app;
    private CoordinatorHeartbeat? _heartbeat;

    private WorkerHost(WebApplication app, Uri address, WorkerOptions options)
    {
        _app = app;
        Address = address;
        Options = options;
    }

    /// <summary>This worker's identity in its coordinator's pool; null when it was started without a coordinator.</summary>
    public string? WorkerId => _heartbeat?.WorkerId;

    /// <summary>Where the coordinator connects, e.g. http://127.0.0.1:32020.</summary>
    public Uri Address { get; }

    public WorkerOptions Options { get; }

    /// <summary>The Flight location of <see cref="Address"/>.</summary>
    public string FlightLocation => $"grpc+tcp://{Address.Host}:{Address.Port}";

    /// <summary>
    /// Serves fragments that read from <paramref name="stores"/> in <paramref name="formats"/>; invalid options (no or
    /// too short a secret) throw before anything listens.
    /// </summary>
    public static async Task<WorkerHost> StartAsync(WorkerOptions options, ObjectStoreRegistry stores, IEnumerable<IFileFormat> formats,
        CancellationToken cancellationToken = default)
    {
        options.Validate();
        var secret = ClusterSecret.FromText(options.ClusterSecret);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(options.ListenAddress(), options.Port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(secret);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(new FragmentPlanner(stores, formats));
        builder.Services.AddSingleton<WorkerLoad>();
        // What the fragments running at once may hold together, beside each one's own limit.
        builder.Services.AddSingleton(new Execution.MemoryPool(Execution.ExecutionOptions.DefaultTotalMemoryLimit()));
        builder.Services.AddGrpc().AddFlightServer<WorkerFlightServer>();

        var app = builder.Build();
        app.MapFlightEndpoint();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var bound = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var host = new WorkerHost(app, new Uri(bound), options);
        if (!string.IsNullOrEmpty(options.Coordinator))
        {
            host._heartbeat = new CoordinatorHeartbeat(options, secret, app.Services.GetRequiredService<WorkerLoad>(),
                string.IsNullOrEmpty(options.Advertise) ? host.FlightLocation : options.Advertise,
                app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<CoordinatorHeartbeat>(), app.Services.GetRequiredService<TimeProvider>());
            host._heartbeat.Start();
        }

        return host;
    }

    /// <summary>
    /// Completes, saying why, when the coordinator has not been reached for <see cref="WorkerOptions.CoordinatorLostExit"/>;
    /// never without a coordinator or with that setting 0.
    /// </summary>
    public Task<string> CoordinatorLost => _heartbeat?.Lost ?? Never.Task;

    /// <summary>Completes when the host shuts down (Ctrl+C, SIGTERM or <see cref="StopAsync"/>).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Leaves the pool first (no new fragments come), then stops, letting running fragments finish.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await LeavePoolAsync().ConfigureAwait(false);
        await _app.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await LeavePoolAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task LeavePoolAsync()
    {
        if (Interlocked.Exchange(ref _heartbeat, null) is { } heartbeat)
        {
            await heartbeat.DisposeAsync().ConfigureAwait(false);
        }
    }
}
