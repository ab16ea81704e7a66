using DuckDB.NET.Data;

namespace Federation.Fuzz.Tests;

/// <summary>
/// Runs a query in DuckDB with every output column cast to VARCHAR (DuckDB's own text for each value), so no value
/// passes through a CLR type that cannot hold it (38-digit decimals, years past 9999).
/// </summary>
public sealed class DuckDbExecutor
{
    private readonly DuckDBConnection _connection;
    private readonly TimeSpan _timeout;

    public DuckDbExecutor(DuckDBConnection connection, TimeSpan timeout)
    {
        _connection = connection;
        _timeout = timeout;
    }

    public async Task<QueryAnswer> RunAsync(string sql)
    {
        var work = Task.Run(() => Run(sql));
        try
        {
            return await work.WaitAsync(_timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new FuzzProblem($"DuckDB took more than {_timeout.TotalSeconds:0} s: the generator must not write such queries\n{sql}");
        }
    }

    private QueryAnswer Run(string sql)
    {
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT CAST(COLUMNS(*) AS VARCHAR) FROM (" + sql + ") AS fuzz_query";
            using var reader = command.ExecuteReader();
            var rows = new List<string?[]>();
            while (reader.Read())
            {
                var row = new string?[reader.FieldCount];
                for (var c = 0; c < row.Length; c++)
                {
                    row[c] = reader.IsDBNull(c) ? null : reader.GetString(c);
                }

                rows.Add(row);
            }

            return QueryAnswer.Of(rows);
        }
        catch (DuckDBException e)
        {
            return QueryAnswer.Of(e.Message, "duckdb");
        }
    }
}
