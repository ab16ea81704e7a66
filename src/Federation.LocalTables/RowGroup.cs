namespace Federation.LocalTables;

/// <summary>Rows stored together: one block per column, all in one segment file of the table's folder.</summary>
public sealed record RowGroup(string File, int Rows, IReadOnlyList<ColumnChunk> Columns)
{
    public long StoredBytes
    {
        get
        {
            var total = 0L;
            foreach (var c in Columns)
            {
                total += c.Length;
            }

            return total;
        }
    }
}
