using System.Security.Cryptography.X509Certificates;
using Federation.Coordinator.Security;
using Federation.Coordinator.Workers;
using Federation.Exchange;
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
/// Hosts <see cref="FlightSqlServer"/> on Kestrel over HTTP/2 (gRPC), with TLS when a certificate is configured.
/// Every call passes <see cref="AuthenticationInterceptor"/> first.
/// </summary>
public sealed class CoordinatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CoordinatorHost(WebApplication app, Uri address, CoordinatorOptions options)
    {
        _app = app;
        Address = address;
        Options = options;
    }

    /// <summary>How long stopping waits for open calls, after cancelling their statements, before closing their connections.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Where clients connect, e.g. http://127.0.0.1:32010 (grpc+tcp://127.0.0.1:32010 in Flight terms).</summary>
    public Uri Address { get; }

    public CoordinatorOptions Options { get; }

    /// <summary>The workers that joined this coordinator (empty without a cluster secret).</summary>
    public WorkerPool Pool => _app.Services.GetRequiredService<WorkerPool>();

    /// <summary>The Flight location of <see cref="Address"/>: grpc+tls when TLS is on, else grpc+tcp.</summary>
    public string FlightLocation => $"{(Options.Tls.Enabled ? "grpc+tls" : "grpc+tcp")}://{Address.Host}:{Address.Port}";

    /// <summary>Serves <paramref name="engine"/> anonymously on loopback at <paramref name="port"/> (0 picks a free port).</summary>
    public static Task<CoordinatorHost> StartAsync(FederationEngine engine, int port, CancellationToken cancellationToken = default) =>
        StartAsync(engine, new CoordinatorOptions { Port = port }, cancellationToken);

    /// <summary>Serves <paramref name="engine"/> as <paramref name="options"/> say; invalid options throw before anything listens.</summary>
    public static async Task<CoordinatorHost> StartAsync(FederationEngine engine, CoordinatorOptions options, CancellationToken cancellationToken = default)
    {
        options.Validate();
        var certificate = options.Tls.Enabled ? LoadCertificate(options.Tls) : null;

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(options.ListenAddress(), options.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            }));
        builder.Services.AddSingleton(engine);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(new Authenticator(options.Users));
        builder.Services.AddSingleton<SessionRegistry>();
        builder.Services.AddSingleton<PendingResults>();
        builder.Services.AddSingleton<PreparedStatements>();
        builder.Services.AddSingleton<FlightSqlPreparedStatements>();
        builder.Services.AddSingleton<QueryCancellation>();
        builder.Services.AddSingleton<ServerShutdown>();

        // Stopping cancels every statement (ServerShutdown), so open calls end in moments; this bounds the wait for
        // the few that would not (a client that stopped reading its stream).
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = ShutdownTimeout);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(services => new WorkerPool(
            string.IsNullOrEmpty(options.ClusterSecret) ? null : ClusterSecret.FromText(options.ClusterSecret), options.Pool,
            services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILogger<WorkerPool>>()));
        builder.Services.AddGrpc(grpc => grpc.Interceptors.Add<AuthenticationInterceptor>()).AddFlightServer<FlightSqlServer>();

        var app = builder.Build();
        app.MapFlightEndpoint();
        var pool = app.Services.GetRequiredService<WorkerPool>();
        if (pool.Secret is not null)
        {
            // External scans go to the workers while one is alive; the engine sees only the dispatcher.
            engine.Dispatcher = new FragmentDispatcher(pool);
        }

        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var bound = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new CoordinatorHost(app, new Uri(bound), options);
    }

    private static X509Certificate2 LoadCertificate(TlsOptions tls)
    {
        var path = tls.Certificate!;
        if (path.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".p12", StringComparison.OrdinalIgnoreCase))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, tls.Password);
        }

        var key = string.IsNullOrEmpty(tls.Key) ? path : tls.Key;
        var pem = string.IsNullOrEmpty(tls.Password)
            ? X509Certificate2.CreateFromPemFile(path, key)
            : X509Certificate2.CreateFromEncryptedPemFile(path, tls.Password, key);

        // A certificate from PEM carries an ephemeral key, which SslStream cannot use on every platform: re-import.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>Completes when the host shuts down (Ctrl+C, SIGTERM or <see cref="StopAsync"/>).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
