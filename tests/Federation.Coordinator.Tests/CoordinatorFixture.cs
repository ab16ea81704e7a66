using Apache.Arrow.Flight.Client;
using Federation.Testing;
using Grpc.Net.Client;

namespace Federation.Coordinator.Tests;

/// <summary>
/// The real `fed serve` program in its own process on a free loopback port (anonymous, no sample data, its own data
/// folder), reached over a real HTTP/2 socket by Apache Arrow's own Flight client. One per test class; each test
/// names its own tables, so tests do not see each other's data.
/// </summary>
public sealed class CoordinatorFixture : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("fed-coordinator-").FullName;
    private FedProcess? _server;
    private GrpcChannel? _channel;

    public FlightClient Client { get; private set; } = null!;

    public Uri Address => _server!.Address;

    public async Task InitializeAsync()
    {
        _server = await FedProcess.StartAsync("serve", ["--data", _data, "--sample-scale", "0", "--workers", "0"]);
        _channel = GrpcChannel.ForAddress(_server.Address);
        Client = new FlightClient(_channel);
    }

    public async Task DisposeAsync()
    {
        _channel?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Directory.Delete(_data, recursive: true);
    }
}
