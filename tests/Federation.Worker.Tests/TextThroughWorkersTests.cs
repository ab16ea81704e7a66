using System.Globalization;
using System.Text;
using Federation.Common;
using Federation.Formats.Text;
using Federation.Testing;

namespace Federation.Worker.Tests;

/// <summary>
/// Text tables through real `fed worker` processes: the rows equal what one process reads, a table's data handling
/// and spectrum_query_maxerror apply on the workers, what they handled reaches SVL_SPECTRUM_SCAN_ERROR on the
/// coordinator, and the coordinator counts the bad rows skipped over every fragment against the one tolerance.
/// </summary>
[Collection(WorkersCollection.Name)]
public sealed class TextThroughWorkersTests(PoolFixture pool)
{
    private const int Objects = 3;
    private const int RowsPerObject = 900;

    /// <summary>
    /// Three objects of about 11 KB, so that each is a fragment of its own (16 KiB target); each has one value that
    /// overflows its column (row 100) and one that is no number at all (row 200).
    /// </summary>
    private async Task<string> CreateTableAsync(string name, string prefix, string properties)
    {
        for (var o = 0; o < Objects; o++)
        {
            var text = new StringBuilder();
            for (var r = 0; r < RowsPerObject; r++)
            {
                var id = (o * RowsPerObject) + r;
                var amount = r == 100 ? "123456789" : r == 200 ? "n/a" : (r % 50).ToString(CultureInfo.InvariantCulture);
                text.Append(CultureInfo.InvariantCulture, $"{id}|{amount}|row {id}|\n");
            }

            await pool.Data.Store.WriteAsync($"{prefix}/part-{o}.tbl", Encoding.UTF8.GetBytes(text.ToString()), CancellationToken.None);
        }

        pool.Engine.RegisterFileFormat(new TextFileFormat("text"));
        await pool.Engine.CreateSession().ExecuteAsync(
            $"CREATE EXTERNAL TABLE tpch.{name} (id int, amount smallint, note text) ROW FORMAT DELIMITED FIELDS TERMINATED BY '|' STORED AS TEXTFILE "
            + $"LOCATION 's3://{WorkerFixture.Bucket}/{prefix}/' {properties}");
        return $"tpch.{name}";
    }

    [Fact]
    public async Task Bad_rows_are_handled_on_the_workers_and_counted_against_one_tolerance_on_the_coordinator()
    {
        await pool.WaitForPoolAsync(2);
        var table = await CreateTableAsync("badrows", "badrows-pool", "TABLE PROPERTIES ('numeric_overflow_handling' = 'SET_TO_NULL')");
        var session = pool.Engine.CreateSession();
        var before = pool.Coordinator.Pool.Snapshot().Sum(w => w.DispatchedFragments);

        // A query that does not read amount is not troubled by it.
        Assert.Equal([$"{Objects * RowsPerObject}"], await WorkerFixture.SqlAsync(session, $"SELECT count(*) FROM {table}"));

        // No tolerance: the first 'n/a' fails the query, named by object, line and column.
        var error = await Assert.ThrowsAsync<FederationException>(() => WorkerFixture.SqlAsync(session, $"SELECT count(amount) FROM {table}"));
        Assert.Contains("line 201, column \"amount\" of " + table + ": 'n/a' is not a valid smallint", error.Message, StringComparison.Ordinal);

        // Each fragment skips one row, within its own limit of 2; three in all are one too many for the query.
        await session.ExecuteAsync("SET spectrum_query_maxerror = 2");
        error = await Assert.ThrowsAsync<FederationException>(() => WorkerFixture.SqlAsync(session, $"SELECT count(amount) FROM {table}"));
        Assert.Contains($"the scan of {table} skipped 3 bad rows on the workers, more than spectrum_query_maxerror (2)", error.Message, StringComparison.Ordinal);

        await session.ExecuteAsync("SET spectrum_query_maxerror = 3");
        var expectedRows = Objects * (RowsPerObject - 1);
        Assert.Equal([$"{expectedRows}|{Objects}"], await WorkerFixture.SqlAsync(session, $"SELECT count(*), count(*) - count(amount) FROM {table}"));
        Assert.True(pool.Coordinator.Pool.Snapshot().Sum(w => w.DispatchedFragments) >= before + (3 * Objects), "the fragments ran on the workers");

        var errors = await WorkerFixture.SqlAsync(session,
            "SELECT location, colname, original_value, action, error_code FROM svl_spectrum_scan_error "
            + "WHERE query = (SELECT max(query) FROM svl_spectrum_scan_error) ORDER BY location, action");
        var expected = new List<string>();
        for (var o = 0; o < Objects; o++)
        {
            var location = $"s3://{WorkerFixture.Bucket}/badrows-pool/part-{o}.tbl";
            expected.Add($"{location}|amount|123456789|SET_TO_NULL|4");
            expected.Add($"{location}|amount|n/a|SKIP_ROW|5");
        }

        Assert.Equal(expected, errors);
    }
}
