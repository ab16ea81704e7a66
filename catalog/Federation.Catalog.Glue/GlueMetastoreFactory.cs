using Federation.Catalog.External;
using Federation.Catalog.Metastore;

namespace Federation.Catalog.Glue;

/// <summary>
/// Opens the Glue Data Catalog of a FROM DATA CATALOG schema when the server's DataCatalog setting is glue: the
/// server's settings (<paramref name="defaults"/>) with the schema's REGION and CATALOG_ID. The one place a
/// GlueMetastore is made, so a caching decorator can wrap it.
/// </summary>
public sealed class GlueMetastoreFactory(GlueOptions defaults) : IExternalMetastoreFactory
{
    /// <summary>Glue is what FROM DATA CATALOG means where this factory serves the data catalog.</summary>
    public ExternalSchemaCatalog DataCatalog => ExternalSchemaCatalog.Glue;

    public IMetastore Open(ExternalSchema schema)
    {
        var options = OptionsFor(schema);
        // Kept answers for the TTL, as for Hive; our own DDL through it drops what it changed.
        return new CachingMetastore(new GlueMetastore(options), options.MetadataCacheTtl, options.Clock);
    }

    /// <summary>The endpoint, catalog id (the account's own when none) and region the schema's calls go to.</summary>
    public string MetastoreKey(ExternalSchema schema)
    {
        var options = OptionsFor(schema);
        return $"glue:{options.EndpointUri.AbsoluteUri}|{options.CatalogId}|{options.Region}";
    }

    private GlueOptions OptionsFor(ExternalSchema schema)
    {
        var options = defaults;
        if (schema.Options.GetValueOrDefault("REGION") is { Length: > 0 } region)
        {
            options = options with { Region = region };
        }

        if (schema.Options.GetValueOrDefault("CATALOG_ID") is { Length: > 0 } catalogId)
        {
            options = options with { CatalogId = catalogId };
        }

        return options;
    }
}
