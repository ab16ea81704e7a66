using System.Text.Json;
using Federation.Catalog.External;
using Federation.Catalog.Metastore;
using Federation.Common.Types;
using Federation.Logical.Tables;

namespace Federation.Engine.External;

/// <summary>
/// Redshift's views of external objects, with Redshift's column names: SVV_EXTERNAL_SCHEMAS, SVV_EXTERNAL_TABLES,
/// SVV_EXTERNAL_COLUMNS and SVV_EXTERNAL_PARTITIONS. Each is computed from the external catalog (partitions from the
/// metastore) when it is scanned.
/// </summary>
internal static class ExternalSystemViews
{
    /// <summary>The database name the views report as redshift_database_name.</summary>
    public const string DatabaseName = "federation";

    private static readonly TableColumn[] SchemaColumns =
    [
        Int("esoid"), Int("eskind"), Text("schemaname"), Int("esowner"), Text("databasename"), Text("esoptions"),
    ];

    private static readonly TableColumn[] TableColumns =
    [
        Text("redshift_database_name"), Text("schemaname"), Text("tablename"), Text("tabletype"), Text("location"), Text("input_format"),
        Text("output_format"), Text("serialization_lib"), Text("serde_parameters"), Int("compressed"), Text("parameters"),
    ];

    private static readonly TableColumn[] ColumnColumns =
    [
        Text("redshift_database_name"), Text("schemaname"), Text("tablename"), Text("columnname"), Text("external_type"), Int("columnnum"),
        Int("part_key"), Text("is_nullable"),
    ];

    private static readonly TableColumn[] PartitionColumns =
    [
        Text("schemaname"), Text("tablename"), Text("values"), Text("location"), Text("input_format"), Text("output_format"),
        Text("serialization_lib"), Text("serde_parameters"), Int("compressed"), Text("parameters"),
    ];

    private static readonly TableColumn[] QuerySummaryColumns =
    [
        Long("query"), Text("external_table_name"), Bool("is_partitioned"), Long("s3_scanned_rows"), Long("s3_scanned_bytes"),
        Long("s3query_returned_rows"), Long("files"), Long("requests"), Time("starttime"), Time("endtime"), Long("elapsed"),
    ];

    private static readonly TableColumn[] PartitionScanColumns =
    [
        Long("query"), Text("external_table_name"), Time("starttime"), Time("endtime"), Long("duration"), Long("total_partitions"),
        Long("qualified_partitions"), Long("projected_partitions"),
    ];

    private static readonly TableColumn[] ScanErrorColumns =
    [
        Long("query"), Text("location"), Text("rowid"), Text("colname"), Text("original_value"), Text("modified_value"), Text("trigger"),
        Text("action"), Text("action_value"), Int("error_code"),
    ];

    /// <summary>The view of that name (svv_external_tables, svl_s3query_summary, ...), or null.</summary>
    public static SystemTable? Find(string name, ExternalCatalog external, ExternalScanLog log, ScanErrorLog errors) => name.ToLowerInvariant() switch
    {
        "svl_spectrum_scan_error" => new SystemTable("svl_spectrum_scan_error", ScanErrorColumns, _ => Task.FromResult(ScanErrors(errors))),
        "svl_s3query_summary" => new SystemTable("svl_s3query_summary", QuerySummaryColumns, _ => Task.FromResult(QuerySummary(log))),
        "svl_s3partition" => new SystemTable("svl_s3partition", PartitionScanColumns, _ => Task.FromResult(PartitionScans(log))),
        "svv_external_schemas" => new SystemTable("svv_external_schemas", SchemaColumns, _ => Task.FromResult(Schemas(external))),
        "svv_external_tables" => new SystemTable("svv_external_tables", TableColumns, _ => Task.FromResult(Tables(external))),
        "svv_external_columns" => new SystemTable("svv_external_columns", ColumnColumns, _ => Task.FromResult(Columns(external))),
        "svv_external_partitions" => new SystemTable("svv_external_partitions", PartitionColumns, ct => PartitionsAsync(external, ct)),
        _ => null,
    };

    private static TableColumn Text(string name) => new(name, SqlType.String);

    private static TableColumn Int(string name) => new(name, SqlType.Int32);

    private static TableColumn Long(string name) => new(name, SqlType.Int64);

