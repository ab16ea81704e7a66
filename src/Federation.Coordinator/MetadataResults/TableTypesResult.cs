using Apache.Arrow;
using Apache.Arrow.Types;
using Federation.Engine;

namespace Federation.Coordinator.MetadataResults;

/// <summary>CommandGetTableTypes: the one type every table has (see <see cref="CatalogNames"/>).</summary>
internal sealed class TableTypesResult : IMetadataResult
{
    public static readonly Schema ResultSchema = new Schema.Builder()
        .Field(new Field("table_type", StringType.Default, nullable: false))
        .Build();

    public Schema Schema => ResultSchema;

    public RecordBatch Compute(Session session) =>
        new(ResultSchema, [ArrowColumns.Utf8([CatalogNames.TableType])], 1);
}
