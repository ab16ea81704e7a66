using Apache.Arrow;
using Apache.Arrow.Types;
using Federation.Coordinator.Protocol;
using Federation.Engine;

namespace Federation.Coordinator.MetadataResults;

/// <summary>CommandGetDbSchemas: the catalog's schemas whose names match the pattern, ordered by name.</summary>
internal sealed class DbSchemasResult(CommandGetDbSchemas command) : IMetadataResult
{
    public static readonly Schema ResultSchema = new Schema.Builder()
        .Field(new Field("catalog_name", StringType.Default, nullable: true))
        .Field(new Field("db_schema_name", StringType.Default, nullable: false))
        .Build();

    public Schema Schema => ResultSchema;

    public RecordBatch Compute(Session session)
    {
        var schemas = CatalogNames.Selects(command.HasCatalog, command.Catalog)
            ? MatchingSchemas(session, command.HasDbSchemaFilterPattern, command.DbSchemaFilterPattern)
            : [];
        return new RecordBatch(ResultSchema, [ArrowColumns.Utf8(schemas.Select(_ => CatalogNames.Catalog)), ArrowColumns.Utf8(schemas)], schemas.Count);
    }

    /// <summary>The session's schema names (local and external) matching a filter pattern, in ordinal order.</summary>
    public static IReadOnlyList<string> MatchingSchemas(Session session, bool hasPattern, string pattern)
    {
        var filter = NamePattern.Parse(hasPattern, pattern);
        return session.SchemaNames().Where(filter.Matches).Order(StringComparer.Ordinal).ToArray();
    }
}
