using System.Net;
using Federation.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Federation.Coordinator;

/// <summary>
/// Hosts <see cref="FlightSqlServer"/> on Kestrel over plaintext HTTP/2 (gRPC), bound to 127.0.0.1 only: access
/// is anonymous, so nothing outside this machine may reach it.
/// </summary>
public sealed class CoordinatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CoordinatorHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>Where clients connect, e.g. http://127.0.0.1:32010 (grpc+tcp://127.0.0.1:32010 in Flight terms).</summary>
    public Uri Address { get; }

    /// <summary>Starts serving <paramref name="engine"/> on <paramref name="port"/> (0 picks a free port).</summary>
    public static async Task<CoordinatorHost> StartAsync(FederationEngine engine, int port, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddSingleton(engine);
        builder.Services.AddSingleton<SessionRegistry>();
        builder.Services.AddSingleton<PendingResults>();
        builder.Services.AddSingleton<PreparedStatements>();
        builder.Services.AddSingleton<FlightSqlPreparedStatements>();
        builder.Services.AddSingleton<QueryCancellation>();
        builder.Services.AddGrpc().AddFlightServer<FlightSqlServer>();

        var app = builder.Build();
        app.MapFlightEndpoint();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var bound = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new CoordinatorHost(app, new Uri(bound));
    }

    /// <summary>Completes when the host shuts down (Ctrl+C, SIGTERM or <see cref="StopAsync"/>).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
