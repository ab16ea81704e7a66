using Federation.Common.Arrow;
using Federation.Common.Types;
using Federation.Engine;

namespace Federation.Testing;

/// <summary>Federation's answer to a query, as CLR values <see cref="ResultComparer"/> compares with DuckDB's.</summary>
public static class FederationRows
{
    public static async Task<List<object?[]>> RunAsync(FederationEngine engine, string sql)
    {
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
