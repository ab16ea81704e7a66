using Federation.Testing;
using Federation.Tpch.Tests;

namespace Federation.Formats.Avro.Tests;

/// <summary>The 22 TPC-H queries over SF 0.1 as Avro in s3rver (Spectrum DDL) answer as DuckDB answers over the Parquet files they were written from.</summary>
public sealed class TpchOverAvroTests(TpchAvroFixture data) : IClassFixture<TpchAvroFixture>
{
    public static TheoryData<int> Queries() => [.. Enumerable.Range(1, 22)];

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Answer_matches_DuckDB_over_the_parquet_twin(int number)
    {
        var expected = DuckDbReference.Run(data.Parquet.Folder, data.Parquet.Query(number));
        var actual = await FederationRows.RunAsync(data.Engine, TpchQueryText.Query(number, TpchAvroFixture.Schema));
        Assert.NotEmpty(expected);
        var difference = ResultComparer.Difference(expected, actual);
        Assert.True(difference is null, $"Q{number}: {difference}");
    }
}
