using Federation.Samples.Tpch.Output;
using Federation.Samples.Tpch.Tables;

namespace Federation.Samples.Tpch.Work;

/// <summary>Writes a whole table other than ORDERS and LINEITEM into <c>&lt;table&gt;/&lt;table&gt;.parquet</c>.</summary>
internal sealed class SimpleTableWorkItem(
    TpchTable table, long rowCount, Func<SimpleTableBuilder> createBuilder, string datasetRoot, int rowsPerRowGroup)
    : IGenerationWorkItem
{
    public IReadOnlyList<TpchDataFile> Run(CancellationToken cancellationToken)
    {
        string name = TpchSchemas.TableName(table);
        using var sink = new TableSink<SimpleTableBuilder>(
            createBuilder(),
            new ParquetFileSink(datasetRoot, Path.Combine(datasetRoot, name), table, rowsPerRowGroup, long.MaxValue, _ => name + ".parquet"));
        for (long row = 0; row < rowCount; row++)
        {
            if ((row & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            sink.Builder.AppendRow(row);
            sink.RowAppended();
        }
        return sink.Complete();
    }
}
