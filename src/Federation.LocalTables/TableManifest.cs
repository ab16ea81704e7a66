using Federation.Logical.Tables;

namespace Federation.LocalTables;

/// <summary>
/// One committed version of a local table: its name, its columns and every row group it holds. A manifest is
/// never changed in place; a commit writes the next version beside it and renames it over the old one.
/// </summary>
public sealed record TableManifest(long Version, string Schema, string Name, IReadOnlyList<TableColumn> Columns, IReadOnlyList<RowGroup> RowGroups,
    IReadOnlyList<ColumnEncoding> Encodings)
{
    public long RowCount
    {
        get
        {
            var rows = 0L;
            foreach (var g in RowGroups)
            {
                rows += g.Rows;
            }

            return rows;
        }
    }
}
