using Apache.Arrow;
using Apache.Arrow.Ipc;

namespace Federation.Execution;

/// <summary>
/// Writes record batches to one spill file as an Arrow IPC stream; every batch's bytes are counted against the spill
/// cap as they are written, so a query that would pass the cap fails before the disk fills.
/// </summary>
public sealed class SpillWriter : IAsyncDisposable
{
    private readonly QuerySpill _owner;
    private readonly string _path;
    private readonly Schema _schema;
    private readonly OperatorMetrics? _metrics;
    private readonly FileStream _stream;
    private readonly ArrowStreamWriter _writer;
    private long _counted;
    private long _rows;
    private int _batches;
    private bool _finished;

    internal SpillWriter(QuerySpill owner, string path, Schema schema, OperatorMetrics? metrics)
    {
        _owner = owner;
        _path = path;
        _schema = schema;
        _metrics = metrics;
        _stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        _writer = new ArrowStreamWriter(_stream, schema, leaveOpen: true);
    }

    public long Rows => _rows;

    public async ValueTask WriteAsync(RecordBatch batch, CancellationToken cancellationToken)
    {
        if (batch.Length == 0)
        {
            return;
        }

        await _writer.WriteRecordBatchAsync(batch, cancellationToken).ConfigureAwait(false);
        _rows += batch.Length;
        _batches++;
        Count();
    }

    /// <summary>Ends the stream and closes the file; the result reads it back.</summary>
    public async ValueTask<SpillFile> FinishAsync(CancellationToken cancellationToken)
    {
        await _writer.WriteEndAsync(cancellationToken).ConfigureAwait(false);
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        Count();
        _finished = true;
        var bytes = _counted;
        await DisposeAsync().ConfigureAwait(false);
        return new SpillFile(_owner, _path, _schema, _rows, _batches, bytes);
    }

    private void Count()
    {
        var position = _stream.Position;
        var added = position - _counted;
        if (added > 0)
        {
            _owner.Take(added);
            _counted = position;
            _metrics?.Add("spilled_bytes", added);
        }
    }

    /// <summary>Closes the file; one never finished (the operator failed or was cancelled) is deleted at once.</summary>
    public async ValueTask DisposeAsync()
    {
        _writer.Dispose();
        await _stream.DisposeAsync().ConfigureAwait(false);
        if (!_finished)
        {
            _finished = true;
            TryDelete(_path);
            _owner.Give(_counted);
        }
    }

    internal static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
