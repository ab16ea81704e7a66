using System.Text;
using Apache.Arrow;
using Federation.Common.Types;
using Federation.Execution;
using Federation.Logical;
using Federation.Logical.Plans;
using Federation.Logical.Tables;
using Federation.Physical.Files;
using Federation.Storage;
using Federation.Testing;

namespace Federation.Formats.Text.Tests;

/// <summary>
/// Byte-range splits of one text object in s3rver: for every unit size from one byte up, the parts together read each
/// record exactly once, whether a boundary falls inside a record, on its line break or just after it, with CRLF line
/// ends, a header skipped only by the first part, and a last line without a break.
/// </summary>
public sealed class TextSplitTests(S3BucketFixture data) : IClassFixture<S3BucketFixture>
{
    [Fact]
    public async Task Every_record_is_read_exactly_once_whatever_the_split_size()
    {
        var text = new StringBuilder("id|note\r\n");
        for (var i = 1; i <= 40; i++)
        {
            text.Append(i).Append('|').Append(new string('x', i % 7)).Append(i % 3 == 0 ? "\r\n" : "\n");
        }

        text.Append("41|last");
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        const string key = "split/one.tbl";
        await data.Store.WriteAsync(key, bytes, default);
        var meta = await data.Store.HeadAsync(key, default);
        TableColumn[] table = [new("id", SqlType.Int32), new("note", SqlType.String)];
        ScanColumn[] columns = [new(0, new PlanColumn(1, "id", SqlType.Int32, true)), new(1, new PlanColumn(2, "note", SqlType.String, true))];
        var properties = new Dictionary<string, string> { ["field.delim"] = "|", ["skip.header.line.count"] = "1" };

        for (var unit = 1; unit <= 24; unit++)
        {
            var format = new TextFileFormat("text", unit);
            var file = new PartitionedFile(data.Store, meta, []);
            var splits = await format.SplitAsync(file, unit, default);
            Assert.NotNull(splits);
            Assert.Equal((bytes.Length + unit - 1) / unit, splits.Count);
            var ids = new List<int>();
            foreach (var split in splits)
            {
                var config = new FileScanConfig("t", table, 2, [file with { RowGroups = split.RowGroups }], columns, [], null, 1)
                {
                    FormatProperties = properties,
                };
                var scan = await format.CreateScanAsync(config, default);
                var context = new TaskContext(new ExecutionOptions(), default, 0);
                await foreach (var batch in scan.ExecuteAsync(0, context))
                {
                    var id = (Int32Array)batch.Column(0);
                    var note = (StringArray)batch.Column(1);
                    for (var r = 0; r < batch.Length; r++)
                    {
                        ids.Add(id.GetValue(r)!.Value);
                        var expected = id.GetValue(r) == 41 ? "last" : new string('x', id.GetValue(r)!.Value % 7);
                        Assert.Equal(expected, note.GetString(r));
                    }
                }
            }

            ids.Sort();
            Assert.Equal(Enumerable.Range(1, 41), ids);
        }
    }

    [Fact]
    public async Task Csv_and_compressed_objects_are_not_split()
    {
        var meta = new ObjectMeta("big.csv", 1000, DateTimeOffset.UnixEpoch, null);
        Assert.Null(await new TextFileFormat("csv", 10).SplitAsync(new PartitionedFile(data.Store, meta, []), 10, default));
        Assert.Null(await new TextFileFormat("text", 10).SplitAsync(new PartitionedFile(data.Store, meta with { Key = "big.tbl.gz" }, []), 10, default));
        Assert.Equal(100, (await new TextFileFormat("text", 10).SplitAsync(new PartitionedFile(data.Store, meta with { Key = "big.tbl" }, []), 10, default))!.Count);
    }
}
