using Apache.Arrow;
using Federation.Common.Types;
using Federation.Execution;
using Federation.Logical;
using Federation.Logical.Plans;
using Federation.Logical.Tables;
using Federation.Physical.Files;
using Federation.Storage;
using Federation.Testing;
using ParquetSharp;

namespace Federation.Formats.Parquet.Tests;

/// <summary>
/// A scan partition reading several objects overlaps their I/O with decoding: while the last row group of one file
/// decodes, the first column chunks of the next are already being fetched.
/// </summary>
public sealed class ParquetScanPrefetchTests
{
    private const int RowsPerGroup = 20_000;

    /// <summary>Two row groups of one bigint column; values first, first + 1, ... (distinct, so the chunks stay large).</summary>
    private static byte[] TwoRowGroups(long first)
    {
        var path = Path.Combine(Path.GetTempPath(), $"fed-prefetch-{Guid.NewGuid():N}.parquet");
        try
        {
            using (var writer = new ParquetFileWriter(path, [new Column<long>("v")]))
            {
                for (var g = 0; g < 2; g++)
                {
                    using var rowGroup = writer.AppendRowGroup();
                    using var values = rowGroup.NextColumn().LogicalWriter<long>();
                    values.WriteBatch(Enumerable.Range(0, RowsPerGroup).Select(i => first + g * RowsPerGroup + i).ToArray());
                }

                writer.Close();
            }

            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task The_next_files_first_chunks_are_requested_while_the_last_row_group_of_the_current_one_is_being_read()
    {
        var memory = new InMemoryObjectStore("memory://lake");
        await memory.WriteAsync("t/a.parquet", TwoRowGroups(0), default);
        await memory.WriteAsync("t/b.parquet", TwoRowGroups(2 * RowsPerGroup), default);
        var store = new RecordingObjectStore(memory);
        var a = await memory.HeadAsync("t/a.parquet", default);
        var b = await memory.HeadAsync("t/b.parquet", default);

        // Footers by tail reads (no object is read whole), so every row group's chunks need a request of their own.
        var options = ObjectReadOptions.Default with { WholeObjectThreshold = 0 };
        var column = new TableColumn("v", SqlType.Int64);
        var config = new FileScanConfig("t", [column], 1, [new PartitionedFile(store, a, []), new PartitionedFile(store, b, [])],
            [new ScanColumn(0, new PlanColumn(1, "v", SqlType.Int64, true))], [], null, TargetPartitions: 1);
        var scan = await new ParquetFileFormat(options).CreateScanAsync(config, default);
        Assert.Equal(1, scan.OutputPartitionCount);

        // Below the tail each footer read fetched, every request of b is for its column chunks.
        var bTail = b.Size - options.TailBytes;
        bool ChunkOfB((string Key, long Offset, int Length) r) => r.Key == "t/b.parquet" && r.Offset >= 0 && r.Offset < bTail;
        var chunksOfB = store.RequestedAsync(ChunkOfB);
        Assert.False(chunksOfB.IsCompleted);

        var context = new TaskContext(new ExecutionOptions(), default, 0);
        var rows = 0L;
        var sum = 0L;
        var checkedOverlap = false;
        await using var batches = scan.ExecuteAsync(0, context).GetAsyncEnumerator();
        while (await batches.MoveNextAsync())
        {
            var values = (Int64Array)batches.Current.Column(0);
            if (!checkedOverlap && values.GetValue(0) >= RowsPerGroup)
            {
                // The first batch of a's last row group is in hand, and the scan waits for it to be taken: a is not
                // done decoding, yet b's chunks have been asked for (without the prefetch this would never happen).
                Assert.True(values.GetValue(0) < 2 * RowsPerGroup, "still reading a");
                await Eventually.CompletesAsync(chunksOfB, "b's first row group is requested before a's last one finished decoding");
                checkedOverlap = true;
            }

            rows += values.Length;
            for (var i = 0; i < values.Length; i++)
            {
                sum += values.GetValue(i)!.Value;
            }
        }

        Assert.True(checkedOverlap);
        const long total = 4L * RowsPerGroup;
        Assert.Equal(total, rows);
        Assert.Equal(total * (total - 1) / 2, sum);

        // Each object: the footer's tail, then its two row groups' chunks; nothing read twice.
        Assert.Equal(2, store.Ranges.Count(r => r.Key == "t/a.parquet" && r.Offset >= 0 && r.Offset < a.Size - options.TailBytes));
        var metrics = context.FindMetrics(scan)!;
        Assert.Equal(2, metrics.Counters["files_opened"]);
        Assert.Equal(0, metrics.Counters["footer_cache_hits"]);
        Assert.Equal(2, metrics.Counters["footer_cache_misses"]);
    }
}
