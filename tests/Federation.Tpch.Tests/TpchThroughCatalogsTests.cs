using Federation.Testing;

namespace Federation.Tpch.Tests;

/// <summary>
/// The 22 TPC-H queries over tables declared in a Hive metastore and in Glue (<see cref="TpchThroughCatalogsFixture"/>),
/// files in s3rver: every answer must equal DuckDB's over the same files, and each partitioned table must show the
/// partitions MSCK REPAIR TABLE wrote through to the catalog.
/// </summary>
public sealed class TpchThroughCatalogsTests(TpchThroughCatalogsFixture fixture) : IClassFixture<TpchThroughCatalogsFixture>
{
    public static TheoryData<string, int> Queries()
    {
        var data = new TheoryData<string, int>();
        foreach (var catalog in new[] { "hive", "glue" })
        {
            for (var number = 1; number <= 22; number++)
            {
                data.Add(catalog, number);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Answer_through_the_catalog_matches_DuckDB(string catalog, int number)
    {
        var sql = File.ReadAllText(Path.Combine(RepositoryPaths.TpchQueries, $"q{number:00}.sql")).Trim().TrimEnd(';');
        var expected = fixture.Expected(number, sql);
        var actual = await FederationRows.RunAsync(fixture.Engines[catalog], TpchQualifiedQuery.Qualify(sql, TpchThroughCatalogsFixture.Schema));
        Assert.NotEmpty(expected);
        var difference = ResultComparer.Difference(expected, actual);
        Assert.True(difference is null, $"{catalog} Q{number}: {difference}");
    }

    [Fact]
    public void The_partitions_were_written_through_to_both_catalogs()
    {
        var months = Directory.GetDirectories(Path.Combine(fixture.Data.LocalFolder, "lineitem")).Length;
        Assert.True(months > 12, $"{months} month folders");
        Assert.Equal(months, fixture.Hive.Partitions("tpchdb", "lineitem").Count);
        Assert.Equal(months, fixture.Glue.PartitionCount("tpchdb", "lineitem"));
        Assert.Equal(Directory.GetDirectories(Path.Combine(fixture.Data.LocalFolder, "orders")).Length, fixture.Glue.PartitionCount("tpchdb", "orders"));
    }

    [Fact]
    public void Only_table_names_are_qualified()
    {
        Assert.Equal("select n2.n_name as nation from tpch.nation n1, tpch.nation n2 where nation = 'BRAZIL'",
            TpchQualifiedQuery.Qualify("select n2.n_name as nation from nation n1, nation n2 where nation = 'BRAZIL'", "tpch"));
        Assert.Equal("-- customer\nselect * from tpch.customer left outer join tpch.orders on c_custkey = o_custkey",
            TpchQualifiedQuery.Qualify("-- customer\nselect * from customer left outer join orders on c_custkey = o_custkey", "tpch"));
    }
}
