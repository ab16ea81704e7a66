using System.Globalization;
using Federation.Samples.Tpch;
using Federation.Samples.Tpch.Output;
using Federation.Samples.Tpch.Tables;
using ParquetSharp;

namespace Federation.Samples.Tests.Tpch;

/// <summary>The file sink's rolling and its write-then-rename publishing.</summary>
public sealed class ParquetFileSinkTests
{
    private static readonly TpchGenerationContext Context = new(new TpchScale(0.01), TpchGeneratorOptions.DefaultSeed, TpchTextPool.Shared, batchRows: 8_192);

    [Fact]
    public void Complete_StartsANewFileEveryMaxRowsPerFile()
    {
        using var directory = new TemporaryDirectory();
        IReadOnlyList<TpchDataFile> files;
        using (var sink = NationSink(directory.Path, maxRowsPerFile: 10))
        {
            AppendNations(sink, 25);
            files = sink.Complete();
        }

        Assert.Equal(["nation/part-00000.parquet", "nation/part-00001.parquet", "nation/part-00002.parquet"], files.Select(file => file.Path));
        Assert.Equal([10L, 10L, 5L], files.Select(file => file.Rows));
        Assert.Equal([10L, 10L, 5L], files.Select(file => RowsIn(Path.Combine(directory.Path, file.Path))));
        Assert.Equal(files.Select(file => Path.GetFileName(file.Path)).Order(StringComparer.Ordinal), FileNames(directory.Path));
    }

    [Fact]
    public void Dispose_BeforeComplete_LeavesOnlyTheFilesAlreadyFinished()
    {
        using var directory = new TemporaryDirectory();
        using (var sink = NationSink(directory.Path, maxRowsPerFile: 10))
        {
            // The first file fills up and is published; the second is still being written when the sink goes away.
            AppendNations(sink, 15);
        }

        Assert.Equal(["part-00000.parquet"], FileNames(directory.Path));
        Assert.Equal(10, RowsIn(Path.Combine(directory.Path, "nation", "part-00000.parquet")));
    }

    private static TableSink<SimpleTableBuilder> NationSink(string root, long maxRowsPerFile) => new(
        new NationBatchBuilder(Context),
        new ParquetFileSink(
            root,
            Path.Combine(root, "nation"),
            TpchTable.Nation,
            rowsPerRowGroup: 4,
            maxRowsPerFile,
            index => "part-" + index.ToString("D5", CultureInfo.InvariantCulture) + ".parquet"));

    private static void AppendNations(TableSink<SimpleTableBuilder> sink, int rows)
    {
        for (int row = 0; row < rows; row++)
        {
            sink.Builder.AppendRow(row);
            sink.RowAppended();
        }
    }

    private static List<string> FileNames(string root) =>
        [.. Directory.GetFiles(root, "*", SearchOption.AllDirectories).Select(file => Path.GetFileName(file)).Order(StringComparer.Ordinal)];

    private static long RowsIn(string parquetFile)
    {
        using var reader = new ParquetFileReader(parquetFile);
        return reader.FileMetaData.NumRows;
    }
}
