using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Federation.Coordinator.Security;
using Federation.Testing;
using Grpc.Core;

namespace Federation.Coordinator.Tests;

/// <summary>
/// `fed serve` as a user runs it, in its own process on a free loopback port: sample data on first start, the
/// settings file, users and their rights, refusals at start-up, TLS. Each test has its own data folder.
/// </summary>
public sealed class ServeProcessTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("fed-serve-").FullName;

    [Fact]
    public async Task First_start_generates_the_sample_data_and_a_restart_reuses_it()
    {
        // README's first command as it is: the demo defaults, two local workers included.
        await using (var server = await FedProcess.StartAsync("serve", ["--data", _data, "--sample-scale", "0.01"]))
        {
            Assert.Contains("First start: generating TPC-H SF 0.01", server.Output, StringComparison.Ordinal);
            Assert.Contains("Workers: 2 in the pool (2 started here)", server.Output, StringComparison.Ordinal);
            Assert.Contains("anonymous access", server.Output, StringComparison.Ordinal);
            Assert.Contains("(loopback only)", server.Output, StringComparison.Ordinal);

            using var client = new FlightSqlTestClient(server.Address);
            await client.HandshakeAsync();
            Assert.Equal([25L], await client.ColumnAsync("SELECT count(*) FROM nation"));
            Assert.Equal(["AFRICA", "AMERICA", "ASIA", "EUROPE", "MIDDLE EAST"], await client.ColumnAsync("SELECT r_name FROM region ORDER BY r_name"));
            Assert.Equal([1500L * 10], await client.ColumnAsync("SELECT count(*) FROM orders"));
            Assert.Equal(["live", "live"], await client.ColumnAsync("SELECT state FROM svv_workers"));
        }

        await using (var again = await StartAsync("--sample-scale", "0.01"))
        {
            Assert.DoesNotContain("First start", again.Output, StringComparison.Ordinal);
            using var client = new FlightSqlTestClient(again.Address);
            Assert.Equal([5L], await client.ColumnAsync("SELECT count(*) FROM region"));
        }
    }

    [Fact]
    public async Task Serve_with_workers_starts_them_they_join_without_user_credentials_and_external_scans_run_on_them()
    {
        var config = WriteConfig(new
        {
            Users = new[] { new { Name = "admin", PasswordHash = PasswordHash.Create("s3cret", iterations: 1000), ReadOnly = false } },
        });
        await using var server = await StartAsync("--sample-scale", "0", "--config", config, "--workers", "2");
        Assert.Contains("Workers: 2 in the pool (2 started here)", server.Output, StringComparison.Ordinal);

        using var client = new FlightSqlTestClient(server.Address);
        await client.HandshakeAsync("admin", "s3cret");
        Assert.Equal(["live", "live"], await client.ColumnAsync("SELECT state FROM svv_workers"));

        var orders = Path.Combine(S3rverFixture.RepositoryRoot(), "tests", "data", "external", "orders");
        await client.UpdateAsync("CREATE EXTERNAL SCHEMA lake FROM DATA CATALOG DATABASE 'lakedb' CREATE EXTERNAL DATABASE IF NOT EXISTS");
        await client.UpdateAsync(
            "CREATE EXTERNAL TABLE lake.orders (o_orderkey bigint, o_custkey bigint, o_orderstatus varchar(1), o_totalprice decimal(15,2), "
            + "o_orderdate date, o_orderpriority varchar(15), o_clerk varchar(15), o_shippriority int, o_comment varchar(79)) "
            + $"PARTITIONED BY (o_ordermonth varchar(7)) STORED AS PARQUET LOCATION 'file://{orders}/'");
        await client.UpdateAsync("MSCK REPAIR TABLE lake.orders");

        // The same counts as tests/sql/external, read by the workers (one fragment per query: the objects are small).
        Assert.Equal([810L], await client.ColumnAsync("SELECT count(*) FROM lake.orders"));
        Assert.Equal([194L], await client.ColumnAsync("SELECT count(*) FROM lake.orders WHERE o_ordermonth = '1995-02'"));
        Assert.Equal([2L], await client.ColumnAsync("SELECT CAST(sum(dispatched_fragments) AS bigint) FROM svv_workers"));
    }

    [Fact]
    public async Task Its_local_workers_stop_when_serve_is_killed_with_SIGKILL()
    {
        await using var server = await StartAsync("--sample-scale", "0", "--workers", "2");
        Assert.Contains("Workers: 2 in the pool (2 started here)", server.Output, StringComparison.Ordinal);

        // No chance to stop them itself: the workers must notice (--parent-pid) that it is gone.
        var started = await server.KillAloneAsync();
        var workers = started.Where(p => p.CommandLine.Contains(" worker ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, workers.Count);
        await Eventually.UntilAsync(() => workers.All(w => !w.IsRunning()),
            () => "the workers exit: " + string.Join("; ", workers.Where(w => w.IsRunning())));
    }

    [Fact]
    public async Task Bad_sql_is_InvalidArgument_with_its_position_and_the_server_stays_up()
    {
        await using var server = await StartAsync("--sample-scale", "0");
        using var client = new FlightSqlTestClient(server.Address);
        await client.HandshakeAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => client.QueryAsync("SELECT *\nFORM nowhere"));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("(line 2, column 1)", error.Status.Detail, StringComparison.Ordinal);

        var missing = await Assert.ThrowsAsync<RpcException>(() => client.QueryAsync("SELECT * FROM nowhere"));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);

        Assert.Equal([2], await client.ColumnAsync("SELECT 1 + 1"));
    }

    [Fact]
    public async Task Configured_users_authenticate_and_a_read_only_user_cannot_write()
    {
        var config = WriteConfig(new
        {
            Users = new[]
            {
                new { Name = "admin", PasswordHash = PasswordHash.Create("s3cret", iterations: 1000), ReadOnly = false },
                new { Name = "analyst", PasswordHash = PasswordHash.Create("look-only", iterations: 1000), ReadOnly = true },
            },
        });
        await using var server = await StartAsync("--sample-scale", "0", "--config", config);
        Assert.Contains("2 user(s) configured", server.Output, StringComparison.Ordinal);

        using var nobody = new FlightSqlTestClient(server.Address);
        Assert.Equal(StatusCode.Unauthenticated, (await Assert.ThrowsAsync<RpcException>(() => nobody.QueryAsync("SELECT 1"))).StatusCode);
        var wrong = await Assert.ThrowsAsync<RpcException>(() => nobody.HandshakeAsync("admin", "guess"));
        Assert.Equal(StatusCode.Unauthenticated, wrong.StatusCode);
        Assert.Contains("wrong user name or password", wrong.Status.Detail, StringComparison.Ordinal);
        nobody.SetAuthorization("Bearer made-up");
        Assert.Equal(StatusCode.Unauthenticated, (await Assert.ThrowsAsync<RpcException>(() => nobody.QueryAsync("SELECT 1"))).StatusCode);

        using var admin = new FlightSqlTestClient(server.Address);
        await admin.HandshakeAsync("ADMIN", "s3cret");
        Assert.StartsWith("Bearer ", admin.Headers.GetValue("authorization"), StringComparison.Ordinal);
        Assert.Equal(0, await admin.UpdateAsync("CREATE TABLE shared (id INTEGER, note VARCHAR)"));
        Assert.Equal(2, await admin.UpdateAsync("INSERT INTO shared VALUES (1, 'one'), (2, 'two')"));

        // Basic credentials on every call, no handshake, as some drivers do.
        using var analyst = new FlightSqlTestClient(server.Address);
        analyst.SetAuthorization(FlightSqlTestClient.Basic("analyst", "look-only"));
        Assert.Equal(["one", "two"], await analyst.ColumnAsync("SELECT note FROM shared ORDER BY id"));
        var denied = await Assert.ThrowsAsync<RpcException>(() => analyst.UpdateAsync("INSERT INTO shared VALUES (3, 'three')"));
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        Assert.Contains("\"analyst\" may only read", denied.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.PermissionDenied, (await Assert.ThrowsAsync<RpcException>(() => analyst.QueryAsync("DROP TABLE shared"))).StatusCode);
        Assert.Equal([2L], await admin.ColumnAsync("SELECT count(*) FROM shared"));
    }

    [Fact]
    public async Task Another_address_without_users_is_refused_at_start()
    {
        var (exitCode, errors) = await FedProcess.RunToExitAsync("serve", ["--data", _data, "--sample-scale", "0", "--listen", "0.0.0.0"]);

        Assert.Equal(1, exitCode);
        Assert.Contains("listening on 0.0.0.0 needs users", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_password_that_is_not_a_hash_is_refused_at_start()
    {
        var config = WriteConfig(new { Users = new[] { new { Name = "admin", PasswordHash = "plain-text" } } });

        var (exitCode, errors) = await FedProcess.RunToExitAsync("serve", ["--data", _data, "--sample-scale", "0", "--config", config]);

        Assert.Equal(1, exitCode);
        Assert.Contains("the PasswordHash of \"admin\" is not a hash", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_footer_cache_size_is_a_storage_setting_and_a_negative_one_is_refused_at_start()
    {
        var (exitCode, errors) = await FedProcess.RunToExitAsync("serve", ["--data", _data, "--sample-scale", "0"],
            new Dictionary<string, string> { ["FED_STORAGE__FOOTERCACHEBYTES"] = "-1" });

        Assert.Equal(1, exitCode);
        Assert.Contains("Storage:FooterCacheBytes: -1 is not a size", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_certificate_the_server_speaks_TLS_only()
    {
        using var certificate = SelfSignedCertificate();
        var certificateFile = Path.Combine(_data, "server.crt");
        var keyFile = Path.Combine(_data, "server.key");
        await File.WriteAllTextAsync(certificateFile, certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(keyFile, certificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());

        await using var server = await StartAsync(
            new Dictionary<string, string> { ["FED_TLS__CERTIFICATE"] = certificateFile, ["FED_TLS__KEY"] = keyFile }, "--sample-scale", "0");
        Assert.Contains("grpc+tls://", server.Output, StringComparison.Ordinal);

        var trusting = new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == certificate.GetCertHashString() },
        };
        using var secure = new FlightSqlTestClient(new Uri($"https://127.0.0.1:{server.Address.Port}"), trusting);
        await secure.HandshakeAsync();
        Assert.Equal([42L], await secure.ColumnAsync("SELECT CAST(42 AS BIGINT)"));

        // A plaintext client's HTTP/2 preface is no TLS handshake: the server drops the connection, and the call fails
        // as unreachable, not as a protocol answer.
        using var plaintext = new FlightSqlTestClient(server.Address);
        var refused = await Assert.ThrowsAsync<RpcException>(() => plaintext.QueryAsync("SELECT 1"));
        Assert.Equal(StatusCode.Unavailable, refused.StatusCode);
        Assert.Contains("Error starting gRPC call", refused.Status.Detail, StringComparison.Ordinal);

        // The server is unharmed and still answers over TLS.
        Assert.Equal([7L], await secure.ColumnAsync("SELECT CAST(7 AS BIGINT)"));
    }

    [Fact]
    public async Task External_schemas_tables_and_partitions_survive_a_restart()
    {
        // Two months of orders (tests/data/external) as key=value folders of a table location in the data folder.
        var repository = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(repository.FullName, "Federation.sln")))
        {
            repository = repository.Parent!;
        }

        var lake = Path.Combine(_data, "lake", "orders");
        foreach (var month in new[] { "1995-01", "1995-02" })
        {
            Directory.CreateDirectory(Path.Combine(lake, $"o_ordermonth={month}"));
            File.Copy(Path.Combine(repository.FullName, "tests", "data", "external", "orders", $"o_ordermonth={month}", "part-00000.parquet"),
                Path.Combine(lake, $"o_ordermonth={month}", "part-00000.parquet"));
        }

        await using (var server = await StartAsync("--sample-scale", "0"))
        {
            using var client = new FlightSqlTestClient(server.Address);
            await client.HandshakeAsync();
            await client.UpdateAsync("CREATE EXTERNAL SCHEMA spectrum FROM DATA CATALOG DATABASE 'spectrumdb' CREATE EXTERNAL DATABASE IF NOT EXISTS");
            await client.UpdateAsync(
                $"CREATE EXTERNAL TABLE spectrum.orders (o_orderkey bigint, o_totalprice decimal(15,2)) PARTITIONED BY (o_ordermonth varchar(7)) STORED AS PARQUET LOCATION 'file://{lake}/'");
            await client.UpdateAsync("MSCK REPAIR TABLE spectrum.orders");
            Assert.Equal([392L], await client.ColumnAsync("SELECT count(*) FROM spectrum.orders"));
        }

        Assert.True(File.Exists(Path.Combine(_data, "catalog", "metastore.json")));
        await using (var again = await StartAsync("--sample-scale", "0"))
        {
            using var client = new FlightSqlTestClient(again.Address);
            await client.HandshakeAsync();
            Assert.Equal([194L], await client.ColumnAsync("SELECT count(*) FROM spectrum.orders WHERE o_ordermonth = '1995-02'"));
            Assert.Equal(["spectrumdb"], await client.ColumnAsync("SELECT databasename FROM svv_external_schemas"));
        }
    }

    private Task<FedProcess> StartAsync(params string[] arguments) => StartAsync(new Dictionary<string, string>(), arguments);

    /// <summary>
    /// `fed serve` over this test's folder; without local workers unless the test asks for them (two more processes
    /// per start would double these tests' time, and only the tests about workers need them).
    /// </summary>
    private Task<FedProcess> StartAsync(Dictionary<string, string> environment, params string[] arguments) =>
        FedProcess.StartAsync("serve", ["--data", _data, .. (arguments.Contains("--workers") ? [] : new[] { "--workers", "0" }), .. arguments], environment);

    private string WriteConfig(object settings)
    {
        var path = Path.Combine(_data, "settings.json");
        File.WriteAllText(path, JsonSerializer.Serialize(settings));
        return path;
    }

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // A server process still closing its files: the temp folder is cleaned up later.
        }
    }
}
