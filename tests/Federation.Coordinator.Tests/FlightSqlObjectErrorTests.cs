using Apache.Arrow;
using Federation.Cli;
using Federation.Testing;
using Grpc.Core;
using Grpc.Net.Client;

namespace Federation.Coordinator.Tests;

/// <summary>
/// A file that cannot be read as it is answers with a status a client does not retry: a corrupt page is DataLoss
/// (Unavailable would have the client's retry policy run the query again, to the same end), a file column of another
/// type than the table declares is FailedPrecondition (fix the table or the file); both name the object. The session's
/// parquet_verify_checksums, set over Flight SQL, reads the corrupt page.
/// </summary>
public sealed class FlightSqlObjectErrorTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fed-object-errors-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Shared(string name) => Path.Combine(RepositoryPaths.SharedTestData!, "parquet", name);

    /// <summary>Runs a query to its last batch: planning errors come from GetFlightInfo, reading errors from DoGet.</summary>
    private static async Task<List<RecordBatch>> QueryAsync(FlightSqlCalls calls, string sql, Grpc.Core.Metadata session)
    {
        var info = await calls.Client.GetInfo(FlightSqlCalls.Query(sql), session);
        return await calls.ReadAllAsync(info.Endpoints[0].Ticket, session);
    }

    [Fact]
    public async Task A_corrupt_page_is_DataLoss_naming_the_file_and_a_type_mismatch_is_FailedPrecondition()
    {
        await using var host = await CoordinatorHost.StartAsync(EngineFactory.Create(), port: 0);
        using var channel = GrpcChannel.ForAddress(host.Address);
        var calls = new FlightSqlCalls(new Apache.Arrow.Flight.Client.FlightClient(channel));
        var session = await calls.HandshakeAsync();
        var corrupt = Shared("datapage_v1-corrupt-checksum.parquet");

        var error = await Assert.ThrowsAsync<RpcException>(() => QueryAsync(calls, $"SELECT sum(a) FROM read_parquet('{corrupt}')", session));
        Assert.Equal(StatusCode.DataLoss, error.StatusCode);
        Assert.StartsWith($"cannot read Parquet file {corrupt}: IOError: could not verify page integrity, CRC checksum verification failed", error.Status.Detail,
            StringComparison.Ordinal);

        await calls.UpdateAsync("SET parquet_verify_checksums = off", session);
        var batch = Assert.Single(await QueryAsync(calls, $"SELECT count(*), sum(a) FROM read_parquet('{corrupt}')", session));
        Assert.Equal((5120L, 43118090496L), (((Int64Array)batch.Column(0)).GetValue(0), ((Int64Array)batch.Column(1)).GetValue(0)));

        File.Copy(Shared("datapage_v1-uncompressed-checksum.parquet"), Path.Combine(_folder, "part-0.parquet"));
        await calls.UpdateAsync("CREATE EXTERNAL SCHEMA lake FROM DATA CATALOG DATABASE 'lakedb' CREATE EXTERNAL DATABASE IF NOT EXISTS", session);
        await calls.UpdateAsync($"CREATE EXTERNAL TABLE lake.pages (a date, b int) STORED AS PARQUET LOCATION 'file://{_folder}/'", session);
        var mismatch = await Assert.ThrowsAsync<RpcException>(() => QueryAsync(calls, "SELECT a FROM lake.pages", session));
        Assert.Equal(StatusCode.FailedPrecondition, mismatch.StatusCode);
        Assert.Equal($"column \"a\" of lake.pages has type integer in Parquet file file:{_folder}/part-0.parquet but the table declares date", mismatch.Status.Detail);

        // The server still answers.
        Assert.Equal(5120L, ((Int64Array)Assert.Single(await QueryAsync(calls, "SELECT count(b) FROM lake.pages", session)).Column(0)).GetValue(0));
        await host.StopAsync();
    }
}
