using Apache.Arrow.Flight.Client;
using Federation.Engine;
using Grpc.Net.Client;

namespace Federation.Coordinator.Tests;

/// <summary>
/// A real coordinator, as <see cref="CoordinatorFixture"/>, whose catalog also has the schemas sales and
/// sales_archive beside public, created the way a host registers them, so schema patterns have something to tell
/// apart (SQL has no CREATE SCHEMA yet).
/// </summary>
public sealed class MetadataFixture : IAsyncLifetime
{
    private CoordinatorHost? _host;
    private GrpcChannel? _channel;

    public FlightClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var engine = new FederationEngine();
        engine.Catalog.CreateSchema("sales");
        engine.Catalog.CreateSchema("sales_archive");
        _host = await CoordinatorHost.StartAsync(engine, port: 0);
        _channel = GrpcChannel.ForAddress(_host.Address);
        Client = new FlightClient(_channel);
    }

    public async Task DisposeAsync()
    {
        _channel?.Dispose();
        if (_host is not null)
        {
            await _host.StopAsync();
            await _host.DisposeAsync();
        }
    }
}
