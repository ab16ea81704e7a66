using Federation.Execution;

namespace Federation.Physical.Operators;

/// <summary>
/// A hash join's build side that did not fit in memory (grace hash join): its rows in <see cref="SpillPartitions"/>
/// files by key hash, and the probe rows each probe partition wrote to files the same way. Once every probe partition
/// has written its rows, hash partition p is joined by probe partition p mod N alone: its build rows, then the probe
/// rows of every probe partition for p, so the rows a partition's outer or semi join keeps are decided in one place.
/// </summary>
internal sealed class SpilledJoinBuild
{
    private readonly TaskCompletionSource _allProbed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _remaining;

    public SpilledJoinBuild(SpillFile?[] buildFiles, Apache.Arrow.RecordBatch? nullKeyRows, int probePartitions)
    {
        BuildFiles = buildFiles;
        NullKeyRows = nullKeyRows;
        ProbeFiles = new SpillFile?[probePartitions][];
        _remaining = probePartitions;
    }

    /// <summary>The build rows by hash partition (null: no row).</summary>
    public SpillFile?[] BuildFiles { get; }

    /// <summary>
    /// Build rows with a NULL key compared with =, which match nothing; kept (in memory) only when the join emits
    /// unmatched build rows, and emitted by probe partition 0 after its hash partitions.
    /// </summary>
    public Apache.Arrow.RecordBatch? NullKeyRows { get; }

    /// <summary>Per probe partition, its probe rows by hash partition, once it has written them.</summary>
    public SpillFile?[]?[] ProbeFiles { get; }

    /// <summary>Completes when every probe partition has written its rows (or fails with the first that failed).</summary>
    public Task AllProbed => _allProbed.Task;

    /// <summary>Probe partition <paramref name="partition"/> has written all its rows.</summary>
    public void Arrive(int partition, SpillFile?[] files)
    {
        ProbeFiles[partition] = files;
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _allProbed.TrySetResult();
        }
    }

    /// <summary>A probe partition failed: the others stop waiting for it.</summary>
    public void Fail(Exception error) => _allProbed.TrySetException(error);
}
