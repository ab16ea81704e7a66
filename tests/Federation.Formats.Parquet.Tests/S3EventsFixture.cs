using Federation.Storage.S3;
using Federation.Testing;
using ParquetSharp;

namespace Federation.Formats.Parquet.Tests;

/// <summary>
/// A partitioned table's files in a real s3rver: events/day=1/ ... events/day=100/, each with two Parquet objects of
/// 50 rows (id = day * 1000 + i, amount = i * 1.5, note = 'n' + i), a _SUCCESS marker and an empty object; plus a
/// broken/ prefix holding one object that is not Parquet.
/// </summary>
public sealed class S3EventsFixture : IAsyncLifetime
{
    public const string Bucket = "spectrum";

    public const int Days = 100;

    public const int FilesPerDay = 2;

    public const int RowsPerFile = 50;

    private readonly S3rverFixture _s3 = new();

    public S3rverFixture S3 => _s3;

    public async Task InitializeAsync()
    {
        await _s3.InitializeAsync();
        await _s3.CreateBucketAsync(Bucket);
        var store = new S3ObjectStore(_s3.Client, Bucket, _s3.Options);
        var scratch = Path.Combine(Path.GetTempPath(), "fed-events-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(scratch);
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(1, Days), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (day, ct) =>
            {
                for (var file = 0; file < FilesPerDay; file++)
                {
                    var path = Path.Combine(scratch, $"{day}-{file}.parquet");
                    Write(path, day, file);
                    await store.WriteAsync($"events/day={day}/part-{file}.parquet", await File.ReadAllBytesAsync(path, ct), ct);
                }

                await store.WriteAsync($"events/day={day}/_SUCCESS", Array.Empty<byte>(), ct);
                await store.WriteAsync($"events/day={day}/empty.parquet", Array.Empty<byte>(), ct);
            });
            await store.WriteAsync("broken/day=1/part-0.parquet", "this is not a Parquet file, only text"u8.ToArray(), default);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>The bytes of one events object with <paramref name="rows"/> rows, as the fixture writes them.</summary>
    public static byte[] EventsObject(int day, int file, int rows)
    {
        var path = Path.Combine(Path.GetTempPath(), $"fed-events-{Guid.NewGuid():N}.parquet");
        try
        {
            Write(path, day, file, rows);
            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static void Write(string path, int day, int file, int rows = RowsPerFile)
    {
        var ids = new long[rows];
        var amounts = new double[rows];
        var notes = new string[rows];
        for (var i = 0; i < rows; i++)
        {
            var row = file * rows + i;
            ids[i] = day * 1000L + row;
            amounts[i] = row * 1.5;
            notes[i] = "n" + row;
        }

        var columns = new Column[] { new Column<long>("id"), new Column<double>("amount"), new Column<string>("note") };
        using var writer = new ParquetFileWriter(path, columns);
        using (var rowGroup = writer.AppendRowGroup())
        {
            using (var ids1 = rowGroup.NextColumn().LogicalWriter<long>())
            {
                ids1.WriteBatch(ids);
            }

            using (var amounts1 = rowGroup.NextColumn().LogicalWriter<double>())
            {
                amounts1.WriteBatch(amounts);
            }

            using (var notes1 = rowGroup.NextColumn().LogicalWriter<string>())
            {
                notes1.WriteBatch(notes);
            }
        }

        writer.Close();
    }

    public Task DisposeAsync() => _s3.DisposeAsync();
}