    private static TableColumn Bool(string name) => new(name, SqlType.Boolean);

    private static TableColumn Time(string name) => new(name, SqlType.Timestamp);

    private static long Micros(ExternalScanRecord r) => (r.End - r.Start).Ticks / 10;

    /// <summary>Per external scan of each recent query: rows and bytes read from storage and returned, files, requests.</summary>
    private static IReadOnlyList<object?[]> QuerySummary(ExternalScanLog log) =>
        log.Snapshot().Select(r => new object?[]
        {
            r.Query, r.Table, r.Partitioned, r.ScannedRows, r.ScannedBytes, r.ReturnedRows, r.Files, r.Requests, r.Start, r.End, Micros(r),
        }).ToArray();

    /// <summary>Per scan of a partitioned external table: how many partitions it had and how many the filters kept.</summary>
    private static IReadOnlyList<object?[]> PartitionScans(ExternalScanLog log) =>
        log.Snapshot().Where(r => r.Partitioned).Select(r => new object?[]
        {
            r.Query, r.Table, r.Start, r.End, Micros(r), r.PartitionsTotal, r.PartitionsQualified, r.PartitionsProjected,
        }).ToArray();

    /// <summary>Per value or row a scan handled instead of failing (a table's data handling, or spectrum_query_maxerror).</summary>
    private static IReadOnlyList<object?[]> ScanErrors(ScanErrorLog log) =>
        log.Snapshot().Select(e => new object?[]
        {
            e.Query, e.Record.Location, e.Record.RowId, e.Record.Column, e.Record.OriginalValue, e.Record.ModifiedValue, e.Record.Trigger,
            e.Record.Action, e.Record.ActionValue, (int)e.Record.ErrorCode,
        }).ToArray();

    private static string Json(object value) => JsonSerializer.Serialize(value);

    private static IReadOnlyList<object?[]> Schemas(ExternalCatalog external) =>
        external.Schemas().Select((s, i) => new object?[] { i + 1, s.Catalog == ExternalSchemaCatalog.Glue ? (int)ExternalSchemaCatalog.DataCatalog : (int)s.Catalog, s.Name, 1, s.Database, Json(s.Options) }).ToArray();

    private static IEnumerable<(ExternalSchema Schema, MetastoreTable Table)> AllTables(ExternalCatalog external) =>
        external.Schemas().SelectMany(s => external.Tables(s.Name).Select(t => (s, t)));

    private static IReadOnlyList<object?[]> Tables(ExternalCatalog external) =>
        AllTables(external).Select(x => new object?[]
        {
            DatabaseName, x.Schema.Name, x.Table.Name, "EXTERNAL_TABLE", x.Table.Location, x.Table.Storage.InputFormat, x.Table.Storage.OutputFormat,
            x.Table.Storage.SerdeLibrary, Json(x.Table.Storage.SerdeProperties), 0, Json(x.Table.Properties),
        }).ToArray();

    private static IReadOnlyList<object?[]> Columns(ExternalCatalog external)
    {
        var rows = new List<object?[]>();
        foreach (var (schema, table) in AllTables(external))
        {
            var number = 0;
            foreach (var column in table.Columns)
            {
                rows.Add([DatabaseName, schema.Name, table.Name, column.Name, column.Type, ++number, 0, "true"]);
            }

            var key = 0;
            foreach (var column in table.PartitionKeys)
            {
                rows.Add([DatabaseName, schema.Name, table.Name, column.Name, column.Type, ++number, ++key, "true"]);
            }
        }

        return rows;
    }

    private static async Task<IReadOnlyList<object?[]>> PartitionsAsync(ExternalCatalog external, CancellationToken cancellationToken)
    {
        var rows = new List<object?[]>();
        foreach (var (schema, table) in AllTables(external).Where(x => x.Table.IsPartitioned).ToArray())
        {
            foreach (var partition in await external.MetastoreFor(schema).ListPartitionsAsync(table.Database, table.Name, cancellationToken).ConfigureAwait(false))
            {
                rows.Add(
                [
                    schema.Name, table.Name, Json(partition.Values), partition.Location, table.Storage.InputFormat, table.Storage.OutputFormat,
                    table.Storage.SerdeLibrary, Json(table.Storage.SerdeProperties), 0, "{}",
                ]);
            }
        }

        return rows;
    }
}
