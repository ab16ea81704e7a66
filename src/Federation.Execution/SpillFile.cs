using System.Runtime.CompilerServices;
using Apache.Arrow;
using Apache.Arrow.Ipc;

namespace Federation.Execution;

/// <summary>A finished spill file: an Arrow IPC stream of batches, read back one batch at a time.</summary>
public sealed class SpillFile
{
    private readonly QuerySpill _owner;
    private int _deleted;

    internal SpillFile(QuerySpill owner, string path, Schema schema, long rows, int batches, long bytes)
    {
        _owner = owner;
        Path = path;
        Schema = schema;
        Rows = rows;
        Batches = batches;
        Bytes = bytes;
    }

    public string Path { get; }

    public Schema Schema { get; }

    public long Rows { get; }

    public int Batches { get; }

    public long Bytes { get; }

    /// <summary>The file's batches in the order they were written, with the schema they were written with.</summary>
    public async IAsyncEnumerable<RecordBatch> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (Rows == 0)
        {
            yield break;
        }

        var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (stream.ConfigureAwait(false))
        {
            using var reader = new ArrowStreamReader(stream, ManagedArrowAllocator.Instance, leaveOpen: true);
            while (await reader.ReadNextRecordBatchAsync(cancellationToken).ConfigureAwait(false) is { } batch)
            {
                yield return batch.Schema == Schema ? batch : new RecordBatch(Schema, Columns(batch), batch.Length);
            }
        }
    }

    private static IArrowArray[] Columns(RecordBatch batch)
    {
        var columns = new IArrowArray[batch.ColumnCount];
        for (var c = 0; c < columns.Length; c++)
        {
            columns[c] = batch.Column(c);
        }

        return columns;
    }

    /// <summary>Deletes the file once it has been read for the last time, giving its bytes back to the cap.</summary>
    public void Delete()
    {
        if (Interlocked.Exchange(ref _deleted, 1) == 0)
        {
            SpillWriter.TryDelete(Path);
            _owner.Give(Bytes);
        }
    }
}
