using Federation.Catalog.Metastore;

namespace Federation.Catalog.External;

/// <summary>
/// Opens the metastore of an external schema that does not live in the built-in catalog (a Hive metastore at the
/// schema's URI and PORT). The program that hosts the engine supplies it, so the engine knows no catalog client.
/// </summary>
public interface IExternalMetastoreFactory
{
    /// <summary>The metastore for <paramref name="schema"/>; calls are made only when it is used.</summary>
    IMetastore Open(ExternalSchema schema);

    /// <summary>
    /// Which metastore holds <paramref name="schema"/>'s database (a Hive metastore's host and port; Glue's endpoint,
    /// catalog id and region): schemas with the same key share one client and one metadata cache.
    /// </summary>
    string MetastoreKey(ExternalSchema schema);

    /// <summary>What FROM DATA CATALOG means on this server (its DataCatalog setting): the built-in catalog, or Glue.</summary>
    ExternalSchemaCatalog DataCatalog => ExternalSchemaCatalog.DataCatalog;
}
