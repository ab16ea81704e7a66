namespace Federation.Sql.Ast;

// Amazon Redshift Spectrum's external-table DDL: schemas backed by an external catalog, tables over files in
// object storage, and the partitions of those tables. Option values are string literals so that the binder
// can point at the one that is wrong.

/// <summary>
/// CREATE EXTERNAL SCHEMA [IF NOT EXISTS] name FROM {DATA CATALOG | HIVE METASTORE} followed by its clauses in any
/// order, each at most once: DATABASE 'db' (required), and for a data catalog REGION 'r', IAM_ROLE, CATALOG_ROLE and
/// CREATE EXTERNAL DATABASE IF NOT EXISTS; for a Hive metastore URI 'host' (required), PORT n and IAM_ROLE.
/// The parser allows each clause only with the catalog it belongs to, so a property that does not apply is null.
/// </summary>
public sealed record CreateExternalSchemaStatement(
    Identifier Name,
    bool IfNotExists,
    ExternalCatalogKind Catalog,
    StringLiteral Database) : Statement
{
    /// <summary>REGION 'r': the region of the data catalog, when it is not the service's own (data catalog only).</summary>
    public StringLiteral? Region { get; init; }

    /// <summary>CATALOG_ID 'account': the AWS account whose Glue Data Catalog holds the database (FROM DATA CATALOG only).</summary>
    public StringLiteral? CatalogId { get; init; }

    /// <summary>URI 'host': the Hive metastore's host name or address (Hive metastore only, and required there).</summary>
    public StringLiteral? Uri { get; init; }

    /// <summary>PORT n: the Hive metastore's port; null means the metastore's usual port (Hive metastore only).</summary>
    public int? Port { get; init; }

    /// <summary>IAM_ROLE: the role that reads the catalog and the files.</summary>
    public ExternalRole? IamRole { get; init; }

    /// <summary>CATALOG_ROLE: a separate role for the data catalog, when it differs from IAM_ROLE (data catalog only).</summary>
    public ExternalRole? CatalogRole { get; init; }

    /// <summary>CREATE EXTERNAL DATABASE IF NOT EXISTS: create the catalog database when it is missing (data catalog only).</summary>
    public bool CreateExternalDatabase { get; init; }
}

/// <summary>Where an external schema's tables are described.</summary>
public enum ExternalCatalogKind
{
    /// <summary>FROM DATA CATALOG: an AWS Glue Data Catalog (or the built-in catalog standing in for it).</summary>
    DataCatalog,

    /// <summary>FROM HIVE METASTORE: a Hive metastore reached over Thrift.</summary>
    HiveMetastore,
}

/// <summary>IAM_ROLE 'arn' or CATALOG_ROLE 'arn'; <see cref="Arn"/> is null for the keyword DEFAULT (the service's default role).</summary>
public sealed record ExternalRole(StringLiteral? Arn) : SqlNode
{
    public bool IsDefault => Arn is null;
}

/// <summary>
/// DROP SCHEMA [IF EXISTS] name [, ...] [DROP EXTERNAL DATABASE] [CASCADE | RESTRICT]. DROP EXTERNAL DATABASE also
/// drops the catalog database behind an external schema.
/// </summary>
public sealed record DropSchemaStatement(IReadOnlyList<Identifier> Names, bool IfExists, bool DropExternalDatabase, bool Cascade) : Statement;

/// <summary>
/// CREATE EXTERNAL TABLE [IF NOT EXISTS] schema.table (column type, ...) [PARTITIONED BY (column type, ...)]
/// [ROW FORMAT ...] STORED AS format LOCATION 'url' [TABLE PROPERTIES ('key'='value', ...)].
/// External columns have no constraints, so <see cref="ColumnDefinition.NotNull"/> is always false here.
/// Partition columns are not stored in the files: their values come from the partitions' folder names.
/// </summary>
public sealed record CreateExternalTableStatement(
    ObjectName Name,
    bool IfNotExists,
    IReadOnlyList<ColumnDefinition> Columns,
    IReadOnlyList<ColumnDefinition> PartitionColumns,
    RowFormat? RowFormat,
    StorageFormat StoredAs,
    StringLiteral Location,
    IReadOnlyList<KeyValueProperty> TableProperties) : Statement;

/// <summary>ROW FORMAT: how the rows of text-like files are laid out.</summary>
public abstract record RowFormat : SqlNode;

