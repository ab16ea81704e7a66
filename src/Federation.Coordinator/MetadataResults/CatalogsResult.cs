using Apache.Arrow;
using Apache.Arrow.Types;
using Federation.Engine;

namespace Federation.Coordinator.MetadataResults;

/// <summary>CommandGetCatalogs: the engine's one catalog (see <see cref="CatalogNames"/>).</summary>
internal sealed class CatalogsResult : IMetadataResult
{
    public static readonly Schema ResultSchema = new Schema.Builder()
        .Field(new Field("catalog_name", StringType.Default, nullable: false))
        .Build();

    public Schema Schema => ResultSchema;

    public RecordBatch Compute(Session session) =>
        new(ResultSchema, [ArrowColumns.Utf8([CatalogNames.Catalog])], 1);
}
