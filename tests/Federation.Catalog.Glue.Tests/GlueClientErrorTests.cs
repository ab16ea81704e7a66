using System.Net;
using System.Net.Sockets;
using Federation.Catalog.External;
using Federation.Catalog.Glue;
using Federation.Common;
using Federation.Engine;
using Federation.Testing;

namespace Federation.Catalog.Glue.Tests;

/// <summary>
/// The Glue client's failures over real HTTP: a closed port, 5xx answered and retried, retries used up, throttling,
/// an answer that is not JSON. Each is a FederationException naming the endpoint, and the next call (or statement) works.
/// </summary>
public sealed class GlueClientErrorTests
{
    /// <summary>A loopback port nothing listens on: bound, read, released.</summary>
    private static int ClosedPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    [Fact]
    public async Task A_refused_connection_is_CatalogUnavailable_naming_the_endpoint()
    {
        var endpoint = $"http://127.0.0.1:{ClosedPort()}/";
        using var metastore = new GlueMetastore(GlueTestCatalog.Options(endpoint));
        var error = await Assert.ThrowsAsync<FederationException>(() => metastore.GetDatabaseAsync("lake", default));
        Assert.Equal(ErrorCode.CatalogUnavailable, error.Code);
        Assert.Contains($"the Glue endpoint {endpoint} cannot be reached", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failures_on_Glue_s_side_are_retried_and_the_call_succeeds()
    {
        await using var server = GlueTestCatalog.Server(3);
        using var metastore = new GlueMetastore(GlueTestCatalog.Options(server.Endpoint, retries: 3));
        server.FailNext(2, status: 503);
        Assert.Equal("lake", (await metastore.GetDatabaseAsync("lake", default))!.Name);
        Assert.Equal(2, server.FailedCalls);
        Assert.Equal(["GetDatabase"], server.Operations.ToArray());

        server.ThrottleNext(3);
        Assert.Equal(3, (await metastore.ListPartitionsAsync("lake", "t", default)).Count);
        Assert.Equal(3, server.ThrottledCalls);
    }

    [Theory]
    [InlineData(false, "InternalServiceException")]
    [InlineData(true, "ThrottlingException")]
    public async Task Retries_used_up_say_how_many_attempts_were_made(bool throttle, string type)
    {
        await using var server = GlueTestCatalog.Server(3);
        using var metastore = new GlueMetastore(GlueTestCatalog.Options(server.Endpoint, retries: 2));
        if (throttle)
        {
            server.ThrottleNext(3);
        }
        else
        {
            server.FailNext(3);
        }

        var error = await Assert.ThrowsAsync<FederationException>(() => metastore.GetTableAsync("lake", "t", default));
        Assert.Equal(ErrorCode.CatalogUnavailable, error.Code);
        Assert.Equal($"the Glue Data Catalog at {server.Endpoint} failed on table lake.t after 3 attempts: {type}: "
            + (throttle ? "Rate exceeded" : "Internal service error"), error.Message);
        Assert.Equal(3, throttle ? server.ThrottledCalls : server.FailedCalls);

        // The fourth call is answered: the client was not left broken.
        Assert.Equal("t", (await metastore.GetTableAsync("lake", "t", default))!.Name);
    }

    [Fact]
    public async Task An_answer_that_is_not_JSON_is_an_error_naming_the_endpoint_and_the_operation()
    {
        await using var server = GlueTestCatalog.Server(3);
        using var metastore = new GlueMetastore(GlueTestCatalog.Options(server.Endpoint));
        server.AnswerGarbageNext();
        var error = await Assert.ThrowsAsync<FederationException>(() => metastore.GetTableAsync("lake", "t", default));
        Assert.Equal(ErrorCode.CatalogUnavailable, error.Code);
        Assert.StartsWith($"the Glue endpoint {server.Endpoint} answered GetTable with 28 bytes that are not JSON", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("starting '<html>502 Bad Gateway</html>'", error.Message, StringComparison.Ordinal);
        Assert.Equal("t", (await metastore.GetTableAsync("lake", "t", default))!.Name);
    }

    [Fact]
    public async Task The_engine_answers_after_each_failure()
    {
        await using var server = GlueTestCatalog.Server(3);
        var options = GlueTestCatalog.Options(server.Endpoint, retries: 1) with { MetadataCacheTtl = TimeSpan.Zero };
        var session = new FederationEngine(external: ExternalCatalog.InMemory(new GlueMetastoreFactory(options))).CreateSession();
        await session.ExecuteAsync("CREATE EXTERNAL SCHEMA glue FROM DATA CATALOG DATABASE 'lake' REGION 'us-east-1'");
        const string Partitions = "SELECT count(*) FROM svv_external_partitions WHERE schemaname = 'glue'";
        Assert.Equal(["3"], await ResultRows.OfAsync(session, Partitions));

        // Two attempts fail the table-list refresh before the statement (which keeps the kept list: a statement that does
        // not touch the schema must not fail), two more fail the partition listing itself.
        server.FailNext(4);
        var failed = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(session, Partitions));
        Assert.Equal(ErrorCode.CatalogUnavailable, failed.Code);
        Assert.Contains("after 2 attempts", failed.Message, StringComparison.Ordinal);
        Assert.Equal(["3"], await ResultRows.OfAsync(session, Partitions));

        server.AnswerGarbageNext(2);
        var garbled = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(session, Partitions));
        Assert.Contains("not JSON", garbled.Message, StringComparison.Ordinal);
        Assert.Equal(["1|3"], await ResultRows.OfAsync(session, "SELECT 1, count(*) FROM svv_external_partitions WHERE schemaname = 'glue'"));
    }
}
