using Apache.Arrow;
using Apache.Arrow.Types;
using Federation.Engine;

namespace Federation.Coordinator.MetadataResults;

/// <summary>
/// CommandGetExportedKeys, CommandGetImportedKeys and CommandGetCrossReference, which share one schema: always
/// empty, since CREATE TABLE refuses foreign keys and no table has one.
/// </summary>
internal sealed class ForeignKeysResult : IMetadataResult
{
    public static readonly Schema ResultSchema = new Schema.Builder()
        .Field(new Field("pk_catalog_name", StringType.Default, nullable: true))
        .Field(new Field("pk_db_schema_name", StringType.Default, nullable: true))
        .Field(new Field("pk_table_name", StringType.Default, nullable: false))
        .Field(new Field("pk_column_name", StringType.Default, nullable: false))
        .Field(new Field("fk_catalog_name", StringType.Default, nullable: true))
        .Field(new Field("fk_db_schema_name", StringType.Default, nullable: true))
        .Field(new Field("fk_table_name", StringType.Default, nullable: false))
        .Field(new Field("fk_column_name", StringType.Default, nullable: false))
        .Field(new Field("key_sequence", Int32Type.Default, nullable: false))
        .Field(new Field("fk_key_name", StringType.Default, nullable: true))
        .Field(new Field("pk_key_name", StringType.Default, nullable: true))
        .Field(new Field("update_rule", UInt8Type.Default, nullable: false))
        .Field(new Field("delete_rule", UInt8Type.Default, nullable: false))
        .Build();

    public Schema Schema => ResultSchema;

    public RecordBatch Compute(Session session) => ArrowColumns.Empty(ResultSchema);
}
