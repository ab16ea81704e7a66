using Federation.Testing;

namespace Federation.Cli.Tests;

/// <summary>
/// `fed run --parquet name=glob` and read_parquet over a glob, as the README shows them, on tests/data/external/orders
/// (o_ordermonth=YYYY-MM partition folders, with a marker, an empty and a hidden file among the data).
/// </summary>
public sealed class ParquetGlobRunTests
{
    private static readonly string Orders = Path.Combine(RepositoryPaths.DataDir, "external", "orders");

    [Fact]
    public async Task A_glob_across_partition_folders_registers_the_matched_files_with_their_partition_column()
    {
        var run = await FedProgram.RunAsync(
            "run", "--format", "csv", "--parquet", $"o={Orders}/o_ordermonth=1995-0*/part-*.parquet",
            "-c", "SELECT o_ordermonth, count(*), sum(o_orderkey) FROM o GROUP BY 1 ORDER BY 1");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal(["o_ordermonth,count,sum", "1995-01,198,5595825", "1995-02,194,6021369", "1995-03,214,6682916"], Lines(run.Stdout));
    }

    [Fact]
    public async Task Read_parquet_takes_a_glob_at_any_depth()
    {
        var run = await FedProgram.RunAsync(
            "run", "--format", "csv", "-c", $"SELECT count(*), count(o_ordermonth) FROM read_parquet('{Orders}/**/*.parquet')");

        // Four months, the NULL month's folder included; its rows have no o_ordermonth value.
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal(["count,count", "810,606"], Lines(run.Stdout));
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
