using Federation.Catalog.External;
using Federation.Catalog.Glue;
using Federation.Catalog.Hive;
using Federation.Catalog.Metastore;

namespace Federation.Testing;

/// <summary>A server's catalogs with DataCatalog = glue, as fed serve wires them: Glue for FROM DATA CATALOG, Hive for FROM HIVE METASTORE.</summary>
public sealed class GlueDataCatalog(GlueMetastoreFactory glue, HiveMetastoreFactory hive) : IExternalMetastoreFactory
{
    public ExternalSchemaCatalog DataCatalog => ExternalSchemaCatalog.Glue;

    public IMetastore Open(ExternalSchema schema) => schema.Catalog == ExternalSchemaCatalog.Glue ? glue.Open(schema) : hive.Open(schema);

    public string MetastoreKey(ExternalSchema schema) => schema.Catalog == ExternalSchemaCatalog.Glue ? glue.MetastoreKey(schema) : hive.MetastoreKey(schema);
}
