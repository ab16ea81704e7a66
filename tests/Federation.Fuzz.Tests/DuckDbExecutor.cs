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
            // Every value as DuckDB itself casts it to text, then every column's type (typeof), so that the comparison
            // can tell a decimal that lost fraction digits from a double.
            command.CommandText = "SELECT CAST(COLUMNS(*) AS VARCHAR), typeof(COLUMNS(*)) FROM (" + sql + ") AS fuzz_query";
            using var reader = command.ExecuteReader();
            var columns = reader.FieldCount / 2;
            var rows = new List<string?[]>();
            string[]? types = null;
            while (reader.Read())
            {
                var row = new string?[columns];
                for (var c = 0; c < row.Length; c++)
                {
                    row[c] = reader.IsDBNull(c) ? null : reader.GetString(c);
                }

                if (types is null)
                {
                    types = new string[columns];
                    for (var c = 0; c < columns; c++)
                    {
                        types[c] = reader.GetString(columns + c);
                    }
                }

                rows.Add(row);
            }

            return QueryAnswer.Of(rows) with { Types = types };
        }
        catch (DuckDBException e)
        {
            return QueryAnswer.Of(e.Message, "duckdb");
        }
    }
}
