using Federation.Engine;
using Federation.SqlLogic;

namespace Federation.Testing;

/// <summary>A statement's rows as text, values rendered as the SQL logic tests render them and joined by '|'.</summary>
public static class ResultRows
{
    public static async Task<List<string>> OfAsync(Session session, string sql)
    {
        var result = await session.ExecuteAsync(sql);
        var rows = new List<string>();
        foreach (var batch in await result.CollectAsync())
        {
            for (var r = 0; r < batch.Length; r++)
            {
                var values = new string[batch.ColumnCount];
                for (var c = 0; c < values.Length; c++)
                {
                    values[c] = SltValueFormatter.Format(batch.Column(c), r, result.ColumnTypes[c]);
                }

                rows.Add(string.Join('|', values));
            }
        }

        return rows;
    }
}
