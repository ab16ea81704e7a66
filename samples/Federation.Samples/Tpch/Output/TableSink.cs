using Federation.Samples.Tpch.Columns;

namespace Federation.Samples.Tpch.Output;

/// <summary>
/// A batch builder and the files its batches go to. Callers append a row to <see cref="Builder"/>
/// and call <see cref="RowAppended"/>, which hands the batch to the files when it is full or when
/// the current file is.
/// </summary>
internal sealed class TableSink<TBuilder>(TBuilder builder, ParquetFileSink files) : IDisposable
    where TBuilder : TableBatchBuilder
{
    public TBuilder Builder { get; } = builder;

    public void RowAppended()
    {
        if (Builder.Count == Builder.Capacity || Builder.Count == files.RowsLeftInFile)
        {
            Flush();
        }
    }

    public IReadOnlyList<TpchDataFile> Complete()
    {
        Flush();
        return files.Complete();
    }

    public void Dispose() => files.Dispose();

    private void Flush()
    {
        if (Builder.Count == 0)
        {
            return;
        }
        files.Write(Builder.Build());
        Builder.Clear();
    }
}