/// <summary>
/// ROW FORMAT DELIMITED with Hive's clauses: FIELDS TERMINATED BY [ESCAPED BY], COLLECTION ITEMS TERMINATED BY, MAP KEYS
/// TERMINATED BY, LINES TERMINATED BY, NULL DEFINED AS; null means the format's default.
/// </summary>
public sealed record DelimitedRowFormat(
    StringLiteral? FieldTerminator,
    StringLiteral? EscapeCharacter,
    StringLiteral? CollectionItemTerminator,
    StringLiteral? MapKeyTerminator,
    StringLiteral? LineTerminator,
    StringLiteral? NullText) : RowFormat;

/// <summary>ROW FORMAT SERDE 'class' [WITH SERDEPROPERTIES ('key'='value', ...)]: a Hive serializer/deserializer by class name.</summary>
public sealed record SerdeRowFormat(StringLiteral SerdeClass, IReadOnlyList<KeyValueProperty> Properties) : RowFormat;

/// <summary>
/// STORED AS a named file format, or STORED AS INPUTFORMAT 'class' OUTPUTFORMAT 'class' (<see cref="StorageFormatKind.InputOutputFormat"/>,
/// the only kind with the two class names).
/// </summary>
public sealed record StorageFormat(StorageFormatKind Kind, StringLiteral? InputFormat, StringLiteral? OutputFormat) : SqlNode;

public enum StorageFormatKind
{
    Parquet,
    Orc,
    TextFile,
    Avro,
    Json,
    SequenceFile,
    RcFile,

    /// <summary>INPUTFORMAT 'class' OUTPUTFORMAT 'class': Hive's reader and writer classes, named explicitly.</summary>
    InputOutputFormat,
}

/// <summary>'key' = 'value' in TABLE PROPERTIES or WITH SERDEPROPERTIES.</summary>
public sealed record KeyValueProperty(StringLiteral Key, StringLiteral Value) : SqlNode;

/// <summary>
/// PARTITION (key = 'value', ...): one partition of an external table, named by the values of its partition columns.
/// Values are always string literals, whatever the column's type, as in Spectrum and Hive.
/// </summary>
public sealed record PartitionSpec(IReadOnlyList<PartitionKeyValue> Values) : SqlNode;

public sealed record PartitionKeyValue(Identifier Key, StringLiteral Value) : SqlNode;

/// <summary>PARTITION (...) LOCATION 'url' in ALTER TABLE ... ADD PARTITION.</summary>
public sealed record PartitionLocation(PartitionSpec Partition, StringLiteral Location) : SqlNode;

/// <summary>The ALTER TABLE forms for external tables: their partitions, location and properties.</summary>
public abstract record AlterTableStatement(ObjectName Table) : Statement;

/// <summary>
/// ALTER TABLE name ADD [IF NOT EXISTS] PARTITION (...) LOCATION 'url' [PARTITION (...) LOCATION 'url' ...],
/// at most <see cref="Parsing.SqlParser.MaxPartitionsPerStatement"/> partitions.
/// </summary>
public sealed record AlterTableAddPartitionStatement(ObjectName Table, IReadOnlyList<PartitionLocation> Partitions, bool IfNotExists)
    : AlterTableStatement(Table);

/// <summary>ALTER TABLE name DROP [IF EXISTS] PARTITION (...) [, PARTITION (...) ...].</summary>
public sealed record AlterTableDropPartitionStatement(ObjectName Table, IReadOnlyList<PartitionSpec> Partitions, bool IfExists)
    : AlterTableStatement(Table);

/// <summary>ALTER TABLE name [PARTITION (...)] SET LOCATION 'url': moves one partition, or the whole table when <see cref="Partition"/> is null.</summary>
public sealed record AlterTableSetLocationStatement(ObjectName Table, PartitionSpec? Partition, StringLiteral Location)
    : AlterTableStatement(Table);

/// <summary>ALTER TABLE name SET TABLE PROPERTIES ('key'='value', ...): adds or replaces those properties.</summary>
public sealed record AlterTableSetTablePropertiesStatement(ObjectName Table, IReadOnlyList<KeyValueProperty> Properties)
    : AlterTableStatement(Table);

/// <summary>
/// Registers every partition folder found under the table's location that the catalog does not list yet:
/// MSCK REPAIR TABLE name (Hive's spelling) and ALTER TABLE name RECOVER PARTITIONS (Spark's and Athena's).
/// </summary>
public sealed record RecoverPartitionsStatement(ObjectName Table) : Statement;

/// <summary>REFRESH EXTERNAL SCHEMA name: drops what the schema's catalog client keeps (the metadata cache), so the next statement asks the catalog again.</summary>
public sealed record RefreshExternalSchemaStatement(Identifier Name) : Statement;

/// <summary>REFRESH TABLE name (Spark's and Databricks' spelling): drops what the metadata cache keeps of one external table (its definition and partition lists).</summary>
public sealed record RefreshTableStatement(ObjectName Table) : Statement;
