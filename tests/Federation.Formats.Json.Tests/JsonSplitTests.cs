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

namespace Federation.Formats.Json.Tests;

/// <summary>
/// Byte-range splits of one JSON-lines object in s3rver: for every unit size from one byte up, the parts together read
/// each line exactly once, whether a boundary falls inside a line, on its line break or just after it, with CRLF
/// line ends, blank lines, line breaks escaped inside strings, and a last line without a break.
/// </summary>
public sealed class JsonSplitTests(S3BucketFixture data) : IClassFixture<S3BucketFixture>
{
    [Fact]
    public async Task Every_line_is_read_exactly_once_whatever_the_split_size()
    {
        var text = new StringBuilder();
        for (var i = 1; i <= 40; i++)
        {
            text.Append("{\"id\":").Append(i).Append(",\"note\":\"").Append(new string('x', i % 7)).Append(i % 5 == 0 ? "\\n" : "").Append("\"}")
                .Append(i % 3 == 0 ? "\r\n" : "\n");
            if (i % 11 == 0)
            {
                text.Append('\n');
            }
        }

        text.Append("{\"note\":\"last\",\"id\":41}");
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        const string key = "split/one.json";
        await data.Store.WriteAsync(key, bytes, default);
        var meta = await data.Store.HeadAsync(key, default);
        TableColumn[] table = [new("id", SqlType.Int32), new("note", SqlType.String)];
        ScanColumn[] columns = [new(0, new PlanColumn(1, "id", SqlType.Int32, true)), new(1, new PlanColumn(2, "note", SqlType.String, true))];

        for (var unit = 1; unit <= 40; unit++)
        {
            var format = new JsonFileFormat(unit);
            var file = new PartitionedFile(data.Store, meta, []);
            var splits = await format.SplitAsync(file, unit, default);
            Assert.NotNull(splits);
            Assert.Equal((bytes.Length + unit - 1) / unit, splits.Count);
            var ids = new List<int>();
            foreach (var split in splits)
            {
                var config = new FileScanConfig("t", table, 2, [file with { RowGroups = split.RowGroups }], columns, [], null, 1);
                var scan = await format.CreateScanAsync(config, default);
                var context = new TaskContext(new ExecutionOptions(), default, 0);
                await foreach (var batch in scan.ExecuteAsync(0, context))
                {
                    var id = (Int32Array)batch.Column(0);
                    var note = (StringArray)batch.Column(1);
                    for (var r = 0; r < batch.Length; r++)
                    {
                        var value = id.GetValue(r)!.Value;
                        ids.Add(value);
                        var expected = value == 41 ? "last" : new string('x', value % 7) + (value % 5 == 0 ? "\n" : "");
                        Assert.Equal(expected, note.GetString(r));
                    }
                }
            }

            ids.Sort();
            Assert.Equal(Enumerable.Range(1, 41), ids);
        }
    }

    [Fact]
    public async Task Compressed_objects_are_not_split_and_plain_ones_are()
    {
        var meta = new ObjectMeta("big.json.gz", 1000, DateTimeOffset.UnixEpoch, null);
        Assert.Null(await new JsonFileFormat(10).SplitAsync(new PartitionedFile(data.Store, meta, []), 10, default));
        Assert.Null(await new JsonFileFormat(10).SplitAsync(new PartitionedFile(data.Store, meta with { Key = "big.json.zst" }, []), 10, default));
        Assert.Equal(100, (await new JsonFileFormat(10).SplitAsync(new PartitionedFile(data.Store, meta with { Key = "big.json" }, []), 10, default))!.Count);
    }
}
