using Apache.Arrow;
using Apache.Arrow.Types;
using Federation.Coordinator.Protocol;
using Federation.Engine;
using Federation.Physical.Tables;

namespace Federation.Coordinator.MetadataResults;

/// <summary>
/// CommandGetTables: the tables whose schema and name match the patterns and whose type is asked for, ordered by
/// schema and name, each with its IPC-serialized Arrow schema when include_schema is set (see <see cref="TableSchemas"/>).
/// </summary>
internal sealed class TablesResult(CommandGetTables command) : IMetadataResult
{
    public static readonly Schema ResultSchema = new Schema.Builder()
        .Field(new Field("catalog_name", StringType.Default, nullable: true))
        .Field(new Field("db_schema_name", StringType.Default, nullable: true))
        .Field(new Field("table_name", StringType.Default, nullable: false))
        .Field(new Field("table_type", StringType.Default, nullable: false))
        .Build();

    public static readonly Schema ResultSchemaWithTableSchema = new Schema.Builder()
        .Field(new Field("catalog_name", StringType.Default, nullable: true))
        .Field(new Field("db_schema_name", StringType.Default, nullable: true))
        .Field(new Field("table_name", StringType.Default, nullable: false))
        .Field(new Field("table_type", StringType.Default, nullable: false))
        .Field(new Field("table_schema", BinaryType.Default, nullable: false))
        .Build();

    public Schema Schema => command.IncludeSchema ? ResultSchemaWithTableSchema : ResultSchema;

    public RecordBatch Compute(Session session)
    {
        var rows = new List<(string Schema, string Table, ITableProvider Provider)>();
        if (CatalogNames.Selects(command.HasCatalog, command.Catalog) && TypeSelected())
        {
            var tableFilter = NamePattern.Parse(command.HasTableNameFilterPattern, command.TableNameFilterPattern);
            foreach (var schema in DbSchemasResult.MatchingSchemas(session, command.HasDbSchemaFilterPattern, command.DbSchemaFilterPattern))
            {
                foreach (var table in session.TableNames(schema).Where(tableFilter.Matches).Order(StringComparer.Ordinal))
                {
                    // A table dropped since its name was listed is no longer there to describe.
                    if (session.FindTable(schema, table) is { } provider)
                    {
                        rows.Add((schema, table, provider));
                    }
                }
            }
        }

        var columns = new List<IArrowArray>
        {
            ArrowColumns.Utf8(rows.Select(_ => CatalogNames.Catalog)),
            ArrowColumns.Utf8(rows.Select(r => r.Schema)),
            ArrowColumns.Utf8(rows.Select(r => r.Table)),
            ArrowColumns.Utf8(rows.Select(_ => CatalogNames.TableType)),
        };
        if (command.IncludeSchema)
        {
            columns.Add(ArrowColumns.Binary(rows.Select(r => ArrowSerializationHelpers.SerializeSchema(TableSchemas.Describe(r.Schema, r.Table, r.Provider)))));
        }

        return new RecordBatch(Schema, columns, rows.Count);
    }

    /// <summary>An empty table_types list asks for every type; type names compare case-insensitively.</summary>
    private bool TypeSelected() =>
        command.TableTypes.Count == 0 || command.TableTypes.Any(t => string.Equals(t, CatalogNames.TableType, StringComparison.OrdinalIgnoreCase));
}
