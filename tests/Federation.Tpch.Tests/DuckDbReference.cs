using DuckDB.NET.Data;

namespace Federation.Tpch.Tests;

/// <summary>DuckDB's answer to a query over the eight TPC-H tables of a folder (one subfolder of Parquet files per table, partitioned or not).</summary>
public static class DuckDbReference
{
    public static List<object?[]> Run(string folder, string sql)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using (var setup = connection.CreateCommand())
        {
            foreach (var table in TpchDataset.Tables)
            {
                var glob = Path.Combine(folder, table, "**", "*.parquet");
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
}
