using Apache.Arrow;
using Apache.Arrow.Types;
using Federation.Coordinator.Protocol;
using Federation.Engine;

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
        var rows = new List<(string Schema, string Table)>();
        if (CatalogNames.Selects(command.HasCatalog, command.Catalog) && TypeSelected())
        {
            var tableFilter = NamePattern.Parse(command.HasTableNameFilterPattern, command.TableNameFilterPattern);
            foreach (var schema in DbSchemasResult.MatchingSchemas(session, command.HasDbSchemaFilterPattern, command.DbSchemaFilterPattern))
            {
                rows.AddRange(session.Catalog.TableNames(schema).Where(tableFilter.Matches).Order(StringComparer.Ordinal).Select(t => (schema, t)));
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
            // A table dropped between the listing and here has no schema left to describe: an empty one stands in.
            columns.Add(ArrowColumns.Binary(rows.Select(r => session.Catalog.FindTable(r.Schema, r.Table) is { } table
                ? ArrowSerializationHelpers.SerializeSchema(TableSchemas.Describe(r.Schema, r.Table, table))
                : ArrowSerializationHelpers.SerializeSchema(new Schema.Builder().Build()))));
        }

        return new RecordBatch(Schema, columns, rows.Count);
    }

    /// <summary>An empty table_types list asks for every type; type names compare case-insensitively.</summary>
    private bool TypeSelected() =>
        command.TableTypes.Count == 0 || command.TableTypes.Any(t => string.Equals(t, CatalogNames.TableType, StringComparison.OrdinalIgnoreCase));
}
