using Federation.Testing;

namespace Federation.Coordinator.Tests;

/// <summary>
/// Local tables made through a real `fed serve` are on disk in its data folder: after a clean stop and a start on the
/// same folder they hold what they held, and CREATE TABLE AS, TRUNCATE and DROP TABLE persist too.
/// </summary>
public sealed class LocalTableRestartTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("fed-local-restart-").FullName;

    [Fact]
    public async Task Local_tables_survive_a_restart_of_the_server()
    {
        string[] arguments = ["--data", _data, "--sample-scale", "0", "--workers", "0"];
        await using (var server = await FedProcess.StartAsync("serve", arguments))
        {
            using var client = new FlightSqlTestClient(server.Address);
            await client.HandshakeAsync();
            await client.UpdateAsync("CREATE TABLE kept (id bigint NOT NULL, name varchar(20), price decimal(12,2), day date, at timestamp, ok boolean, x double precision)");
            Assert.Equal(3, await client.UpdateAsync(
                "INSERT INTO kept VALUES (1, 'one', 1.50, '2024-01-31', '2024-01-31 12:00:00', true, 0.5), (2, NULL, NULL, NULL, NULL, NULL, NULL), "
                + "(3, 'three', -3.25, '1999-12-31', '2000-01-01 00:00:00', false, -1e300)"));
            await client.UpdateAsync("CREATE TABLE copied AS SELECT id * 10 AS id10, name FROM kept");
            await client.UpdateAsync("CREATE TABLE emptied (a int)");
            await client.UpdateAsync("INSERT INTO emptied VALUES (1), (2)");
            await client.UpdateAsync("TRUNCATE emptied");
            await client.UpdateAsync("CREATE TABLE dropped (a int)");
            await client.UpdateAsync("DROP TABLE dropped");

            // A statement that fails midway (division by zero in its third row) adds nothing.
            await Assert.ThrowsAnyAsync<Exception>(() => client.UpdateAsync("INSERT INTO kept (id) SELECT 100 / (3 - id) FROM kept"));
            Assert.Equal([3L], await client.ColumnAsync("SELECT count(*) FROM kept"));
            server.Signal(15);
            await server.WaitForExitAsync();
        }

        await using var again = await FedProcess.StartAsync("serve", arguments);
        using var after = new FlightSqlTestClient(again.Address);
        await after.HandshakeAsync();
        Assert.Equal(["1|one|1.50|2024-01-31|2024-01-31 12:00:00|true|0.5", "2|NULL|NULL|NULL|NULL|NULL|NULL", "3|three|-3.25|1999-12-31|2000-01-01 00:00:00|false|-1E+300"],
            await after.ColumnAsync(
                "SELECT CAST(id AS varchar) || '|' || coalesce(name, 'NULL') || '|' || coalesce(CAST(price AS varchar), 'NULL') || '|' || coalesce(CAST(day AS varchar), 'NULL')"
                + " || '|' || coalesce(CAST(at AS varchar), 'NULL') || '|' || coalesce(CAST(ok AS varchar), 'NULL') || '|' || coalesce(CAST(x AS varchar), 'NULL') FROM kept ORDER BY id"));
        Assert.Equal([10L, 20L, 30L], await after.ColumnAsync("SELECT id10 FROM copied ORDER BY id10"));
        Assert.Equal([0L], await after.ColumnAsync("SELECT count(*) FROM emptied"));
        await Assert.ThrowsAnyAsync<Exception>(() => after.ColumnAsync("SELECT count(*) FROM dropped"));

        // And they go on taking rows.
        await after.UpdateAsync("INSERT INTO emptied VALUES (7)");
        Assert.Equal([7], await after.ColumnAsync("SELECT a FROM emptied"));
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);
}
