namespace Federation.Catalog.External;

/// <summary>
/// A schema whose tables are described by a metastore database (CREATE EXTERNAL SCHEMA name FROM DATA CATALOG
/// DATABASE 'db'), with the options it was created with (REGION, IAM_ROLE, ...), kept for SVV_EXTERNAL_SCHEMAS.
/// </summary>
public sealed record ExternalSchema(string Name, string Database, IReadOnlyDictionary<string, string> Options);
