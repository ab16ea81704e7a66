namespace Federation.SqlLogic.Tests;

/// <summary>skipif/onlyif test the labels a file runs under: always "federation", and "workers" when the runner says so.</summary>
public sealed class SltParserTests
{
    private const string File = """
        skipif workers
        query I
        SELECT 1
        ----
        1

        onlyif workers
        query I
        SELECT 2
        ----
        2

        skipif federation
        statement ok
        SELECT 3

        onlyif duckdb
        statement ok
        SELECT 4

        onlyif federation
        skipif WORKERS
        statement ok
        SELECT 5
        """;

    [Fact]
    public void Without_labels_a_file_runs_as_federation_in_one_process()
    {
        var records = SltParser.Parse(File, "labels.slt");

        Assert.Equal(["SELECT 1", "SELECT 5"], records.Select(Sql));
    }

    [Fact]
    public void Under_the_workers_label_skipif_workers_drops_and_onlyif_workers_keeps()
    {
        var labels = new SltRunner(() => throw new InvalidOperationException("not run"), labels: [SltParser.WorkersLabel]).Labels;

        var records = SltParser.Parse(File, "labels.slt", labels);

        Assert.Equal(["SELECT 2"], records.Select(Sql));
    }

    private static string Sql(SltRecord record) => record switch
    {
        SltQuery q => q.Sql,
        SltStatement s => s.Sql,
        _ => record.ToString(),
    };
}
