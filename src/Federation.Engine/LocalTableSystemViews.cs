using Federation.Common.Types;
using Federation.Engine.External;
using Federation.LocalTables;
using Federation.Logical.Tables;

namespace Federation.Engine;

/// <summary>
/// The local tables as they are stored, computed from each table's current manifest when scanned:
/// SVV_TABLE_INFO (Redshift's columns where they have a meaning here: rows, size in 1 MB blocks, whether columns are
/// encoded; plus the exact bytes, row groups and manifest version) and SVV_TABLE_COLUMN_INFO (per column, the ENCODE
/// it was given, the block layouts chosen with their row-group counts, stored bytes, NULL count).
/// </summary>
internal static class LocalTableSystemViews
{
    private static readonly TableColumn[] TableInfoColumns =
    [
        Text("database"), Text("schema"), Text("table"), Text("encoded"), Long("size"), Long("tbl_rows"), Long("size_bytes"), Long("row_groups"),
        Long("version"), Text("folder"),
    ];

    private static readonly TableColumn[] ColumnInfoColumns =
    [
        Text("schema"), Text("table"), Long("column_num"), Text("column"), Text("type"), Text("encode"), Text("encoding"), Long("compressed_bytes"), Long("null_count"),
    ];

    public static SystemTable? Find(string name, FederationEngine engine) => name.ToLowerInvariant() switch
    {
        "svv_table_info" => new SystemTable("svv_table_info", TableInfoColumns, _ => Task.FromResult(TableInfo(engine))),
        "svv_table_column_info" => new SystemTable("svv_table_column_info", ColumnInfoColumns, _ => Task.FromResult(ColumnInfo(engine))),
        _ => null,
    };

    private static TableColumn Text(string name) => new(name, SqlType.String);

    private static TableColumn Long(string name) => new(name, SqlType.Int64);

    private static IEnumerable<LocalTable> Tables(FederationEngine engine)
    {
        foreach (var schema in engine.Catalog.SchemaNames())
        {
            foreach (var name in engine.Catalog.TableNames(schema))
            {
                if (engine.Catalog.FindTable(schema, name) is LocalTable table)
                {
                    yield return table;
                }
            }
        }
    }

    private static IReadOnlyList<object?[]> TableInfo(FederationEngine engine)
    {
        var rows = new List<object?[]>();
        foreach (var table in Tables(engine))
        {
            var manifest = table.Manifest;
            var bytes = 0L;
            var encoded = false;
            foreach (var group in manifest.RowGroups)
            {
                bytes += group.StoredBytes;
                foreach (var chunk in group.Columns)
                {
                    encoded |= chunk.Encoding != BlockEncoding.Plain;
                }
            }

            rows.Add([ExternalSystemViews.DatabaseName, manifest.Schema, manifest.Name, encoded ? "Y" : "N", (bytes + (1 << 20) - 1) >> 20, manifest.RowCount, bytes,
                (long)manifest.RowGroups.Count, manifest.Version, table.Folder]);
        }

        return rows;
    }

    private static IReadOnlyList<object?[]> ColumnInfo(FederationEngine engine)
    {
        var rows = new List<object?[]>();
        foreach (var table in Tables(engine))
        {
            var manifest = table.Manifest;
            for (var c = 0; c < manifest.Columns.Count; c++)
            {
                var bytes = 0L;
                var nulls = 0L;
                var encodings = new SortedDictionary<string, int>(StringComparer.Ordinal);
                foreach (var group in manifest.RowGroups)
                {
                    var chunk = group.Columns[c];
                    bytes += chunk.Length;
                    nulls += chunk.NullCount;
                    var name = chunk.Encoding.ToString().ToLowerInvariant();
                    encodings[name] = encodings.GetValueOrDefault(name) + 1;
                }

                var encoding = string.Join(", ", encodings.Select(e => $"{e.Key} ({e.Value})"));
                rows.Add([manifest.Schema, manifest.Name, (long)c + 1, manifest.Columns[c].Name, manifest.Columns[c].Type.ToString(), manifest.Encodings[c].Name, encoding, bytes, nulls]);
            }
        }

        return rows;
    }
}
