namespace Federation.Catalog.External;

/// <summary>
/// A schema whose tables are described by a metastore database (CREATE EXTERNAL SCHEMA name FROM DATA CATALOG
/// DATABASE 'db', or FROM HIVE METASTORE DATABASE 'db' URI 'host' PORT n), with the options it was created with
/// (REGION, IAM_ROLE, URI, PORT, ...), kept for SVV_EXTERNAL_SCHEMAS and, for a Hive metastore, to reach it.
/// </summary>
public sealed record ExternalSchema(string Name, string Database, IReadOnlyDictionary<string, string> Options)
{
    /// <summary>Which catalog holds the database; schemas saved before Hive schemas existed are data-catalog schemas.</summary>
    public ExternalSchemaCatalog Catalog { get; init; } = ExternalSchemaCatalog.DataCatalog;
}
