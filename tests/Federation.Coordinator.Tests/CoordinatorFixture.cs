using Apache.Arrow.Flight.Client;
using Federation.Engine;
using Grpc.Net.Client;

namespace Federation.Coordinator.Tests;

/// <summary>
/// A real coordinator on a free loopback port, reached over a real HTTP/2 socket by Apache Arrow's own Flight
/// client. One per test class; each test names its own tables, so tests do not see each other's data.
/// </summary>
public sealed class CoordinatorFixture : IAsyncLifetime
{
    private CoordinatorHost? _host;
    private GrpcChannel? _channel;

    public FlightClient Client { get; private set; } = null!;

    public Uri Address => _host!.Address;

    public async Task InitializeAsync()
    {
        _host = await CoordinatorHost.StartAsync(new FederationEngine(), port: 0);
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
