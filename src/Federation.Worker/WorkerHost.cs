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
    private readonly WebApplication _app;

    private WorkerHost(WebApplication app, Uri address, WorkerOptions options)
    {
        _app = app;
        Address = address;
        Options = options;
    }

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
        builder.Services.AddGrpc().AddFlightServer<WorkerFlightServer>();

        var app = builder.Build();
        app.MapFlightEndpoint();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var bound = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new WorkerHost(app, new Uri(bound), options);
    }

    /// <summary>Completes when the host shuts down (Ctrl+C, SIGTERM or <see cref="StopAsync"/>).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
