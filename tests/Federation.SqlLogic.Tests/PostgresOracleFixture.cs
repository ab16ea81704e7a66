using Federation.Testing.Postgres;

namespace Federation.SqlLogic.Tests;

/// <summary>One private PostgreSQL server for all of <see cref="PostgresOracleTests"/>' files.</summary>
public sealed class PostgresOracleFixture : IAsyncLifetime
{
    public PostgresServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await PostgresServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}
