using Federation.Engine;
using Federation.Formats.Parquet;
using Federation.Testing;

namespace Federation.Tpch.Tests;

/// <summary>The 22 TPC-H queries over SF 0.1 Parquet files: Federation's answers must equal DuckDB's on the same files.</summary>
public sealed class TpchQueryTests : IClassFixture<TpchDataset>
{
    private readonly TpchDataset _dataset;

    public TpchQueryTests(TpchDataset dataset)
    {
        _dataset = dataset;
    }

    public static TheoryData<int> Queries() => [.. Enumerable.Range(1, 22)];

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Answer_matches_DuckDB(int number)
    {
        var sql = _dataset.Query(number);
        var expected = DuckDbReference.Run(_dataset.Folder, sql);
        var actual = await RunFederation(sql);
        Assert.NotEmpty(expected);
        var difference = ResultComparer.Difference(expected, actual);
        Assert.True(difference is null, $"Q{number}: {difference}");
    }

    private Task<List<object?[]>> RunFederation(string sql)
    {
        var engine = new FederationEngine();
        foreach (var table in TpchDataset.Tables)
        {
            engine.Catalog.TryAddTable(engine.Catalog.DefaultSchema, table, new ParquetTable(table, Path.Combine(_dataset.Folder, table)));
        }

        return FederationRows.RunAsync(engine, sql);
    }
}
