using Federation.Catalog.External;
using Federation.Catalog.Glue;
using Federation.Catalog.Hive;
using Federation.Catalog.Metastore;
using Federation.Common;

namespace Federation.Cli;

/// <summary>
/// The catalog clients this program ships, by the kind of schema: Hive metastores for FROM HIVE METASTORE, Glue for
/// FROM DATA CATALOG when the DataCatalog setting (FED_DATACATALOG) is glue; builtin (the default) keeps data-catalog
/// schemas in the built-in metastore.
/// </summary>
public sealed class ExternalMetastores(HiveMetastoreFactory hive, GlueMetastoreFactory glue, ExternalSchemaCatalog dataCatalog) : IExternalMetastoreFactory
{
    public ExternalSchemaCatalog DataCatalog => dataCatalog;

    public IMetastore Open(ExternalSchema schema) => schema.Catalog == ExternalSchemaCatalog.Glue ? glue.Open(schema) : hive.Open(schema);

    public string MetastoreKey(ExternalSchema schema) => schema.Catalog == ExternalSchemaCatalog.Glue ? glue.MetastoreKey(schema) : hive.MetastoreKey(schema);

    /// <summary>The DataCatalog setting: builtin (or unset) or glue; anything else is an error naming the setting.</summary>
    public static ExternalSchemaCatalog ParseDataCatalog(string? setting) => setting?.Trim().ToLowerInvariant() switch
    {
        null or "" or "builtin" => ExternalSchemaCatalog.DataCatalog,
        "glue" => ExternalSchemaCatalog.Glue,
        _ => throw new FederationException(ErrorCode.InvalidArgument, $"DataCatalog (FED_DATACATALOG) '{setting}' is not builtin or glue"),
    };
}
