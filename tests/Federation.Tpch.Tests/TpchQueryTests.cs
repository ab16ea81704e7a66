using Apache.Arrow;
using DuckDB.NET.Data;
using Federation.Common.Arrow;
using Federation.Common.Types;
using Federation.Engine;
using Federation.Formats.Parquet;

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
        var expected = RunDuckDb(sql);
        var actual = await RunFederation(sql);
        Assert.NotEmpty(expected);
        var difference = ResultComparer.Difference(expected, actual);
        Assert.True(difference is null, $"Q{number}: {difference}");
    }

    private List<object?[]> RunDuckDb(string sql)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using (var setup = connection.CreateCommand())
        {
            foreach (var table in TpchDataset.Tables)
            {
                var glob = Path.Combine(_dataset.Folder, table, "**", "*.parquet");
                setup.CommandText = $"CREATE VIEW {table} AS SELECT * FROM read_parquet('{glob}')";
                setup.ExecuteNonQuery();
            }
        }

        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    private async Task<List<object?[]>> RunFederation(string sql)
    {
        var engine = new FederationEngine();
        foreach (var table in TpchDataset.Tables)
        {
            engine.Catalog.TryAddTable(engine.Catalog.DefaultSchema, table, new ParquetTable(table, Path.Combine(_dataset.Folder, table)));
        }

        var session = engine.CreateSession();
        var result = await session.ExecuteAsync(sql.Trim().TrimEnd(';'));
        var rows = new List<object?[]>();
        foreach (var batch in await result.CollectAsync())
        {
            for (var r = 0; r < batch.Length; r++)
            {
                var row = new object?[batch.ColumnCount];
                for (var c = 0; c < row.Length; c++)
                {
                    row[c] = ToClr(ArrayFactory.GetScalar(batch.Column(c), r, result.ColumnTypes[c]));
                }

                rows.Add(row);
            }
        }

        return rows;
    }

    private static object? ToClr(ScalarValue value) => value.Value switch
    {
        null => null,
        Int128 unscaled => decimal.TryParse(DecimalMath.Format(unscaled, value.Type.Scale), System.Globalization.NumberStyles.Number,
            System.Globalization.CultureInfo.InvariantCulture, out var exact) ? exact : DecimalMath.ToDouble(unscaled, value.Type.Scale),
        int days when value.Type.Kind == TypeKind.Date => DateOnly.FromDateTime(DateTime.UnixEpoch.AddDays(days)),
        _ => value.Value,
    };
}
