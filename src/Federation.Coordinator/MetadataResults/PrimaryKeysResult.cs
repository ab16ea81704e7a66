using Apache.Arrow;
using Apache.Arrow.Types;
using Federation.Engine;

namespace Federation.Coordinator.MetadataResults;

/// <summary>
/// CommandGetPrimaryKeys: always empty, since CREATE TABLE refuses key constraints and no table has one. The
/// columns are in the order of Arrow's C++ and Java libraries (key_sequence before key_name, unlike the comment in
/// the specification), since the clients are built on them.
/// </summary>
internal sealed class PrimaryKeysResult : IMetadataResult
{
    public static readonly Schema ResultSchema = new Schema.Builder()
        .Field(new Field("catalog_name", StringType.Default, nullable: true))
        .Field(new Field("db_schema_name", StringType.Default, nullable: true))
        .Field(new Field("table_name", StringType.Default, nullable: false))
        .Field(new Field("column_name", StringType.Default, nullable: false))
        .Field(new Field("key_sequence", Int32Type.Default, nullable: false))
        .Field(new Field("key_name", StringType.Default, nullable: true))
        .Build();

    public Schema Schema => ResultSchema;

    public RecordBatch Compute(Session session) => ArrowColumns.Empty(ResultSchema);
}
