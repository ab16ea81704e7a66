using System.Globalization;
using Amazon.Runtime;
using Federation.Catalog.Glue;
using Federation.Testing;

namespace Federation.Catalog.Glue.Tests;

/// <summary>A TestGlueServer holding database lake with table t partitioned by day (int), and the options that reach it.</summary>
internal static class GlueTestCatalog
{
    public static TestGlueServer Server(int days)
    {
        var server = new TestGlueServer();
        server.AddDatabase("lake");
        server.AddParquetTable("lake", "t", "s3://lake/t/", [("a", "int")], [("day", "int")]);
        for (var day = 1; day <= days; day++)
        {
            server.AddPartition("lake", "t", [day.ToString(CultureInfo.InvariantCulture)], $"s3://lake/t/day={day}/");
        }

        return server;
    }

    public static GlueOptions Options(string endpoint, int retries = 5) => new("us-east-1")
    {
        Endpoint = endpoint,
        Credentials = new BasicAWSCredentials(TestGlueServer.AccessKey, TestGlueServer.SecretKey),
        PartitionSegments = 1,
        MaxRetries = retries,
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
    };
}
