namespace Federation.Catalog.External;

/// <summary>The catalog behind an external schema; the values are what Redshift's SVV_EXTERNAL_SCHEMAS shows as eskind.</summary>
public enum ExternalSchemaCatalog
{
    /// <summary>FROM DATA CATALOG: the built-in catalog.</summary>
    DataCatalog = 1,

    /// <summary>FROM HIVE METASTORE: a Hive metastore reached over Thrift.</summary>
    HiveMetastore = 2,

    /// <summary>FROM DATA CATALOG on a server whose DataCatalog setting is glue: the AWS Glue Data Catalog (Redshift shows it as eskind 1).</summary>
    Glue = 11,
}
