using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Common.Types;
using Federation.Execution;
using Federation.Physical.Hashing;
using Federation.Physical.Spilling;

namespace Federation.Physical.Tests;

/// <summary>Rows split to spill files by key hash come back whole, in their order, each key in one file.</summary>
public sealed class SpillPartitionsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "fed-spill-partitions-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Rows_come_back_by_key_in_input_order_and_sliced_batches_are_written_as_their_slice()
    {
        var space = new SpillSpace(_folder);
        using var query = space.StartQuery();
        var schema = PhysicalOperator.BuildSchema([new PhysicalField("k", SqlType.Int64, true), new PhysicalField("s", SqlType.String, true)]);
        var keys = new List<long?>();
        var texts = new List<string?>();
        for (var i = 0; i < 10_000; i++)
        {
            keys.Add(i % 7 == 0 ? null : i % 101);
            texts.Add(i % 5 == 0 ? null : "row-" + i);
        }

        var whole = Batch(schema, keys, texts);
        var metrics = new OperatorMetrics();
        SpillFile?[] files;
        await using (var partitions = new SpillPartitions(query, schema, metrics, 1000, level: 1))
        {
            // Slices of one batch, as operators hand them on.
            for (var start = 0; start < whole.Length; start += 3000)
            {
                var slice = BatchOps.Slice(whole, start, Math.Min(3000, whole.Length - start));
                await partitions.AddAsync(slice, RowHasher.Hash([slice.Column(0)], [SqlType.Int64], slice.Length), CancellationToken.None);
            }

            files = await partitions.FinishAsync(CancellationToken.None);
        }

        Assert.True(metrics.Counters["spilled_bytes"] > 0);
        Assert.Equal(files.Count(f => f is not null), metrics.Counters["spill_files"]);
        var seen = new Dictionary<long, int>();
        var rows = 0;
        for (var p = 0; p < files.Length; p++)
        {
            if (files[p] is not { } file)
            {
                continue;
            }

            var previous = -1;
            await foreach (var batch in file.ReadAsync(CancellationToken.None))
            {
                var k = (Int64Array)batch.Column(0);
                var s = (StringArray)batch.Column(1);
                for (var r = 0; r < batch.Length; r++)
                {
                    // Each key (NULL too) lives in one partition; within it rows keep their order.
                    var key = k.GetValue(r) ?? long.MinValue;
                    Assert.Equal(p, seen.TryAdd(key, p) ? p : seen[key]);
                    if (s.GetString(r) is { } text)
                    {
                        var i = int.Parse(text.AsSpan(4), System.Globalization.CultureInfo.InvariantCulture);
                        Assert.True(i > previous);
                        Assert.Equal(keys[i], k.GetValue(r));
                        previous = i;
                    }

                    rows++;
                }
            }

            file.Delete();
        }

        Assert.Equal(10_000, rows);
        Assert.Equal(102, seen.Count);
        Assert.Equal(0, query.Bytes);
    }

    private static RecordBatch Batch(Schema schema, List<long?> keys, List<string?> texts)
    {
        var k = new Int64Array.Builder();
        var s = new StringArray.Builder();
        for (var i = 0; i < keys.Count; i++)
        {
            if (keys[i] is { } key)
            {
                k.Append(key);
            }
            else
            {
                k.AppendNull();
            }

            if (texts[i] is { } text)
            {
                s.Append(text);
            }
            else
            {
                s.AppendNull();
            }
        }

        return new RecordBatch(schema, [k.Build(), s.Build()], keys.Count);
    }
}
