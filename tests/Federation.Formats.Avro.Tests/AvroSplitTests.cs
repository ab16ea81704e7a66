using Apache.Arrow;
using Federation.Common.Types;
using Federation.Execution;
using Federation.Logical;
using Federation.Logical.Plans;
using Federation.Logical.Tables;
using Federation.Physical.Files;
using Federation.Storage;
using Federation.Testing;

namespace Federation.Formats.Avro.Tests;

/// <summary>
/// Byte-range splits of one Avro object in s3rver: for unit sizes from smaller than the header (its schema alone is over 1 KiB) to larger than the
/// file, the parts together read every record exactly once (a part reads the blocks that start in it), all parts in
/// one scan sharing the header they fetched once.
/// </summary>
public sealed class AvroSplitTests(S3BucketFixture data) : IClassFixture<S3BucketFixture>
{
    [Fact]
    public async Task Every_record_is_read_exactly_once_whatever_the_split_size()
    {
        const int records = 2000;
        var bytes = EventFiles.Write(records, "deflate", 7);
        const string key = "split/events.avro";
        await data.Store.WriteAsync(key, bytes, default);
        var meta = await data.Store.HeadAsync(key, default);
        TableColumn[] table = [new("id", SqlType.Int64), new("name", SqlType.String)];
        ScanColumn[] columns = [new(0, new PlanColumn(1, "id", SqlType.Int64, true)), new(1, new PlanColumn(2, "name", SqlType.String, true))];

        foreach (var unit in new[] { 150, 333, 1000, 4096, bytes.Length - 1, bytes.Length * 2 })
        {
            var format = new AvroFileFormat(unit);
            var file = new PartitionedFile(data.Store, meta, []);
            var splits = await format.SplitAsync(file, unit, default);
            IReadOnlyList<PartitionedFile> parts = splits is null ? [file] : [.. splits.Select(s => file with { RowGroups = s.RowGroups })];
            Assert.Equal(unit >= bytes.Length ? 1 : (bytes.Length + unit - 1) / unit, parts.Count);
            var config = new FileScanConfig("t", table, 2, parts, columns, [], null, parts.Count);
            var scan = await format.CreateScanAsync(config, default);
            var ids = new List<long>();
            for (var partition = 0; partition < scan.OutputPartitionCount; partition++)
            {
                var context = new TaskContext(new ExecutionOptions(), default, partition);
                await foreach (var batch in scan.ExecuteAsync(partition, context))
                {
                    var id = (Int64Array)batch.Column(0);
                    var name = (StringArray)batch.Column(1);
                    for (var r = 0; r < batch.Length; r++)
                    {
                        var value = id.GetValue(r)!.Value;
                        ids.Add(value);
                        Assert.Equal(value % 10 == 0 ? null : EventFiles.Name((int)value), name.GetString(r));
                    }
                }
            }

            ids.Sort();
            Assert.Equal(Enumerable.Range(1, records).Select(i => (long)i), ids);
        }
    }

    [Fact]
    public async Task Objects_of_one_unit_are_not_split()
    {
        var meta = new ObjectMeta("big.avro", 1000, DateTimeOffset.UnixEpoch, null);
        Assert.Null(await new AvroFileFormat(10).SplitAsync(new PartitionedFile(data.Store, meta, []), 1000, default));
        Assert.Equal(100, (await new AvroFileFormat(10).SplitAsync(new PartitionedFile(data.Store, meta, []), 10, default))!.Count);
    }
}
