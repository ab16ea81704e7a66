using Apache.Arrow;

namespace Federation.Common.Arrow;

/// <summary>
/// Gathers the small batches a selective filter or join produces into batches of at least half the target size, so
/// that the operators above pay their per-batch costs (expression setup, hashing, allocation) per thousands of rows,
/// not per handful. A batch already that large passes through uncopied when nothing is waiting. Rows never wait
/// longer than <see cref="MaxWaitingInputs"/> input batches, so a LIMIT above a rare predicate still stops the
/// scan soon after the first match instead of when the table ends.
/// </summary>
public sealed class BatchCoalescer
{
    /// <summary>Input batches (with or without output) after which waiting rows are emitted anyway.</summary>
    public const int MaxWaitingInputs = 8;

    private readonly int _minimumRows;
    private int _waitingInputs;
    private readonly List<RecordBatch> _pending = [];
    private int _pendingRows;

    public BatchCoalescer(int targetRows)
    {
        _minimumRows = Math.Max(1, targetRows / 2);
    }

    /// <summary>
    /// Adds the output of one input batch (null or empty when it had none); returns a batch to emit, or null while
    /// rows wait for more.
    /// </summary>
    public RecordBatch? Push(RecordBatch? batch)
    {
        if (batch is null || batch.Length == 0)
        {
            return _pending.Count > 0 && ++_waitingInputs >= MaxWaitingInputs ? Flush() : null;
        }

        if (_pending.Count == 0 && batch.Length >= _minimumRows)
        {
            return batch;
        }

        _pending.Add(batch);
        _pendingRows += batch.Length;
        return _pendingRows >= _minimumRows || ++_waitingInputs >= MaxWaitingInputs ? Flush() : null;
    }

    /// <summary>What is still waiting, or null when nothing is.</summary>
    public RecordBatch? Flush()
    {
        if (_pending.Count == 0)
        {
            return null;
        }

        var output = BatchOps.Concat(_pending[0].Schema, _pending);
        _pending.Clear();
        _pendingRows = 0;
        _waitingInputs = 0;
        return output;
    }
}
