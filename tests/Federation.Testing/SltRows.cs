using Apache.Arrow;
using Federation.Common.Types;
using Federation.SqlLogic;

namespace Federation.Testing;

/// <summary>Rows of Arrow batches as the SQL logic runner prints their values, columns joined by '|': answers compared as text.</summary>
public static class SltRows
{
    public static List<string> Of(IEnumerable<RecordBatch> batches)
    {
        var rows = new List<string>();
        foreach (var batch in batches)
        {
            Append(batch, rows);
        }

        return rows;
    }

    /// <summary>Adds <paramref name="batch"/>'s rows to <paramref name="rows"/>, each value typed by its Arrow field.</summary>
    public static void Append(RecordBatch batch, List<string> rows)
    {
        var types = batch.Schema.FieldsList.Select(f => ArrowTypes.FromArrow(f.DataType)!).ToArray();
        for (var r = 0; r < batch.Length; r++)
        {
            var values = new string[batch.ColumnCount];
            for (var c = 0; c < values.Length; c++)
            {
                values[c] = SltValueFormatter.Format(batch.Column(c), r, types[c]);
            }

            rows.Add(string.Join('|', values));
        }
    }
}
