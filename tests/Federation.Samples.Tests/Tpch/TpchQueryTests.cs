using DuckDB.NET.Data;
using Federation.Samples.Tpch;

namespace Federation.Samples.Tests.Tpch;

/// <summary>
/// Runs the 22 query files of samples/tpch/queries, with the specification's validation
/// parameters, on DuckDB over the generated Parquet files: each must parse and return rows with a
/// value in the first column, at SF 0.01 and SF 0.1 and in both layouts.
/// </summary>
public sealed class TpchQueryTests
{
    public static TheoryData<double, bool> Datasets => new() { { 0.01, false }, { 0.01, true }, { 0.1, false } };

    [Fact]
    public void QueryFiles_AreTheTwentyTwoQueriesEachEndingInOneSemicolon()
    {
        var files = QueryFiles();
        Assert.Equal(Enumerable.Range(1, 22).Select(number => $"q{number:D2}.sql"), files.Select(Path.GetFileName));
        foreach (string file in files)
        {
            string sql = File.ReadAllText(file).TrimEnd();
            Assert.EndsWith(";", sql, StringComparison.Ordinal);
            Assert.Equal(1, sql.Count(character => character == ';'));
        }
    }

    [Theory]
    [MemberData(nameof(Datasets))]
    public void EveryQuery_ReturnsRows(double scaleFactor, bool partitionByMonth)
    {
        using var directory = new TemporaryDirectory();
        new TpchGenerator(new TpchGeneratorOptions
        {
            ScaleFactor = scaleFactor,
            OutputDirectory = directory.Path,
            PartitionByMonth = partitionByMonth,
        }).Generate();

        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        foreach (var table in TpchSchemas.Tables)
        {
            string name = TpchSchemas.TableName(table);
            string files = Path.Combine(directory.Path, name, "**", "*.parquet").Replace("'", "''", StringComparison.Ordinal);
            // hive_partitioning off: the tables keep exactly the specification's columns.
            Execute(connection, $"create view {name} as select * from read_parquet('{files}', hive_partitioning = false)");
        }

        var failures = new List<string>();
        foreach (string file in QueryFiles())
        {
            using var command = connection.CreateCommand();
            command.CommandText = File.ReadAllText(file);
            using var reader = command.ExecuteReader();
            int rows = 0;
            bool firstValueIsNull = false;
            while (reader.Read())
            {
                firstValueIsNull |= rows == 0 && reader.IsDBNull(0);
                rows++;
            }
            if (rows == 0 || firstValueIsNull)
            {
                failures.Add($"{Path.GetFileName(file)}: {rows} rows{(firstValueIsNull ? ", first value NULL" : "")}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("; ", failures));
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string[] QueryFiles()
    {
        string directory = Path.Combine(AppContext.BaseDirectory, "tpch", "queries");
        return [.. Directory.GetFiles(directory, "q*.sql").Order(StringComparer.Ordinal)];
    }
}
