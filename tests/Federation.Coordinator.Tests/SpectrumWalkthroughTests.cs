using System.Globalization;
using Apache.Arrow.Flight.Client;
using Federation.Coordinator.Tests.Protocol;
using Federation.Storage.S3;
using Federation.Testing;
using Grpc.Net.Client;
using ParquetSharp;

namespace Federation.Coordinator.Tests;

/// <summary>
/// The walkthrough a Spectrum user makes, end to end with real processes: partitioned Parquet objects in a bucket of a
/// real s3rver, the real `fed serve` pointed at it by the standard AWS environment variables, and the real
/// `fed sql -f script.sql` creating the external schema and table, adding and recovering partitions, querying with a
/// partition filter, a join with a local table and aggregates, and reading the system views; then Flight SQL's
/// GetTables lists the external table.
/// </summary>
public sealed class SpectrumWalkthroughTests(S3rverFixture s3) : IClassFixture<S3rverFixture>, IDisposable
{
    private const string Bucket = "walkthrough";

    private readonly string _folder = Directory.CreateTempSubdirectory("fed-walkthrough-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>(id, customer_id, amount) rows per sale_date partition.</summary>
    private static readonly (string Day, long[] Ids, long[] Customers, long[] Amounts)[] Sales =
    [
        ("2024-01-01", [1, 2, 3], [1, 2, 1], [100, 200, 300]),
        ("2024-01-02", [4, 5], [2, 3], [400, 500]),
        ("2024-01-03", [6, 7, 8], [1, 3, 2], [600, 700, 800]),
    ];

    private async Task UploadSalesAsync()
    {
        await s3.CreateBucketAsync(Bucket);
        var store = new S3ObjectStore(s3.Client, Bucket, s3.Options);
        foreach (var (day, ids, customers, amounts) in Sales)
        {
            var path = Path.Combine(_folder, day + ".parquet");
            using (var writer = new ParquetFileWriter(path, [new Column<long>("id"), new Column<long>("customer_id"), new Column<long>("amount")]))
            {
                using var rowGroup = writer.AppendRowGroup();
                foreach (var values in new[] { ids, customers, amounts })
                {
                    using var column = rowGroup.NextColumn().LogicalWriter<long>();
                    column.WriteBatch(values);
                }

                writer.Close();
            }

            await store.WriteAsync($"sales/sale_date={day}/part-0.parquet", await File.ReadAllBytesAsync(path), default);
            await store.WriteAsync($"sales/sale_date={day}/_SUCCESS", Array.Empty<byte>(), default);
        }
    }

    [Fact]
    public async Task Fed_sql_creates_queries_and_lists_partitioned_external_tables_in_S3_through_fed_serve()
    {
        await UploadSalesAsync();
        var environment = new Dictionary<string, string>
        {
            ["AWS_ENDPOINT_URL_S3"] = s3.Endpoint,
            ["AWS_ACCESS_KEY_ID"] = S3rverFixture.AccessKey,
            ["AWS_SECRET_ACCESS_KEY"] = S3rverFixture.SecretKey,
            ["AWS_REGION"] = "us-east-1",
        };
        await using var server = await FedProcess.StartAsync("serve", ["--data", Path.Combine(_folder, "data"), "--sample-scale", "0", "--workers", "0"], environment);

        var script = Path.Combine(_folder, "script.sql");
        await File.WriteAllTextAsync(script, $"""
            CREATE EXTERNAL SCHEMA lake FROM DATA CATALOG DATABASE 'lakedb' CREATE EXTERNAL DATABASE IF NOT EXISTS;
            CREATE EXTERNAL TABLE lake.sales (id bigint, customer_id bigint, amount bigint)
              PARTITIONED BY (sale_date date) STORED AS PARQUET LOCATION 's3://{Bucket}/sales/';
            ALTER TABLE lake.sales ADD PARTITION (sale_date='2024-01-01') LOCATION 's3://{Bucket}/sales/sale_date=2024-01-01/';
            -- already there: with IF NOT EXISTS a notice, not an error
            ALTER TABLE lake.sales ADD IF NOT EXISTS PARTITION (sale_date='2024-01-01') LOCATION 's3://{Bucket}/sales/sale_date=2024-01-01/';
            MSCK REPAIR TABLE lake.sales;
            ALTER TABLE lake.sales RECOVER PARTITIONS;
            SELECT tablename, "values", location FROM svv_external_partitions ORDER BY "values";
            SELECT count(*) AS sales, sum(amount) AS total FROM lake.sales WHERE sale_date = '2024-01-02';
            SELECT total_partitions, qualified_partitions FROM svl_s3partition WHERE query = (SELECT max(query) FROM svl_s3partition);
            SELECT external_table_name, files, requests, s3_scanned_rows FROM svl_s3query_summary WHERE query = (SELECT max(query) FROM svl_s3query_summary);
            CREATE TABLE customers (customer_id bigint, name varchar(10));
            INSERT INTO customers VALUES (1, 'ada'), (2, 'bob'), (3, 'cy');
            SELECT c.name, count(*) AS sales, sum(s.amount) AS total, min(s.sale_date) AS first_sale
              FROM lake.sales s JOIN customers c ON s.customer_id = c.customer_id
              GROUP BY c.name ORDER BY c.name;
            SELECT schemaname, tablename, location FROM svv_external_tables;
            """);
        var run = await FedProgram.RunAsync(["sql", "--port", server.Address.Port.ToString(CultureInfo.InvariantCulture), "--format", "csv", "-f", script]);

        // The filter on sale_date kept 1 of 3 partitions: one object read, in one request (it is small: read whole).
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal(
            $"""
            tablename,values,location
            sales,"[""2024-01-01""]",s3://{Bucket}/sales/sale_date=2024-01-01/
            sales,"[""2024-01-02""]",s3://{Bucket}/sales/sale_date=2024-01-02/
            sales,"[""2024-01-03""]",s3://{Bucket}/sales/sale_date=2024-01-03/
            sales,total
            2,900
            total_partitions,qualified_partitions
            3,1
            external_table_name,files,requests,s3_scanned_rows
            lake.sales,1,1,2
            name,sales,total,first_sale
            ada,3,1000,2024-01-01
            bob,3,1400,2024-01-01
            cy,2,1200,2024-01-02
            schemaname,tablename,location
            lake,sales,s3://{Bucket}/sales/

            """.ReplaceLineEndings("\r\n"),
            run.Stdout);

        // Update counts and notices: the schema (its database created: a notice) and table, the partition added, none by
        // ADD IF NOT EXISTS of the same one (a notice, not an error), the other two recovered by MSCK REPAIR and none
        // by RECOVER PARTITIONS after it, the local table and its rows.
        Assert.Equal(
            "NOTICE: created database \"lakedb\" in the data catalog\nOK, 0 rows affected\nOK, 0 rows affected\nOK, 1 row affected\n" +
            "NOTICE: partition sale_date=2024-01-01 of lake.sales already exists, skipping\nOK, 0 rows affected\nOK, 2 rows affected\n" +
            "OK, 0 rows affected\nOK, 0 rows affected\nOK, 3 rows affected\n",
            run.Stderr);

        // A Flight SQL client sees the external table beside the local one.
        using var channel = GrpcChannel.ForAddress(server.Address);
        var calls = new FlightSqlCalls(new FlightClient(channel));
        var session = await calls.HandshakeAsync();
        var tables = await calls.FetchAsync(FlightSqlCalls.Command(new CommandGetTables()), session);
        Assert.Equal(["lake", "public"], FlightSqlCalls.Strings(tables, 1));
        Assert.Equal(["sales", "customers"], FlightSqlCalls.Strings(tables, 2));
    }
}
