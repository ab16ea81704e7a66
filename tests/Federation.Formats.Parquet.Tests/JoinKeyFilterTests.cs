using System.Text.RegularExpressions;
using Federation.Engine;
using Federation.Testing;

namespace Federation.Formats.Parquet.Tests;

/// <summary>
/// Dynamic join filters over TPC-H files: in Q12 the filtered line items are the build side, and the orders scan
/// under the probe side passes up only the orders they name, with the same answer as without the filter.
/// </summary>
public sealed partial class JoinKeyFilterTests(S3TpchFixture data) : IClassFixture<S3TpchFixture>
{
    private FederationEngine Engine()
    {
        var engine = new FederationEngine();
        foreach (var table in new[] { "orders", "lineitem" })
        {
            engine.Catalog.TryAddTable(engine.Catalog.DefaultSchema, table, new ParquetTable(table, Path.Combine(data.LocalFolder, table)));
        }

        return engine;
    }

    [Fact]
    public async Task The_orders_scan_passes_up_only_orders_the_line_items_name()
    {
        var q12 = File.ReadAllText(Path.Combine(Testing.S3rverFixture.RepositoryRoot(), "samples", "tpch", "queries", "q12.sql")).Trim().TrimEnd(';');
        var engine = Engine();
        var orders = long.Parse((await ResultRows.OfAsync(engine.CreateSession(), "SELECT count(*) FROM orders"))[0]);
        var matched = long.Parse((await ResultRows.OfAsync(engine.CreateSession(),
            "SELECT count(DISTINCT l_orderkey) FROM lineitem WHERE l_shipmode IN ('MAIL', 'SHIP') AND l_commitdate < l_receiptdate " +
            "AND l_shipdate < l_commitdate AND l_receiptdate >= DATE '1994-01-01' AND l_receiptdate < DATE '1995-01-01'"))[0]);

        // The rendered plan text shows its line breaks as \n.
        var plan = string.Join('\n', await ResultRows.OfAsync(engine.CreateSession(), "EXPLAIN ANALYZE " + q12)).Replace("\\n", "\n", StringComparison.Ordinal);
        var scan = plan.Split('\n').Single(line => line.Contains("ParquetScanExec: orders", StringComparison.Ordinal));
        Assert.Contains("join_key_filters=[o_orderkey@0 = l_orderkey@0]", scan, StringComparison.Ordinal);
        var output = long.Parse(OutputRows().Match(scan).Groups[1].Value);
        var dropped = long.Parse(RowsFiltered().Match(scan).Groups[1].Value);
        Assert.Equal(matched, output);
        Assert.Equal(orders, output + dropped);
        Assert.True(output * 10 < orders, $"{output} of {orders} orders passed");

        // The same answer as the join computes without any filter in the scan (a LIMIT above the scan stops it).
        var unfiltered = q12.Replace("from\n    orders,", "from\n    (select * from orders limit 100000000) orders,", StringComparison.Ordinal);
        Assert.NotEqual(q12, unfiltered);
        Assert.Equal(await ResultRows.OfAsync(engine.CreateSession(), unfiltered), await ResultRows.OfAsync(engine.CreateSession(), q12));
    }

    [GeneratedRegex(@"output_rows=(\d+)")]
    private static partial Regex OutputRows();

    [GeneratedRegex(@"rows_filtered=(\d+)")]
    private static partial Regex RowsFiltered();
}
